package words

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"
)

// appFrench reads locales/app.fr.toml: message ID → its forms.
func appFrench(t *testing.T) map[string]map[string]string {
	t.Helper()
	data, err := locales.ReadFile("locales/app.fr.toml")
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]map[string]string
	if err := toml.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	return file
}

// appIDs are the IDs declared in app.go, in order.
func appIDs(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("app.go")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range regexp.MustCompile(`(?:msg|plural)\("(\w+)"`).FindAllStringSubmatch(string(src), -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// TestAppWordsInFrench: every message of the window's own (app.go) has its
// French in app.fr.toml, with the same placeholders and plural forms, and
// the file holds nothing else.
func TestAppWordsInFrench(t *testing.T) {
	fr := appFrench(t)
	ids := appIDs(t)
	if len(ids) == 0 {
		t.Fatal("no message found in app.go")
	}
	byID := map[string]*Message{}
	for _, m := range Catalogue() {
		byID[m.ID] = m
	}
	for _, id := range ids {
		m, forms := byID[id], fr[id]
		if m == nil {
			t.Errorf("%s is not in the catalogue", id)
			continue
		}
		if forms["other"] == "" {
			t.Errorf("%s has no French", id)
			continue
		}
		if (m.One != "") != (forms["one"] != "") {
			t.Errorf("%s: the English and the French do not both have plural forms", id)
		}
		want := placeholders(m.One + m.Other)
		for form, text := range forms {
			if got := placeholders(text); !slices.Equal(got, want) && !(form == "one" && slices.Equal(got, placeholders(m.One))) {
				t.Errorf("%s (%s): placeholders %v, want %v", id, form, got, want)
			}
		}
	}
	for id := range fr {
		if !slices.Contains(ids, id) {
			t.Errorf("app.fr.toml has %s, which app.go does not declare", id)
		}
	}
	t.Logf("%d window messages in English and French", len(ids))
}

// placeholders are the distinct names a text fills, sorted.
func placeholders(text string) []string {
	var names []string
	for _, p := range placeholder.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(names, p[1]) {
			names = append(names, p[1])
		}
	}
	slices.Sort(names)
	return names
}

// TestAppFrenchTypography: a no-break space (U+00A0 or the narrow U+202F)
// before : ; ? and !, never a plain one or none (a URL's "://" aside).
func TestAppFrenchTypography(t *testing.T) {
	for _, bad := range []string{"Copié : x", "Copié: x", "Vraiment ?"} {
		if frenchTypography(bad) == "" {
			t.Fatalf("the check passes %q", bad)
		}
	}
	for id, forms := range appFrench(t) {
		for _, text := range forms {
			if err := frenchTypography(text); err != "" {
				t.Errorf("%s: %s in %q", id, err, text)
			}
		}
	}
}

// frenchTypography says what is wrong with the spacing of text's high
// punctuation, or "".
func frenchTypography(text string) string {
	r := []rune(text)
	for i, c := range r {
		if !strings.ContainsRune(":;?!", c) {
			continue
		}
		if c == ':' && i+2 < len(r) && r[i+1] == '/' && r[i+2] == '/' {
			continue
		}
		if i == 0 || (r[i-1] != '\u00a0' && r[i-1] != '\u202f') {
			return "no no-break space before " + string(c)
		}
	}
	return ""
}

// TestAppWordsSayFrench: the window's words come out in French through the
// bundle, plural forms included.
func TestAppWordsSayFrench(t *testing.T) {
	w := New(language.French)
	for _, tt := range []struct{ got, want string }{
		{w.Say(AppSettings, nil), "Paramètres"},
		{w.Count(AppWarnDays, 1, nil), "1 jour avant"},
		{w.Count(AppWarnDays, 7, nil), "7 jours avant"},
		{w.Say(AppUsingAddress, Args{"Address": "acme.iobeya.com"}), "Adresse retenue\u00a0: acme.iobeya.com"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
