package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TestConfirmations: generate, revoke and regenerate reach the core only
// after the dialog's Confirm, never after Dismiss or Escape.
func TestConfirmations(t *testing.T) {
	tests := []struct {
		name   string
		status companion.Status
		button string
		call   string
	}{
		{"generate", statusWith(companion.StateNone), "Generate token…", "Generate(confirmed=true)"},
		{"revoke", statusWith(companion.StateValid), "Revoke…", "Revoke"},
		{"regenerate", statusWith(companion.StateValid), "Revoke and generate new…", "Regenerate(confirmed=true)"},
		{"replace expired", statusWith(companion.StateExpired), "Generate a new token…", "Regenerate(confirmed=true)"},
	}
	for _, tt := range tests {
		for _, answer := range []string{"Confirm", "Dismiss", "Escape", "Cancel button"} {
			t.Run(tt.name+"/"+answer, func(t *testing.T) {
				h := newHarness(t, tt.status).start()
				h.core.generated = companion.Generated{Status: statusWith(companion.StateValid)}
				h.tap(tt.button)
				if n := h.core.count(strings.SplitN(tt.call, "(", 2)[0]); n != 0 {
					t.Fatalf("%d calls before the answer", n)
				}
				switch answer {
				case "Confirm":
					h.confirmation().Confirm()
				case "Dismiss":
					h.confirmation().Dismiss()
				case "Escape":
					h.key(fyne.KeyEscape)
				case "Cancel button":
					h.tap("Cancel")
				}
				h.settle()
				want := 0
				if answer == "Confirm" {
					want = 1
				}
				if n := h.core.count(tt.call); n != want {
					t.Fatalf("%s: %d calls of %s, want %d (calls %v)", answer, n, tt.call, want, h.core.callList())
				}
				if h.ui.dialog != nil {
					t.Fatal("the dialog is still open")
				}
			})
		}
	}
}

// TestDoubleTaps: a second tap while a request is in flight sends nothing.
func TestDoubleTaps(t *testing.T) {
	tests := []struct {
		name   string
		status companion.Status
		button string
		call   string
	}{
		{"generate", statusWith(companion.StateNone), "Generate token…", "Generate"},
		{"revoke", statusWith(companion.StateValid), "Revoke…", "Revoke"},
		{"regenerate", statusWith(companion.StateValid), "Revoke and generate new…", "Regenerate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.status).start()
			h.core.block[tt.call] = true
			button := h.button(tt.button)
			test.Tap(button)
			test.Tap(button) // a second dialog is not stacked
			if n := len(h.ui.win.Canvas().Overlays().List()); n != 1 {
				t.Fatalf("%d dialogs open after a double tap", n)
			}
			first := h.confirmation()
			first.Confirm()
			first.Confirm() // a double click on the confirm button
			h.waitStarted()
			test.Tap(button) // the button is disabled while the call runs
			if h.ui.dialog != nil {
				t.Error("a new confirmation opened while the call runs")
			}
			close(h.core.release)
			h.settle()
			if n := h.core.count(tt.call + "("); tt.call != "Revoke" && n != 1 {
				t.Fatalf("%d calls, want 1: %v", n, h.core.callList())
			}
			if n := h.core.count(tt.call); n != 1 {
				t.Fatalf("%d calls, want 1: %v", n, h.core.callList())
			}
		})
	}
}

// TestCopyDoubleTap: two quick copies read the keychain once.
func TestCopyDoubleTap(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.core.block["Header"] = true
	test.Tap(h.button("Copy for Power Automate"))
	h.waitStarted()
	test.Tap(h.button("Copy for Power Automate"))
	h.key(fyne.KeyReturn)
	close(h.core.release)
	h.settle()
	if n := h.core.count("Header"); n != 1 {
		t.Fatalf("%d keychain reads, want 1", n)
	}
}

// TestUnstored: a token the keychain could not keep is shown once, can be
// copied, and is gone from the window once closed.
func TestUnstored(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateNone)).start()
	h.core.generated = companion.Generated{Status: statusWith(companion.StateNone), Unstored: h.jwt}
	h.core.generateErr = &companion.NotStoredError{Cause: errors.New("the keychain is locked")}
	h.tap("Generate token…")
	h.confirmation().Confirm()
	h.settle()

	shown := h.shownText()
	if !strings.Contains(shown, h.jwt) {
		t.Fatal("the unstored token is not shown")
	}
	p := companion.Explain(h.core.generateErr)
	for _, want := range []string{p.Message, p.NextStep} {
		if !strings.Contains(shown, want) {
			t.Errorf("the warning %q is missing", want)
		}
	}
	if strings.Contains(shown, "the keychain is locked") {
		t.Error("the error's own text is shown")
	}
	h.key(fyne.KeyEscape)
	if !strings.Contains(h.shownText(), h.jwt) {
		t.Fatal("Escape closed the one-time view: the token would be lost")
	}
	h.tap("Copy for Power Automate")
	if got := h.app.Clipboard().Content(); got != "Bearer "+h.jwt {
		t.Fatalf("clipboard has %d characters, not the Bearer header", len(got))
	}
	h.tap("Copy token only")
	if got := h.app.Clipboard().Content(); got != h.jwt {
		t.Fatal("clipboard does not hold the raw token")
	}
	h.tap("I have saved it")
	if strings.Contains(h.markup(), h.jwt) {
		t.Fatal("the token is still in the window after closing")
	}
	if h.ui.dialog != nil {
		t.Fatal("the one-time view is still open")
	}
}

// TestErrorsAreExplained: every failure shows companion.Explain's words,
// never the error's own text.
func TestErrorsAreExplained(t *testing.T) {
	secret := "dial tcp 10.9.8.7:443: connection refused"
	wrap := func(err error) error { return fmt.Errorf("%w: %s", err, secret) }
	signedOut := statusWith(companion.StateNone)
	signedOut.SignedIn = false
	tests := []struct {
		name   string
		status companion.Status
		err    error
		set    func(*fakeCore, error)
		do     func(*harness)
	}{
		{"generate", statusWith(companion.StateNone), wrap(companion.ErrTokenExists),
			func(f *fakeCore, err error) { f.generateErr = err },
			func(h *harness) { h.tap("Generate token…"); h.confirmation().Confirm() }},
		{"regenerate", statusWith(companion.StateValid), wrap(client.ErrUnreachable),
			func(f *fakeCore, err error) { f.generateErr = err },
			func(h *harness) { h.tap("Revoke and generate new…"); h.confirmation().Confirm() }},
		{"revoke", statusWith(companion.StateValid), wrap(companion.ErrNotRevoked),
			func(f *fakeCore, err error) { f.revokeErr = err },
			func(h *harness) { h.tap("Revoke…"); h.confirmation().Confirm() }},
		{"copy", statusWith(companion.StateValid), wrap(companion.ErrDamaged),
			func(f *fakeCore, err error) { f.headerErr = err },
			func(h *harness) { h.tap("Copy for Power Automate") }},
		{"check now", statusWith(companion.StateValid), wrap(companion.ErrSessionEnded),
			func(f *fakeCore, err error) { f.statusErr = err },
			func(h *harness) { h.tap("Check now") }},
		{"sign in", signedOut, wrap(client.ErrUnreachable),
			func(f *fakeCore, err error) { f.loginErr = err },
			func(h *harness) { h.tap("Sign in with your browser") }},
		{"sign out", statusWith(companion.StateValid), wrap(client.ErrUnreachable),
			func(f *fakeCore, err error) { f.logoutErr = err },
			func(h *harness) { h.tap("Settings"); h.tap("Sign out") }},
		{"settings", statusWith(companion.StateValid), wrap(client.ErrUnreachable),
			func(f *fakeCore, err error) { f.updateErr = err },
			func(h *harness) { h.tap("Settings"); test.Tap(h.ui.prefs.notify) }},
		{"platform", companion.Status{State: companion.StateNone}, wrap(client.ErrUnreachable),
			func(f *fakeCore, err error) { f.platformErr = err },
			func(h *harness) { test.Type(h.ui.platform.entry, "acme"); h.tap("Continue") }},
		{"demo", companion.Status{State: companion.StateNone}, wrap(client.ErrUnreachable),
			func(f *fakeCore, err error) { f.platformErr = err },
			func(h *harness) { h.tap("Try the demo platform") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.status).start()
			tt.set(h.core, tt.err)
			tt.do(h)
			h.settle()
			shown := h.shownText()
			p := companion.Explain(tt.err)
			if !strings.Contains(shown, p.Message) || !strings.Contains(shown, p.NextStep) {
				t.Errorf("the explanation %q / %q is not shown:\n%s", p.Message, p.NextStep, shown)
			}
			if strings.Contains(h.markup(), secret) || strings.Contains(shown, tt.err.Error()) {
				t.Error("the error's own text is shown")
			}
		})
	}
}

// TestDemoStartError: when the demo platform does not start, its error is
// explained and no platform is set.
func TestDemoStartError(t *testing.T) {
	h := newHarness(t, companion.Status{State: companion.StateNone}, func(h *harness, d *Deps) {
		d.StartDemo = func(ctx context.Context) (string, error) {
			_ = h.core.pass(ctx)
			return "", fmt.Errorf("%w: listen tcp 127.0.0.1:0: address in use", client.ErrUnreachable)
		}
	}).start()
	h.tap("Try the demo platform")
	h.settle()
	if n := h.core.count("SetPlatform"); n != 0 {
		t.Fatalf("SetPlatform called %d times after the demo failed", n)
	}
	if !strings.Contains(h.shownText(), companion.Explain(client.ErrUnreachable).Message) {
		t.Fatal("the failure is not explained")
	}
	if strings.Contains(h.markup(), "address in use") {
		t.Fatal("the error's own text is shown")
	}
}

// TestGeneratedWarningIsShown: the core's warning about a new token (one
// that expires within the hour) is shown with the success.
func TestGeneratedWarningIsShown(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateNone)).start()
	h.core.generated = companion.Generated{Status: statusWith(companion.StateValid), Warning: "Your new token expires in 30 minutes."}
	h.tap("Generate token…")
	h.confirmation().Confirm()
	h.settle()
	if !strings.Contains(h.shownText(), "Your new token expires in 30 minutes.") {
		t.Fatal("the warning is not shown")
	}
}

// TestNoticeGoesAway: "your new token is ready" passes on its own (copying
// leaves it, so nothing moves under the mouse); a problem stays until solved.
func TestNoticeGoesAway(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateNone)).start()
	h.core.generated = companion.Generated{Status: statusWith(companion.StateValid)}
	h.tap("Generate token…")
	h.confirmation().Confirm()
	h.settle()
	if !strings.Contains(h.shownText(), "Your new token is ready.") {
		t.Fatal("no notice after generating")
	}
	h.tap("Copy for Power Automate")
	h.settle()
	h.advance(noticeLasts)
	if strings.Contains(h.shownText(), "Your new token is ready.") {
		t.Fatal("the notice stays after it passed")
	}
	h.core.headerErr = companion.ErrDamaged
	h.tap("Copy for Power Automate")
	h.settle()
	h.tap("Settings")
	if !strings.Contains(h.shownText(), companion.Explain(companion.ErrDamaged).Message) {
		t.Fatal("a problem went away without being solved")
	}
}

// TestRevokedPage: after a revoke the page says the token was revoked and
// offers another, not "No token yet".
func TestRevokedPage(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.tap("Revoke…")
	h.confirmation().Confirm()
	h.settle()
	shown := h.shownText()
	if strings.Contains(shown, "No token yet") || !strings.Contains(shown, "Your token is revoked") || !h.hasButton("Generate a new token…") {
		t.Fatalf("after a revoke the page says:\n%s", shown)
	}
	if strings.Count(shown, "revoked") > 1 {
		t.Errorf("the revoke is announced twice:\n%s", shown)
	}
	h.assertBothThemes("revoked_here")
	h.core.generated = companion.Generated{Status: statusWith(companion.StateValid)}
	h.tap("Generate a new token…")
	h.confirmation().Confirm()
	h.settle()
	h.core.status = statusWith(companion.StateNone)
	h.ui.reload(false)
	h.settle()
	if strings.Contains(h.shownText(), "Your token is revoked") {
		t.Error("the revoke is still announced after a new token")
	}
}
