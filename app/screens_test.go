package app

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"golang.org/x/text/language"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// screenCase is one screen of the window: how to reach it, and the texts
// it must show in English.
type screenCase struct {
	name   string
	status companion.Status
	opts   []option
	before func(h *harness) // before the start
	do     func(h *harness)
	want   []string // texts the screen must show, in English
}

// screenCases are the window's screens, reached through buttons named in
// the window's language; french gives the core's sentences in French.
func screenCases(french bool) []screenCase {
	signedOut := statusWith(companion.StateNone)
	signedOut.SignedIn = false
	keptSignedOut := statusWith(companion.StateValid)
	keptSignedOut.SignedIn = false
	demo := statusWith(companion.StateValid)
	demo.Platform, demo.PlatformURL, demo.Demo = "127.0.0.1:47001", "http://127.0.0.1:47001", true
	revoked := statusWith(companion.StateRevoked)
	revoked.Message = "The platform no longer accepts this token."
	if french {
		revoked.Message = words.New(language.French).Reason(token.Status{Why: token.WhyRevoked}, testNow)
	}
	bearer := func() string { return say().FormatLabel(string(companion.FormatBearer)) }

	return []screenCase{
		{name: "start_failed", status: statusWith(companion.StateValid),
			before: func(h *harness) { h.core.statusErr = client.ErrUnreachable },
			want:   []string{"iObeya Token could not start.", "Try again", companion.Explain(client.ErrUnreachable).Message}},
		{name: "firstrun", status: companion.Status{State: companion.StateNone},
			want: []string{"Welcome to iObeya Token", "Your iObeya platform address", "Continue", "Try the demo platform"}},
		{name: "firstrun_invalid", status: companion.Status{State: companion.StateNone},
			do:   func(h *harness) { test.Type(h.ui.platform.entry, "acme iobeya") },
			want: []string{companion.Explain(errAddress).Message}},
		{name: "signin", status: signedOut,
			want: []string{"Sign in with your browser", "acme.iobeya.com"}},
		{name: "signin_waiting", status: signedOut,
			do: func(h *harness) {
				h.core.block["Login"], h.core.loginURL, h.core.loginOpened = true, "https://acme.iobeya.com/authorize?x", true
				h.tap(word(words.AppSignInButton))
				h.waitStarted()
			},
			want: []string{"Finish signing in on the page your browser opened", "Copy sign-in link", "Open the browser again", "3:00 left to sign in", "Cancel"}},
		{name: "signin_nobrowser", status: signedOut,
			do: func(h *harness) {
				h.core.block["Login"], h.core.loginURL = true, "https://acme.iobeya.com/authorize?x"
				h.tap(word(words.AppSignInButton))
				h.waitStarted()
			},
			want: []string{"Your browser did not open", "Copy sign-in link"}},
		{name: "signin_failed", status: signedOut,
			do: func(h *harness) {
				// A sentinel whose words are settled, so the golden file does
				// not follow every change of wording in the core.
				h.core.loginErr = fmt.Errorf("sign-in: %w", client.ErrUnreachable)
				h.tap(word(words.AppSignInButton))
				h.settle()
			},
			want: []string{"Try again"}},
		{name: "notoken", status: statusWith(companion.StateNone),
			want: []string{"No token yet", "Signed in as Ada Lovelace · ada@acme.example on acme.iobeya.com.", "Generate token…"}},
		{name: "generate_confirm", status: statusWith(companion.StateNone),
			do:   func(h *harness) { h.tap(word(words.AppGenerateToken)) },
			want: []string{"Generate a personal access token?", "acts as you, with all your permissions", "Keep it like a password", "revoke it at any time"}},
		{name: "token_valid", status: statusWith(companion.StateValid),
			want: []string{"Valid", "Expires 12 June 2027 — in 197 days", "14 March 2026", "Ada Lovelace · ada@acme.example", "Last checked 2 minutes ago", "eyJhbGci…Xy12", "Copy for Power Automate", "Revoke…", "Revoke and generate new…", "Check now"}},
		{name: "token_expiring", status: statusWith(companion.StateExpiring),
			want: []string{"Expires soon", "in 3 days"}},
		{name: "token_expired", status: statusWith(companion.StateExpired),
			want: []string{"Expired", "2 days ago", "This token no longer works", "Generate a new token…"}},
		{name: "token_revoked", status: revoked,
			want: []string{"Revoked", "The platform no longer accepts this token.", "Generate a new token…"}},
		{name: "token_unknown", status: statusWith(companion.StateUnknown),
			want: []string{"Couldn't check", "Last checked 3 hours ago", "Copy for Power Automate"}},
		{name: "token_signedout", status: keptSignedOut,
			want: []string{"You are signed out", "Sign in…", "Copy for Power Automate"}},
		{name: "token_copied", status: statusWith(companion.StateValid),
			do: func(h *harness) {
				h.tap(bearer())
				h.settle()
			},
			want: []string{"Copied — clipboard clears in 1:30", "under Headers: type Authorization as the key"}},
		{name: "revoke_confirm", status: statusWith(companion.StateValid),
			do:   func(h *harness) { h.tap(word(words.AppRevoke)) },
			want: []string{"Revoke your token?", "stops working at once", "cannot be undone"}},
		{name: "regenerate_confirm", status: statusWith(companion.StateValid),
			do:   func(h *harness) { h.tap(word(words.AppRevokeAndNew)) },
			want: []string{"Revoke this token and generate a new one?", "acts as you, with all your permissions", "Keep it like a password", "revoke it at any time"}},
		{name: "unstored", status: statusWith(companion.StateNone),
			do: func(h *harness) {
				h.core.generated = companion.Generated{Status: statusWith(companion.StateNone), Unstored: "TEST-ONLY-NOT-A-TOKEN"}
				h.core.generateErr = &companion.NotStoredError{Cause: fmt.Errorf("keychain locked")}
				h.tap(word(words.AppGenerateToken))
				h.confirmation().Confirm()
				h.settle()
			},
			want: []string{"Save your new token now", "TEST-ONLY-NOT-A-TOKEN", "Copy for Power Automate", "I have saved it", companion.Explain(&companion.NotStoredError{}).Message}},
		{name: "settings", status: statusWith(companion.StateValid), opts: []option{withTray(new(*trayApp))},
			do:   func(h *harness) { h.tap(word(words.AppSettings)) },
			want: []string{"Settings", "After 90 seconds", "7 days before", "Show notifications", "Start in the tray", "Sign out", "Change…"}},
		{name: "demo", status: demo,
			want: []string{"Demo platform: its tokens work only on this computer."}},
		{name: "problem", status: statusWith(companion.StateValid),
			do: func(h *harness) {
				h.core.headerErr = fmt.Errorf("%w: tcp 10.1.2.3 refused", companion.ErrDamaged)
				h.tap(bearer())
				h.settle()
			},
			want: []string{companion.Explain(companion.ErrDamaged).Message, companion.Explain(companion.ErrDamaged).NextStep}},
	}
}

// TestScreens renders every state of the window to golden markup. Read the
// files under testdata/ after -update: they are what a user sees.
func TestScreens(t *testing.T) {
	for _, tt := range screenCases(false) {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.status, tt.opts...)
			if tt.before != nil {
				tt.before(h)
			}
			h.start()
			if tt.do != nil {
				tt.do(h)
			}
			h.assertMarkup(tt.name + ".xml")
			h.screenshot(tt.name + ".png")
			shown := h.shownText()
			for _, w := range tt.want {
				if !strings.Contains(shown, w) {
					t.Errorf("the screen does not say %q", w)
				}
			}
			if strings.Contains(h.markup(), h.jwt) {
				t.Error("the screen shows the token")
			}
			close(h.core.release)
			h.settle()
		})
	}
}

// TestShowFatal: the start-up failure window explains and offers Quit.
func TestShowFatal(t *testing.T) {
	test.NewTempApp(t)
	p := companion.Problem{Message: "The settings file is damaged.", NextStep: "Delete it, then start again."}
	w := ShowFatal(fyne.CurrentApp(), words.English(), p)
	defer w.Close()
	w.Resize(fyne.NewSize(480, 220))
	if *update {
		if err := os.WriteFile("testdata/fatal.xml", []byte(test.RenderToMarkup(w.Canvas())), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		test.AssertRendersToMarkup(t, "fatal.xml", w.Canvas())
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"iObeya Token cannot start", p.Message, p.NextStep, "Quit"} {
		if !strings.Contains(markup, want) {
			t.Errorf("missing %q", want)
		}
	}
	if b, ok := w.Canvas().Focused().(*actionButton); !ok || b.Text != "Quit" {
		t.Fatal("Quit does not have the focus: Enter would do nothing")
	}
}
