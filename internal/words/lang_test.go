package words

import (
	"testing"

	"golang.org/x/text/language"
)

func TestEnvTag(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want language.Tag
	}{
		{map[string]string{}, language.English},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, language.French},
		{map[string]string{"LANG": "fr_CA.UTF-8"}, language.French},
		{map[string]string{"LANG": "fr_BE@euro"}, language.French},
		{map[string]string{"LANG": "fr"}, language.French},
		{map[string]string{"LANG": "de_DE.UTF-8"}, language.English},
		{map[string]string{"LANG": "C"}, language.English},
		{map[string]string{"LANG": "C.UTF-8"}, language.English},
		{map[string]string{"LANG": "POSIX"}, language.English},
		{map[string]string{"LANG": "nonsense!"}, language.English},
		// The first set of LC_ALL, LC_MESSAGES, LANG wins.
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, language.English},
		{map[string]string{"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, language.French},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, language.French},
		// gettext's LANGUAGE list comes first, except under the C locale.
		{map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "fr_FR:en"}, language.French},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LANGUAGE": "en"}, language.English},
		{map[string]string{"LANG": "C", "LANGUAGE": "fr"}, language.English},
	}
	for _, tt := range tests {
		if got := envTag(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: got %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestPref(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", PrefSystem, true},
		{"system", PrefSystem, true},
		{"en", PrefEnglish, true},
		{"EN", PrefEnglish, true},
		{"en-GB", PrefEnglish, true},
		{"fr", PrefFrench, true},
		{"fr_FR.UTF-8", PrefFrench, true},
		{"fr-CA", PrefFrench, true},
		{"Français", PrefFrench, true},
		{"de", PrefSystem, false},
		{"klingon", PrefSystem, false},
	}
	for _, tt := range tests {
		if got, ok := Pref(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("Pref(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestChooseFrom(t *testing.T) {
	french := func(k string) string {
		if k == "LANG" {
			return "fr_FR.UTF-8"
		}
		return ""
	}
	english := func(string) string { return "" }
	tests := []struct {
		pref   string
		getenv func(string) string
		want   language.Tag
	}{
		{"", french, language.French},
		{"system", french, language.French},
		{"", english, language.English},
		{"en", french, language.English},
		{"fr", english, language.French},
		{"de", french, language.French}, // not spoken: the system's
	}
	for _, tt := range tests {
		if got := ChooseFrom(tt.pref, tt.getenv).Tag(); got != tt.want {
			t.Errorf("ChooseFrom(%q): got %v, want %v", tt.pref, got, tt.want)
		}
	}
}

func TestPrefNames(t *testing.T) {
	en, fr := New(language.English), New(language.French)
	if got := en.PrefName(PrefSystem); got != "System language" {
		t.Errorf("got %q", got)
	}
	for _, w := range []*Words{en, fr} {
		if w.PrefName(PrefEnglish) != "English" || w.PrefName(PrefFrench) != "Français" {
			t.Errorf("%v: languages are not named in their own words", w.Tag())
		}
	}
	if len(Prefs()) != 3 || Prefs()[0] != PrefSystem {
		t.Errorf("Prefs() = %q", Prefs())
	}
}
