package words

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

// The language preferences a user can store (Settings.Language) or give
// with --lang: follow the system, English, French.
const (
	PrefSystem  = ""
	PrefEnglish = "en"
	PrefFrench  = "fr"
)

// Prefs are the choices of a language setting, in the order a menu lists
// them: the system's language, English, Français.
func Prefs() []string { return []string{PrefSystem, PrefEnglish, PrefFrench} }

// Supported are the languages the catalogue speaks.
var Supported = []language.Tag{language.English, language.French}

// Pref reads a language preference as a user types it ("system", "en",
// "FR", "fr_FR.UTF-8", "English") and returns its stored form (PrefSystem,
// PrefEnglish or PrefFrench); ok is false for a language the catalogue does
// not speak.
func Pref(s string) (pref string, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "system", "auto", "default":
		return PrefSystem, true
	case "english", "anglais":
		return PrefEnglish, true
	case "french", "français", "francais":
		return PrefFrench, true
	}
	t := tagOf(s)
	if t == language.Und {
		return PrefSystem, false
	}
	switch b, _ := t.Base(); b {
	case fr:
		return PrefFrench, true
	case en:
		return PrefEnglish, true
	}
	return PrefSystem, false
}

var (
	fr, _ = language.French.Base()
	en, _ = language.English.Base()
)

// Choose returns the words of a preference: PrefSystem (or "system")
// follows System, "en" is English, "fr" French; anything else follows the
// system too.
func Choose(pref string) *Words { return ChooseFrom(pref, os.Getenv) }

// ChooseFrom is Choose with the environment read through getenv, so a
// command line given its own environment (and its tests) can follow it.
// getenv only matters where the language comes from the environment
// (Linux, the BSDs).
func ChooseFrom(pref string, getenv func(string) string) *Words {
	if p, ok := Pref(pref); ok && p != PrefSystem {
		return New(Match(tagOf(p)))
	}
	return New(systemTag(getenv))
}

// Match is the supported language for tag: French for any French tag
// (fr, fr-CA, fr-BE…), English otherwise.
func Match(tag language.Tag) language.Tag {
	if b, _ := tag.Base(); b == fr {
		return language.French
	}
	return language.English
}

// tagOf reads a locale name: a BCP 47 tag ("fr-CA") or a POSIX locale
// ("fr_FR.UTF-8", "fr_FR@euro"); the zero Tag (und) when it is none.
func tagOf(locale string) language.Tag {
	if i := strings.IndexAny(locale, ".@"); i >= 0 {
		locale = locale[:i]
	}
	locale = strings.ReplaceAll(locale, "_", "-")
	if locale == "" || locale == "C" || locale == "POSIX" {
		return language.Und
	}
	t, err := language.Parse(locale)
	if err != nil {
		return language.Und
	}
	return t
}

// envTag is the language of a POSIX environment, read the way gettext (and
// Fyne, through go-locale) reads it: the first set of LC_ALL, LC_MESSAGES
// and LANG; then, unless that is C or POSIX, the first language of
// LANGUAGE, when set, wins.
func envTag(getenv func(string) string) language.Tag {
	locale := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(v); locale != "" {
			break
		}
	}
	if locale == "C" || locale == "POSIX" || strings.HasPrefix(locale, "C.") {
		return language.English
	}
	if list := getenv("LANGUAGE"); list != "" {
		for _, l := range strings.Split(list, ":") {
			if t := tagOf(l); t != language.Und {
				return Match(t)
			}
		}
	}
	return Match(tagOf(locale))
}

var prefSystemName = msg("LanguageSystem", "System language")

// PrefName is how a language setting's menu names a preference: the
// system's language in these words, English and French in their own
// ("English", "Français"), so each reads it whatever the current language.
func (w *Words) PrefName(pref string) string {
	switch pref {
	case PrefEnglish:
		return "English"
	case PrefFrench:
		return "Français"
	}
	return w.Say(prefSystemName, nil)
}
