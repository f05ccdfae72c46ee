package words

import (
	"testing"

	"golang.org/x/text/language"
)

// TestAppWordsSayFrench: the window's words (app.go) come out in French
// through the bundle from their own file, app.fr.toml, plural forms
// included. (Completeness and typography: french_test.go.)
func TestAppWordsSayFrench(t *testing.T) {
	w := New(language.French)
	for _, tt := range []struct{ got, want string }{
		{w.Say(AppSettings, nil), "Réglages"},
		{w.Count(AppWarnDays, 1, nil), "1 jour avant"},
		{w.Count(AppWarnDays, 7, nil), "7 jours avant"},
		{w.Say(AppUsingAddress, Args{"Address": "acme.iobeya.com"}), "Adresse retenue\u00a0: acme.iobeya.com"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
