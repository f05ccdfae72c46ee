package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
)

func signedOutStatus() companion.Status {
	st := statusWith(companion.StateNone)
	st.SignedIn = false
	return st
}

// TestSignIn: signing in shows progress, offers the link, and leads to the
// page for the signed-in user.
func TestSignIn(t *testing.T) {
	h := newHarness(t, signedOutStatus()).start()
	h.core.block["Login"], h.core.loginURL, h.core.loginOpened = true, "https://acme.iobeya.com/authorize?state=abc", true
	h.tap("Sign in with your browser")
	h.waitStarted()
	if !strings.Contains(h.shownText(), "Finish signing in on the page your browser opened") {
		t.Fatal("no waiting message")
	}
	h.tap("Copy sign-in link")
	if got := h.app.Clipboard().Content(); got != h.core.loginURL {
		t.Fatalf("clipboard %q, want the sign-in link", got)
	}
	epoch := h.ui.arb.epoch
	close(h.core.release)
	h.settle()
	if h.ui.current != h.ui.noToken {
		t.Fatal("after signing in the window is not on the no-token page")
	}
	if h.ui.arb.epoch == epoch {
		t.Fatal("signing in does not mark older status answers as out of date")
	}
	if n := h.core.count("Status(offline=false)"); n != 2 {
		t.Fatalf("%d platform checks, want 2 (start and after sign-in)", n)
	}
}

// TestSignInCancel: Cancel (or Escape) stops the sign-in and returns to the
// start, without any complaint.
func TestSignInCancel(t *testing.T) {
	for _, how := range []string{"Cancel", "Escape"} {
		t.Run(how, func(t *testing.T) {
			h := newHarness(t, signedOutStatus()).start()
			h.core.block["Login"] = true
			h.tap("Sign in with your browser")
			h.waitStarted()
			if how == "Cancel" {
				h.tap("Cancel")
			} else {
				h.key(fyne.KeyEscape)
			}
			h.settle()
			if err := h.core.blockedCtxEr; err != context.Canceled {
				t.Fatalf("the sign-in ended with %v, want cancelled", err)
			}
			if !h.hasButton("Sign in with your browser") || h.hasButton("Try again") {
				t.Fatal("not back to the start")
			}
			if h.ui.problem.obj.Visible() || h.ui.signIn.failure.obj.Visible() {
				t.Fatal("a cancel is reported as a problem")
			}
		})
	}
}

// TestSignInTimeout: a browser that never returns ends in "Try again" and
// "Copy sign-in link"; the latter starts a new sign-in without the browser
// and copies its link.
func TestSignInTimeout(t *testing.T) {
	h := newHarness(t, signedOutStatus()).start()
	h.core.loginErr = fmt.Errorf("sign-in: %w", context.DeadlineExceeded)
	h.core.loginURL, h.core.loginOpened = "https://acme.iobeya.com/authorize?state=old", true
	h.tap("Sign in with your browser")
	h.settle()
	p := companion.Explain(h.core.loginErr)
	shown := h.shownText()
	for _, want := range []string{p.Message, p.NextStep, "Try again", "Copy sign-in link"} {
		if !strings.Contains(shown, want) {
			t.Errorf("missing %q", want)
		}
	}
	h.core.loginErr = nil
	h.core.block["Login"], h.core.loginURL = true, "https://acme.iobeya.com/authorize?state=new"
	h.tap("Copy sign-in link")
	h.waitStarted()
	if n := h.core.count("Login(noBrowser=true)"); n != 1 {
		t.Fatalf("calls %v", h.core.callList())
	}
	if got := h.app.Clipboard().Content(); got != h.core.loginURL {
		t.Fatalf("clipboard %q, want the new sign-in link", got)
	}
	close(h.core.release)
	h.settle()
	if h.ui.current != h.ui.noToken {
		t.Fatal("the second sign-in did not lead on")
	}
}

// TestSignInAgainWithToken: signed out with a token kept, "Sign in…" leads
// to the sign-in page and Back returns to the card.
func TestSignInAgainWithToken(t *testing.T) {
	st := statusWith(companion.StateValid)
	st.SignedIn = false
	h := newHarness(t, st).start()
	if !h.button("Revoke…").Disabled() {
		t.Fatal("Revoke is offered while signed out")
	}
	h.tap("Sign in…")
	if h.ui.current != h.ui.signIn || !strings.Contains(h.shownText(), "Your token is still kept on this computer") {
		t.Fatal("no sign-in page for a kept token")
	}
	h.tap("Back")
	if h.ui.current != h.ui.card {
		t.Fatal("Back does not return to the card")
	}
}

// TestSignOut: Settings → Sign out signs out and says whether the platform
// was told.
func TestSignOut(t *testing.T) {
	for _, told := range []bool{true, false} {
		t.Run(fmt.Sprint(told), func(t *testing.T) {
			h := newHarness(t, statusWith(companion.StateNone)).start()
			h.core.logout = companion.LogoutResult{RevokedOnPlatform: told}
			h.tap("Settings")
			h.tap("Sign out")
			h.settle()
			if n := h.core.count("Logout"); n != 1 {
				t.Fatalf("%d logouts", n)
			}
			if h.ui.current != h.ui.signIn {
				t.Fatal("not on the sign-in page after signing out")
			}
			if got := strings.Contains(h.shownText(), "The platform could not be told"); got == told {
				t.Fatalf("says the platform could not be told: %v, platform told: %v", got, told)
			}
		})
	}
}

// TestStaleCheckDropped: a platform check that read the world before the
// user signed in, and answers after, does not send the window back to
// "Sign in"; the app asks again.
func TestStaleCheckDropped(t *testing.T) {
	h := newHarness(t, signedOutStatus())
	h.core.block["Status(offline=false)"] = true
	h.ui.Start()
	h.waitStarted() // the check has read "signed out" and holds its answer

	// What a finished sign-in does, while the check is out.
	h.core.mu.Lock()
	h.core.status.SignedIn = true
	delete(h.core.block, "Status(offline=false)")
	h.core.mu.Unlock()
	h.ui.arb.changed()

	close(h.core.release)
	h.settle()
	if h.ui.current != h.ui.noToken {
		t.Fatal("an answer from before the sign-in was shown")
	}
	if n := h.core.count("Status(offline=false)"); n != 2 {
		t.Fatalf("%d checks, want 2: the stale one and a new one", n)
	}
}

// TestSignInFailedWithoutLink: "Copy sign-in link" is offered after a
// failure only when a link could help — not when the platform was never
// reached (there is no link) nor when the keychain failed after the browser
// came back (a new link would fail the same way).
func TestSignInFailedWithoutLink(t *testing.T) {
	keychainDown := &keychain.Error{Op: keychain.OpSet, Kind: keychain.ErrUnavailable, Err: errors.New("no Secret Service")}
	for _, tc := range []struct {
		name string
		url  string
		err  error
	}{
		{"platform unreachable", "", fmt.Errorf("sign-in: %w", client.ErrUnreachable)},
		{"keychain unavailable", "https://acme.iobeya.com/authorize?state=s", fmt.Errorf("sign-in: %w", keychainDown)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, signedOutStatus()).start()
			h.core.loginErr, h.core.loginURL, h.core.loginOpened = tc.err, tc.url, true
			h.tap("Sign in with your browser")
			h.settle()
			p := companion.Explain(tc.err)
			if shown := h.shownText(); !strings.Contains(shown, p.Message) || !strings.Contains(shown, "Try again") {
				t.Fatalf("the failure is not shown: %q", shown)
			}
			if h.hasButton("Copy sign-in link") {
				t.Fatal("\"Copy sign-in link\" is offered where it cannot help")
			}
		})
	}
}

// TestSignInTimeLeft: the waiting page counts down the time left, with the
// app's clock, and the sign-in is given that long.
func TestSignInTimeLeft(t *testing.T) {
	h := newHarness(t, signedOutStatus()).start()
	h.core.block["Login"], h.core.loginURL, h.core.loginOpened = true, "https://acme.iobeya.com/authorize?state=abc", true
	h.tap("Sign in with your browser")
	h.waitStarted()
	if !strings.Contains(h.shownText(), "3:00 left to sign in") {
		t.Fatalf("no time left shown:\n%s", h.shownText())
	}
	// The sign-in is still running: time passes without waiting for it.
	h.clock.fired = nil
	h.clock.Advance(75 * time.Second)
	if !strings.Contains(h.shownText(), "1:45 left to sign in") {
		t.Fatalf("the time left does not count down:\n%s", h.shownText())
	}
	h.assertBothThemes("signin_waiting_timeleft")
	close(h.core.release)
	h.settle()
}

// TestSignInReopen: "Open the browser again" is on offer while waiting,
// and starts the sign-in again with the browser.
func TestSignInReopen(t *testing.T) {
	for _, opened := range []bool{true, false} {
		t.Run(fmt.Sprintf("opened=%v", opened), func(t *testing.T) {
			h := newHarness(t, signedOutStatus()).start()
			h.core.block["Login"], h.core.loginURL, h.core.loginOpened = true, "https://acme.iobeya.com/authorize?state=abc", opened
			h.tap("Sign in with your browser")
			h.waitStarted()
			h.tap("Open the browser again")
			h.waitStarted()
			if n := h.core.count("Login(noBrowser=false)"); n != 2 {
				t.Fatalf("calls %v, want a second sign-in with the browser", h.core.callList())
			}
			if h.core.blockedCtxEr == nil {
				t.Error("the first sign-in was not cancelled")
			}
			if !h.hasButton("Open the browser again") || !h.hasButton("Copy sign-in link") {
				t.Error("the waiting page lost its ways back")
			}
			close(h.core.release)
			h.settle()
			if h.ui.current != h.ui.noToken {
				t.Fatal("the second sign-in did not finish")
			}
		})
	}
}
