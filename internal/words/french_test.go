package words

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	tok "github.com/iobeya-token/iobeya-token/internal/token"
)

// translation is one message of a translation file.
type translation struct {
	file       string
	One, Other string
}

// translations reads every embedded file of a language (fr.toml,
// app.fr.toml…: go-i18n takes the language from the name's last part).
func translations(t *testing.T, lang string) map[string]translation {
	t.Helper()
	files, err := fs.Glob(locales, "locales/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	all := map[string]translation{}
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(filepath.Base(f), ".toml"), ".")
		if parts[len(parts)-1] != lang {
			continue
		}
		data, err := locales.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]map[string]string
		if err := toml.Unmarshal(data, &raw); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for id, forms := range raw {
			if _, dup := all[id]; dup {
				t.Errorf("%s: %s is translated twice", f, id)
			}
			all[id] = translation{file: f, One: forms["one"], Other: forms["other"]}
			for form := range forms {
				if form != "one" && form != "other" {
					t.Errorf("%s: %s has a form %q French does not use", f, id, form)
				}
			}
		}
	}
	return all
}

// placeholders are the names of a text's placeholders, sorted, once each.
func placeholders(texts ...string) []string {
	var names []string
	for _, text := range texts {
		for _, p := range placeholder.FindAllStringSubmatch(text, -1) {
			names = append(names, p[1])
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// backquoted are a flag usage's `names`, which the flag package prints as
// the option's value (--platform ADDRESS): one in each language or none.
var backquoted = regexp.MustCompile("`[^`]+`")

// TestFrenchCoversTheCatalogue: every message has French text with the
// same placeholders and, for a plural message, both of French's forms;
// the French files hold nothing else.
func TestFrenchCoversTheCatalogue(t *testing.T) {
	fr := translations(t, "fr")
	known := map[string]bool{}
	for _, m := range Catalogue() {
		known[m.ID] = true
		tr, ok := fr[m.ID]
		if !ok {
			t.Errorf("%s has no French text", m.ID)
			continue
		}
		if tr.Other == "" {
			t.Errorf("%s: the French text is empty", m.ID)
		}
		if (m.One != "") != (tr.One != "") {
			t.Errorf("%s: plural forms in English %v, in French %v", m.ID, m.One != "", tr.One != "")
		}
		if en, fr := placeholders(m.One, m.Other), placeholders(tr.One, tr.Other); !slices.Equal(en, fr) {
			t.Errorf("%s: placeholders %v in English, %v in French", m.ID, en, fr)
		}
		if m.One != "" && !strings.Contains(tr.Other, "{{.Count}}") {
			t.Errorf("%s: the French plural does not say {{.Count}}", m.ID)
		}
		if en, fr := len(backquoted.FindAllString(m.Other, -1)), len(backquoted.FindAllString(tr.Other, -1)); en != fr {
			t.Errorf("%s: %d `name` in English, %d in French", m.ID, en, fr)
		}
		if strings.Count(tr.One+tr.Other, "{{") != len(placeholder.FindAllString(tr.One+tr.Other, -1)) {
			t.Errorf("%s: a French placeholder is not {{.Name}}", m.ID)
		}
	}
	for id, tr := range fr {
		if !known[id] {
			t.Errorf("%s: %s is not a message of the catalogue", tr.file, id)
		}
	}
	t.Logf("%d messages, %d in French", len(known), len(fr))
}

// TestFrenchLocalizes says every message in French through the bundle
// itself, without English to fall back on: a file go-i18n reads
// differently from the test above, or a template that does not run, fails.
func TestFrenchLocalizes(t *testing.T) {
	bundleOnce.Do(load)
	loc := i18n.NewLocalizer(bundle, "fr")
	for _, m := range Catalogue() {
		args := map[string]any{}
		for _, p := range placeholders(m.One, m.Other) {
			args[p] = "x"
		}
		for _, n := range []any{nil, 0, 1, 2} {
			if n != nil && m.One == "" || n == nil && m.One != "" {
				continue
			}
			if n != nil {
				args["Count"] = n
			}
			got, tag, err := loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: m.ID, TemplateData: args, PluralCount: n})
			if err != nil || tag != language.French {
				t.Errorf("%s (%v): %q in %v: %v", m.ID, n, got, tag, err)
				continue
			}
			if strings.Contains(got, "<no value>") {
				t.Errorf("%s: %q", m.ID, got)
			}
		}
	}
}

// French typography: a no-break space before : and inside « », a narrow
// one before ; ? ! — never an ordinary space, and never none after a word.
var (
	spaceBefore  = regexp.MustCompile(`[ \t\n][:;?!»]|«[ \t\n]`)
	noSpaceAfter = regexp.MustCompile(`\p{L}[;?!](\s|$)|\p{L}:\s|«[^\x{00A0}]|[^\x{00A0}]»`)
	// quotedCode is code quoted as it is typed: an HTTP header line.
	quotedCode = regexp.MustCompile(`Authorization: Bearer`)
)

func TestFrenchTypography(t *testing.T) {
	for id, tr := range translations(t, "fr") {
		for _, text := range []string{tr.One, tr.Other} {
			text = placeholder.ReplaceAllString(quotedCode.ReplaceAllString(text, ""), "x")
			if m := spaceBefore.FindString(text); m != "" {
				t.Errorf("%s: an ordinary space in %q: %q", id, m, text)
			}
			if m := noSpaceAfter.FindString(text); m != "" {
				t.Errorf("%s: no no-break space in %q: %q", id, m, text)
			}
			if strings.Contains(text, "\u00a0;") || strings.Contains(text, "\u00a0?") || strings.Contains(text, "\u00a0!") {
				t.Errorf("%s: ; ? ! take a narrow no-break space (U+202F): %q", id, text)
			}
		}
	}
}

// TestFrench checks the words people read most, in French.
func TestFrench(t *testing.T) {
	w := New(language.French)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	exp := time.Date(2027, 2, 25, 12, 0, 0, 0, time.UTC)
	f := Facts{State: tok.StateValid, ExpiresAt: now.Add(90 * day), CheckedAt: now, Platform: "acme.iobeya.com", PlatformURL: "https://acme.iobeya.com", SignedIn: true}
	tests := []struct{ got, want string }{
		{w.Date(exp, now), "25 février 2027"},
		{w.Date(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC), now), "1er mars 2027"},
		{w.Until(day), "1 jour"},
		{w.Until(2 * day), "2 jours"},
		{w.Until(0), "moins d'une minute"},
		{w.Delay(time.Second), "1 seconde"},
		{w.Delay(20 * time.Second), "20 secondes"},
		{w.Relative(now.Add(90*day), now), "dans 90 jours"},
		{w.Relative(now.Add(-3*day), now), "il y a 3 jours"},
		{w.Ago(now.Add(-30*time.Second), now), "à l'instant"},
		{w.CheckedLine(f, now), "Vérifié à l'instant"},
		{w.ExpiryLine(Facts{ExpiresAt: exp}, exp.Add(-90*day)), "Expire le 25 février 2027 — dans 90 jours"},
		{w.TrayLine(f, now), "Valide · expire dans 90 jours"},
		{w.Or([]string{"bearer", "header", "token"}), "bearer, header ou token"},
		{w.PrefName(PrefSystem), "Langue du système"},
		{w.State(tok.StateNone), "Pas encore de jeton"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	// The confirmations say what a token allows and what a revoke stops.
	if s := w.Say(CLIConfirmGenerate, Args{"Account": "a", "Platform": "p"}); !strings.Contains(s, "en votre nom") || !strings.Contains(s, "mot de passe") {
		t.Errorf("the confirmation to generate does not say the token acts as you: %q", s)
	}
	if s := w.Say(CLIConfirmRevoke, Args{"Account": "a", "Platform": "p"}); !strings.Contains(s, "Power Automate") || !strings.Contains(s, "cessent de fonctionner") {
		t.Errorf("the revoke confirmation does not say flows stop: %q", s)
	}
}

// TestEveryExportedMessageIsUsed: each message the package exports for
// its callers is named by one of them; a message nobody says is dead text
// to translate. (Unexported ones: TestMethodsFillTheirPlaceholders.)
func TestEveryExportedMessageIsUsed(t *testing.T) {
	exported := map[string]bool{}
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok || len(spec.Values) != len(spec.Names) {
				return true
			}
			for i, name := range spec.Names {
				call, ok := spec.Values[i].(*ast.CallExpr)
				if !ok || !name.IsExported() {
					continue
				}
				if fn, ok := call.Fun.(*ast.Ident); ok && (fn.Name == "msg" || fn.Name == "trouble" || fn.Name == "plural") {
					exported[name.Name] = true
				}
			}
			return true
		})
	}
	// The module's Go code outside this package: its callers.
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	for _, top := range []string{"app", "client", "cmd", "internal"} {
		err = filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && (d.Name() == "testdata" || path == filepath.Join(root, "internal", "words")):
				return filepath.SkipDir
			case d.IsDir() || !strings.HasSuffix(path, ".go"):
				return nil
			}
			b, err := os.ReadFile(path)
			src.Write(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`\bwords\.([A-Z]\w*)`).FindAllStringSubmatch(src.String(), -1) {
		used[m[1]] = true
	}
	for name := range exported {
		if !used[name] {
			t.Errorf("words.%s is said nowhere", name)
		}
	}
	t.Logf("%d exported messages", len(exported))
}
