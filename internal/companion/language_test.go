package companion

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// TestLanguageSetting: the stored language is read before a Core exists,
// changing it changes the core's words, and an unknown one is refused when
// set but only followed-the-system when read from a file.
func TestLanguageSetting(t *testing.T) {
	dir := t.TempDir()
	if got := StoredLanguage(dir); got != words.PrefSystem {
		t.Errorf("no settings: stored language %q", got)
	}
	c, err := New(Config{SettingsDir: dir, Keychain: mockKeychain(t), MachineConfigPath: filepath.Join(dir, "none.json")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Words().Tag() != language.English {
		t.Errorf("the default words are %v", c.Words().Tag())
	}
	if err := c.UpdateSettings(func(s *Settings) { s.Language = "fr" }); err != nil {
		t.Fatal(err)
	}
	if c.Words().Tag() != language.French {
		t.Errorf("after choosing French the core speaks %v", c.Words().Tag())
	}
	if got := StoredLanguage(dir); got != words.PrefFrench {
		t.Errorf("stored language %q, want fr", got)
	}
	err = c.UpdateSettings(func(s *Settings) { s.Language = "de" })
	if !errors.Is(err, errBadSetting) {
		t.Errorf("German was not refused: %v", err)
	}
	if c.Settings().Language != words.PrefFrench {
		t.Errorf("a refused language changed the settings to %q", c.Settings().Language)
	}
	c.SetWords(words.New(language.English))
	if c.Words().Tag() != language.English {
		t.Error("SetWords did not change the words")
	}
	c.SetWords(nil)
	if c.Words() == nil {
		t.Error("SetWords(nil) left the core without words")
	}

	// A language a newer version wrote follows the system.
	if err := os.WriteFile(filepath.Join(dir, settingsFile), []byte(`{"language": "de"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := StoredLanguage(dir); got != words.PrefSystem {
		t.Errorf("an unknown stored language reads as %q", got)
	}
}

// TestKeychainProblemsInFrench: a keychain failure is said in the chosen
// language, not in the keychain package's own English.
func TestKeychainProblemsInFrench(t *testing.T) {
	fr := words.New(language.French)
	for _, tt := range []struct {
		err        error
		msg, start string
	}{
		{keychain.NewError(keychain.OpSet, keychain.ErrTimeout, nil), "Le trousseau n'a pas répondu à temps.", "Il n'a pas répondu à temps."},
		{keychain.NewError(keychain.OpSet, keychain.ErrTooLarge, nil), "Impossible d'enregistrer dans le trousseau.", "Le secret dépasse"},
		{keychain.NewError(keychain.OpGet, keychain.ErrUnavailable, nil), "Le trousseau n'est pas disponible.", ""},
	} {
		p := ExplainIn(fr, tt.err)
		if p.Message != tt.msg || !strings.HasPrefix(p.NextStep, tt.start) || strings.Contains(p.NextStep, " the ") {
			t.Errorf("%v: %q %q", tt.err, p.Message, p.NextStep)
		}
	}
}

// TestAddressProblemsInFrench: every reason the client gives for refusing
// an address has French words, and they reach the message.
func TestAddressProblemsInFrench(t *testing.T) {
	fr, en := words.New(language.French), words.English()
	codes := []string{client.AddrEmpty, client.AddrSpaces, client.AddrUserInfo, client.AddrScheme, client.AddrSlashes,
		client.AddrLetter, client.AddrCharacter, client.AddrNoHost, client.AddrOpenBracket, client.AddrAfterBracket,
		client.AddrNotIPv6, client.AddrIPv6Brackets, client.AddrPort, client.AddrZone, client.AddrHostTooLong,
		client.AddrEmptyLabel, client.AddrLabelTooLong, client.AddrLabelHyphen, client.AddrHostCharacter,
		client.AddrNotIP, client.AddrIncomplete}
	for _, code := range codes {
		if f, e := fr.AddressReason(code, `"x"`, "FALLBACK"), en.AddressReason(code, `"x"`, "FALLBACK"); f == "FALLBACK" || e == "FALLBACK" || f == e {
			t.Errorf("%s: French %q, English %q", code, f, e)
		}
	}
	for input, want := range map[string]string{
		"acme com":       "les espaces",
		"ftp://acme.com": "les adresses ftp ne sont pas prises en charge",
		"acme.com:99999": "le port doit être un nombre",
	} {
		_, err := client.ParseAddress(input)
		if p := ExplainIn(fr, err); !strings.Contains(p.Message, want) {
			t.Errorf("%q: %q does not say %q", input, p.Message, want)
		}
	}
}

// TestOddTokenInFrench: why an issued token cannot be read is said in
// French too.
func TestOddTokenInFrench(t *testing.T) {
	_, err := token.Inspect("abc")
	got := oddToken(words.New(language.French), nil, err, 3, time.Now())
	if want := "n'est pas un jeton qu'iObeya Token sait lire (3 caractères\u00a0: il n'est pas fait de trois parties séparées par des points)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
