package words

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestWatchWordsInFrench: locales/watch.fr.toml parses, gives every
// message of watch.go, and keeps French typography (a no-break space
// before ; : ? !).
func TestWatchWordsInFrench(t *testing.T) {
	fr, en := New(language.French), English()
	for _, m := range []*Message{TrayWatchKept, TrayWatchKeptBody, TrayWatchFailed} {
		got := fr.Say(m, nil)
		if got == "" || got == en.Say(m, nil) {
			t.Errorf("%s has no French text: %q", m.ID, got)
		}
		for _, p := range []string{" ;", " :", " ?", " !"} {
			if strings.Contains(got, p) {
				t.Errorf("%s: %q has a plain space before %q", m.ID, got, p[1:])
			}
		}
	}
}
