package words

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

// placeholder finds a message's named placeholders: {{.Host}}.
var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func TestCatalogueIDsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range Catalogue() {
		if m.ID == "" || seen[m.ID] {
			t.Errorf("message ID %q is empty or used twice", m.ID)
		}
		seen[m.ID] = true
	}
	t.Logf("%d messages in the catalogue", len(seen))
}

func TestCatalogueMessagesReadWell(t *testing.T) {
	for _, m := range Catalogue() {
		for _, text := range []string{m.One, m.Other} {
			if text == "" {
				continue
			}
			// Every {{ is a named placeholder: no positional or misspelt ones.
			if strings.Count(text, "{{") != len(placeholder.FindAllString(text, -1)) {
				t.Errorf("%s: %q has a placeholder that is not {{.Name}}", m.ID, text)
			}
		}
		if m.One != "" && !strings.Contains(m.One+m.Other, "{{.Count}}") {
			t.Errorf("%s has plural forms but does not say {{.Count}}", m.ID)
		}
	}
}

// TestEveryPlaceholderIsFilled says every message with each placeholder it
// names filled, and fails on text/template's "<no value>" (a placeholder
// the caller forgot) or a left-over "{{".
func TestEveryPlaceholderIsFilled(t *testing.T) {
	w := English()
	for _, m := range Catalogue() {
		args := Args{}
		for _, p := range placeholder.FindAllStringSubmatch(m.One+m.Other, -1) {
			args[p[1]] = "x"
		}
		var got string
		if m.One != "" {
			got = w.Count(m, 2, args)
		} else {
			got = w.Say(m, args)
		}
		if got == "" || strings.Contains(got, "<no value>") || strings.Contains(got, "{{") {
			t.Errorf("%s says %q", m.ID, got)
		}
	}
}

// TestMethodsFillTheirPlaceholders runs every method over every state and
// checks that no placeholder is left empty, and that every message the
// methods own is reachable (the exported ones are said by the core and the
// command line, whose tests cover them).
func TestMethodsFillTheirPlaceholders(t *testing.T) {
	said := map[string]bool{}
	used = func(id string) { said[id] = true }
	defer func() { used = nil }()

	w := English()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	check := func(what, s string) {
		t.Helper()
		if strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
			t.Errorf("%s: %q", what, s)
		}
	}
	states := []token.State{"", token.StateNone, token.StateValid, token.StateExpiring, token.StateExpired, token.StateRevoked, token.StateUnknown, token.StateNoAccess}
	for _, s := range states {
		for _, exp := range []time.Time{{}, now.Add(90 * day), now.Add(-day)} {
			for _, f := range []Facts{
				{State: s, ExpiresAt: exp},
				{State: s, ExpiresAt: exp, Platform: "acme.iobeya.com", PlatformURL: "https://acme.iobeya.com"},
				{State: s, ExpiresAt: exp, Platform: "127.0.0.1:1", PlatformURL: "http://127.0.0.1:1", Demo: true, SignedIn: true,
					Account: "ada@acme.example", AccountName: "Ada", CheckedAt: now.Add(-time.Hour), CheckedWithServer: true},
				{State: s, ExpiresAt: exp, Platform: "acme.iobeya.com", PlatformURL: "https://acme.iobeya.com", Account: "ada@acme.example"},
				{State: s, ExpiresAt: exp, Platform: "acme.iobeya.com", PlatformURL: "https://acme.iobeya.com", BroughtIn: true},
			} {
				check("State", w.State(s))
				check("Headline", w.Headline(f))
				check("ExpiryLine", w.ExpiryLine(f, now))
				check("CheckedLine", w.CheckedLine(f, now))
				check("AccountLine", w.AccountLine(f))
				check("PlatformName", w.PlatformName(f))
				check("TrayLine", w.TrayLine(f, now))
				check("CLILine", w.CLILine(f, now))
				check("CLIHint", w.CLIHint(f))
				check("Place", w.Place(f))
				title, body := w.Notification(f, now)
				check("Notification", title+body)
			}
		}
	}
	for why := token.WhyNoToken; why <= token.WhyNoAccess; why++ {
		r := w.Reason(token.Status{Why: why, ExpiresAt: now.Add(3 * day), ExpiresIn: 3 * day}, now)
		if r == "" {
			t.Errorf("Why %d has no words", why)
		}
		check("Reason", r)
	}
	check("NoToken", w.NoToken())
	check("StrayToken", w.StrayToken())
	check("NoTokenAPI", w.NoTokenAPI())
	check("SignedOutDuringCheck", w.SignedOutDuringCheck(true)+w.SignedOutDuringCheck(false))
	for _, d := range []time.Duration{0, 30 * time.Second, 2 * time.Minute, 3 * time.Hour, 2 * day, 23*time.Hour + 50*time.Minute, 59*time.Minute + 50*time.Second} {
		check("Delay", w.Delay(d))
		check("Until", w.Until(d))
		check("InWords", w.InWords(d))
		check("Relative", w.Relative(now.Add(d), now)+w.Relative(now.Add(-d), now))
		check("Ago", w.Ago(now.Add(-d), now))
	}
	for m := time.January; m <= time.December; m++ {
		check("Date", w.Date(time.Date(2027, m, 1, 12, 0, 0, 0, time.UTC), now))
	}
	for _, f := range []string{"bearer", "header", "token", "powerautomate"} {
		check("Format", w.FormatLabel(f)+w.FormatWhat(f)+w.FormatDescription(f))
	}
	check("Countdown", w.Countdown(30)+w.Countdown(125))
	check("Or", w.Or([]string{"a", "b", "c"}))
	check("ThePlatform", w.ThePlatform()+w.ThePlatformStart()+w.Detail("x"))
	for _, p := range Prefs() {
		check("PrefName", w.PrefName(p))
	}
	for _, op := range []string{"get", "set", "delete", "check", "other"} {
		check("KeychainSummary", w.KeychainSummary(op))
	}
	for _, goos := range []string{"linux", "freebsd", "darwin", "windows"} {
		for _, s := range []string{SituationNoSession, SituationLocked, SituationUnavailable, SituationTimeout, SituationNotFound, SituationTooLarge, SituationCorrupt, SituationCancelled, ""} {
			check("KeychainHint", w.KeychainHint(goos, s))
		}
	}
	for code := range tokenWhy {
		check("TokenWhy", w.TokenWhy(code, ""))
	}
	for code := range addressReasons {
		check("AddressReason", w.AddressReason(code, `"x"`, ""))
	}
	for topic := range doctorTopics {
		check("DoctorTopic", w.DoctorTopic(topic))
	}

	for _, exp := range []time.Time{now.Add(3 * day), now.Add(time.Hour)} {
		title, body := w.Notification(Facts{State: token.StateExpiring, ExpiresAt: exp, Demo: true}, now)
		check("Notification", title+body)
	}
	for _, m := range Catalogue() {
		// Problems, the command line's, the tray's and the window's messages
		// are exported and said by their callers.
		exported := strings.HasPrefix(m.ID, "Problem") || strings.HasPrefix(m.ID, "CLI") || strings.HasPrefix(m.ID, "Tray") || strings.HasPrefix(m.ID, "Doctor") || strings.HasPrefix(m.ID, "Window") || strings.HasPrefix(m.ID, "App") || strings.HasPrefix(m.ID, "Signin")
		if !said[m.ID] && !exported {
			t.Errorf("message %s is never said by a method", m.ID)
		}
	}
}

func TestWords(t *testing.T) {
	w := English()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	paris := time.FixedZone("CET", 3600)
	tests := []struct{ got, want string }{
		{w.Count(durationDays, 1, nil), "1 day"},
		{w.Count(durationDays, 2, nil), "2 days"},
		{w.Relative(now.Add(day), now), "in 1 day"},
		{w.Relative(now.Add(2*day), now), "in 2 days"},
		{w.Relative(now.Add(-3*day), now), "3 days ago"},
		{w.Ago(now.Add(-30*time.Second), now), "just now"},
		{w.Delay(time.Second), "1 second"},
		{w.Delay(20 * time.Second), "20 seconds"},
		{w.Delay(3 * time.Minute), "3 minutes"},
		{w.Date(time.Date(2027, 3, 6, 23, 30, 0, 0, time.UTC), now.In(paris)), "7 March 2027"},
		{w.Or([]string{"bearer", "header", "token", "powerautomate"}), "bearer, header, token or powerautomate"},
		{w.Or([]string{"bearer"}), "bearer"},
		{w.Detail(""), ""},
		{w.Detail("access_denied"), " The platform said: access_denied."},
		{w.Detail("The user denied access."), " The platform said: The user denied access."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestTranslationFile checks the road a translation file takes: its
// messages replace the defaults for its language, a message it lacks falls
// back to English, and its plural forms follow its language's rules.
func TestTranslationFile(t *testing.T) {
	bundleOnce.Do(load)
	b := i18n.NewBundle(language.English)
	b.MustParseMessageFileBytes([]byte(`{"StateValid": "Valide", "DurationDays": {"one": "{{.Count}} jour", "other": "{{.Count}} jours"}}`), "fr.json")
	w := &Words{tag: language.French, loc: i18n.NewLocalizer(b, "fr", "en")}
	for _, tt := range []struct{ got, want string }{
		{w.State(token.StateValid), "Valide"},
		{w.State(token.StateRevoked), "Revoked"},
		{w.Until(day), "1 jour"},
		{w.Until(2 * day), "2 jours"},
		{w.Until(0), "less than a minute"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if New(language.German).State(token.StateValid) != "Valid" {
		t.Error("a language without a file does not fall back to English")
	}
}
