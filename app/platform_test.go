package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// TestFirstRunAddress: the address is checked as it is typed, Continue
// stays off until it is right, and the platform is then set.
func TestFirstRunAddress(t *testing.T) {
	tests := []struct {
		typed string
		ok    bool
		hint  string // for a good address; "" for the example
	}{
		{"acme", true, ""},
		{"acme.iobeya.com", true, ""},
		{"https://acme.iobeya.com", true, ""},
		{"https://acme.iobeya.com/app/boards?x=1#y", true, "Using acme.iobeya.com"},
		{"acme iobeya", false, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			h := newHarness(t, companion.Status{State: companion.StateNone}).start()
			if h.ui.current != h.ui.platform {
				t.Fatal("the first run does not ask for the platform")
			}
			if !h.button("Continue").Disabled() {
				t.Fatal("Continue is on before anything is typed")
			}
			test.Type(h.ui.platform.entry, tt.typed+"x")
			h.ui.platform.entry.SetText(tt.typed) // also after erasing
			hint := h.ui.platform.hint.Text
			if got := !h.button("Continue").Disabled(); got != tt.ok {
				t.Fatalf("Continue enabled %v, want %v", got, tt.ok)
			}
			if tt.ok {
				want := word(words.AppAddressExample)
				if tt.hint != "" {
					want = tt.hint
				}
				if hint != want {
					t.Fatalf("hint %q for a good address, want %q", hint, want)
				}
				if tt.hint != "" {
					h.assertBothThemes("firstrun_reduced")
				}
				h.key(fyne.KeyReturn) // Enter in the field continues
				h.settle()
				if n := h.core.count("SetPlatform(" + tt.typed + ", demo=false)"); n != 1 {
					t.Fatalf("calls %v", h.core.callList())
				}
				if h.ui.current != h.ui.signIn {
					t.Fatal("the sign-in page does not follow")
				}
				return
			}
			p := companion.Explain(errAddress)
			if hint != p.Message+" "+p.NextStep {
				t.Fatalf("hint %q, want the explanation", hint)
			}
			h.key(fyne.KeyReturn)
			h.settle()
			if n := h.core.count("SetPlatform"); n != 0 {
				t.Fatal("a bad address was sent")
			}
		})
	}
}

// TestUnreachablePlatform: a platform that does not answer is explained
// under the address, and the page stays.
func TestUnreachablePlatform(t *testing.T) {
	h := newHarness(t, companion.Status{State: companion.StateNone}).start()
	h.core.platformErr = client.ErrUnreachable
	test.Type(h.ui.platform.entry, "acme")
	h.tap("Continue")
	h.settle()
	p := companion.Explain(client.ErrUnreachable)
	if got := h.ui.platform.hint.Text; got != p.Message+" "+p.NextStep {
		t.Fatalf("hint %q", got)
	}
	if h.ui.current != h.ui.platform {
		t.Fatal("left the page although the platform was not set")
	}
	if h.button("Continue").Disabled() {
		t.Fatal("cannot try again")
	}
}

// TestDemo: "Try the demo platform" starts the demo platform, sets it, and
// labels the title, every page and the tray as demo.
func TestDemo(t *testing.T) {
	var tray *trayApp
	h := newHarness(t, companion.Status{State: companion.StateNone}, withTray(&tray)).start()
	h.tap("Try the demo platform")
	h.settle()
	if len(h.demo) != 1 {
		t.Fatalf("StartDemo called %d times", len(h.demo))
	}
	if n := h.core.count("SetPlatform(http://127.0.0.1:47001, demo=true)"); n != 1 {
		t.Fatalf("calls %v", h.core.callList())
	}
	if got := h.ui.win.Title(); got != "iObeya Token — demo platform" {
		t.Fatalf("title %q", got)
	}
	checkDemo := func(page string) {
		t.Helper()
		if !strings.Contains(h.shownText(), "Demo platform: its tokens work only on this computer.") {
			t.Errorf("%s: no demo label", page)
		}
	}
	checkDemo("sign in")
	h.tap("Sign in with your browser")
	h.settle()
	h.core.status.State = companion.StateNone
	h.ui.reload(false)
	h.settle()
	checkDemo("no token")
	h.core.generated = companion.Generated{Status: h.core.status}
	h.core.generated.Status.State, h.core.generated.Status.ExpiresAt = companion.StateValid, testExpAt
	h.tap("Generate token…")
	h.confirmation().Confirm()
	h.settle()
	checkDemo("token card")
	h.tap("Settings")
	checkDemo("settings")
	if !strings.Contains(h.shownText(), "Demo platform (127.0.0.1:47001)") {
		t.Error("settings do not name the demo platform")
	}
	if tray.menus[len(tray.menus)-1].Items[1].Label != "Demo platform" {
		t.Error("the tray menu does not say demo")
	}
}

// TestNoDemo: without a demo platform the offer is not shown.
func TestNoDemo(t *testing.T) {
	h := newHarness(t, companion.Status{State: companion.StateNone}, withoutDemo()).start()
	if h.hasButton("Try the demo platform") {
		t.Fatal("demo offered without a demo platform")
	}
}

// TestChangePlatform: Settings → Change… shows the address page with Back.
func TestChangePlatform(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.tap("Settings")
	h.tap("Change…")
	if h.ui.current != h.ui.platform || !strings.Contains(h.shownText(), "Change platform") {
		t.Fatal("Change… does not show the address page")
	}
	h.key(fyne.KeyEscape)
	if h.ui.current != h.ui.card {
		t.Fatal("Escape does not go back")
	}
}

// TestChangeFromDemo: leaving the demo platform does not name its loopback
// address nor offer the demo platform again.
func TestChangeFromDemo(t *testing.T) {
	st := statusWith(companion.StateValid)
	st.Platform, st.PlatformURL, st.Demo = "127.0.0.1:47613", "http://127.0.0.1:47613", true
	h := newHarness(t, st).start()
	h.tap("Settings")
	h.tap("Change…")
	shown := h.shownText()
	if strings.Contains(shown, "127.0.0.1") && strings.Contains(shown, "instead of") {
		t.Errorf("the page names the demo platform's loopback address:\n%s", shown)
	}
	if h.hasButton("Try the demo platform") {
		t.Error("the demo platform is offered while on it")
	}
	if !strings.Contains(shown, "You are trying the demo platform.") {
		t.Errorf("the page does not say where the user is:\n%s", shown)
	}
	h.assertBothThemes("change_from_demo")
}
