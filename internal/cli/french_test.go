package cli

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ with what the command line prints")

// Random at every run: a masked token ("eyJhbGci…Xy12") and the sign-in
// link's query (port, state, PKCE challenge).
var (
	masked    = regexp.MustCompile(`eyJ[A-Za-z0-9_-]*…[A-Za-z0-9_-]+`)
	linkQuery = regexp.MustCompile(`/authorize\?\S+`)
)

// golden compares what a run printed with testdata/name.golden, after
// putting the sandbox's random address and the masked token in fixed
// words. -update rewrites the file.
func (e *env) golden(t *testing.T, name string, r result) {
	t.Helper()
	got := r.String()
	got = strings.ReplaceAll(got, e.srv.URL(), "http://HOST")
	got = strings.ReplaceAll(got, e.host(), "HOST")
	got = masked.ReplaceAllString(got, "eyJ…MASK")
	got = linkQuery.ReplaceAllString(got, "/authorize?QUERY")
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// french is an environment whose system language is French.
func french(t *testing.T) *env {
	e := newEnv(t, sandbox.Config{})
	e.vars = map[string]string{"LANG": "fr_FR.UTF-8"}
	return e
}

// TestFrenchCommandLine runs the command line on a French system, from
// help to revoke, and compares each answer with its golden file.
func TestFrenchCommandLine(t *testing.T) {
	e := french(t)
	e.golden(t, "fr/help", e.run("--help"))
	e.golden(t, "fr/help-generate", e.run("generate", "--help"))
	e.golden(t, "fr/status-not-set-up", e.run("status"))
	e.golden(t, "fr/unknown-command", e.run("statut"))
	e.golden(t, "fr/unknown-option", e.run("status", "--nope"))
	e.golden(t, "fr/bad-value", e.run("login", "--timeout", "soon"))
	e.golden(t, "fr/login", e.run("login", "--platform", e.srv.URL(), "--timeout", "20s"))
	e.golden(t, "fr/status-no-token", e.run("status"))
	e.golden(t, "fr/generate-not-a-terminal", e.run("generate"))
	e.golden(t, "fr/generate-declined", e.runWith("n\n", true, "generate"))
	e.golden(t, "fr/generate", e.runWith("oui\n", true, "generate"))
	e.golden(t, "fr/generate-again", e.run("generate", "--yes"))
	e.golden(t, "fr/status", e.run("status"))
	e.golden(t, "fr/revoke", e.runWith("o\n", true, "revoke"))
	e.golden(t, "fr/status-revoked", e.run("status"))
}

// TestStatusJSONSameInBothLanguages: status --json is for scripts: its keys
// and values are the same in French and English, except message.
func TestStatusJSONSameInBothLanguages(t *testing.T) {
	e := french(t)
	e.login()
	compare := func(state string, hasMessage bool, args ...string) {
		t.Helper()
		fr := decode(t, e.run(append(args, "--json")...).stdout)
		en := decode(t, e.run(append([]string{"--lang", "en"}, append(args, "--json")...)...).stdout)
		if hasMessage && (fr["message"] == en["message"] || fr["message"] == "") {
			t.Errorf("message in French %q, in English %q", fr["message"], en["message"])
		}
		delete(fr, "message")
		delete(en, "message")
		if !reflect.DeepEqual(fr, en) {
			t.Errorf("status --json differs beyond its message:\nfr %v\nen %v", fr, en)
		}
		if fr["state"] != state {
			t.Errorf("state %q, want %s", fr["state"], state)
		}
	}
	compare("none", true, "status")
	e.must("generate", "--yes")
	e.must("status")                  // the first check uses the token: lastUsedAt is set from now on
	compare("valid", false, "status") // a valid token needs no message
}

// TestLangOverridesTheSystem: --lang en on a French system speaks English,
// before or after the command; --lang fr on an English one speaks French;
// an unknown language is a usage error.
func TestLangOverridesTheSystem(t *testing.T) {
	e := french(t)
	english := newEnv(t, sandbox.Config{})
	want := english.run("status")
	for _, args := range [][]string{{"--lang", "en", "status"}, {"status", "--lang=en"}, {"--lang", "EN", "status"}} {
		if r := e.run(args...); r != want {
			t.Errorf("%v on a French system:\n%s\nwant\n%s", args, r, want)
		}
	}
	if r := english.run("--lang", "fr", "status"); !strings.Contains(r.stdout, "Pas encore configuré") {
		t.Errorf("--lang fr: %s", r)
	}
	if r := e.run("--lang", "de", "status"); r.code != ExitUsage || !strings.Contains(r.stderr, `--lang "de"`) {
		t.Errorf("--lang de: %s", r)
	}
}

// TestStoredLanguage: the language chosen in the app's Settings wins over
// the system's, and --lang over both; "follow the system" follows it.
func TestStoredLanguage(t *testing.T) {
	e := french(t)
	write := func(lang string) {
		t.Helper()
		data := `{"language": "` + lang + `", "expiryWarningDays": 7}`
		if err := os.WriteFile(filepath.Join(e.dir, "settings.json"), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("en")
	if r := e.run("status"); !strings.Contains(r.stdout, "Not set up yet") {
		t.Errorf("stored English on a French system: %s", r)
	}
	if r := e.run("--lang", "fr", "status"); !strings.Contains(r.stdout, "Pas encore configuré") {
		t.Errorf("--lang fr over stored English: %s", r)
	}
	write("")
	if r := e.run("status"); !strings.Contains(r.stdout, "Pas encore configuré") {
		t.Errorf("stored \"follow the system\" on a French system: %s", r)
	}
}
