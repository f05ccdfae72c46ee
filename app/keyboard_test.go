package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TestEnterCopies: on the token card Enter copies for Power Automate, with
// the copy button focused or nothing focused.
func TestEnterCopies(t *testing.T) {
	for _, focused := range []bool{true, false} {
		h := newHarness(t, statusWith(companion.StateValid)).start()
		if got := h.ui.win.Canvas().Focused(); got != fyne.Focusable(h.button("Copy for Power Automate")) {
			t.Fatalf("focus is on %T, not the copy button", got)
		}
		if !focused {
			h.ui.win.Canvas().Unfocus()
		}
		h.key(fyne.KeyReturn)
		h.settle()
		if got := h.app.Clipboard().Content(); got != "Bearer "+h.jwt {
			t.Fatalf("focused %v: Enter did not copy the Bearer header", focused)
		}
	}
}

// TestTabReachesEveryAction: Tab visits every button of the token card and
// the header; Enter on each runs it.
func TestTabReachesEveryAction(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	want := map[string]bool{"Check now": false, "Copy for Power Automate": false, "Other formats…": false,
		"Revoke…": false, "Revoke and generate new…": false, "Settings": false}
	c := h.ui.win.Canvas()
	for range 20 {
		test.FocusNext(c)
		if b, ok := c.Focused().(*actionButton); ok {
			if _, known := want[b.Text]; known {
				want[b.Text] = true
			}
		}
	}
	for label, reached := range want {
		if !reached {
			t.Errorf("Tab never reaches %q", label)
		}
	}
	// Enter on a focused button runs it: Revoke… opens its confirmation.
	c.Focus(h.button("Revoke…"))
	h.key(fyne.KeyReturn)
	h.confirmation()
	// In the dialog Cancel has the focus: Enter cancels, nothing is revoked.
	h.key(fyne.KeyReturn)
	h.settle()
	if h.ui.dialog != nil || h.core.count("Revoke") != 0 {
		t.Fatal("Enter in the revoke dialog did not cancel")
	}
	// Tab to the confirm button, then Enter confirms.
	c.Focus(h.button("Revoke…"))
	h.key(fyne.KeyReturn)
	test.FocusNext(c)
	h.key(fyne.KeyReturn)
	h.settle()
	if h.core.count("Revoke") != 1 {
		t.Fatal("Tab, Enter in the revoke dialog did not confirm")
	}
}

// TestEscape: Escape closes a dialog, leaves the settings and cancels.
func TestEscape(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.tap("Revoke…")
	h.key(fyne.KeyEscape)
	if h.ui.dialog != nil {
		t.Fatal("Escape did not close the dialog")
	}
	h.tap("Settings")
	h.ui.win.Canvas().Unfocus()
	h.key(fyne.KeyEscape)
	if h.ui.current != h.ui.card {
		t.Fatal("Escape did not leave the settings")
	}
	h.tap("Settings")
	h.key(fyne.KeyEscape) // with "Done" focused
	if h.ui.current != h.ui.card {
		t.Fatal("Escape on a button did not leave the settings")
	}
	for _, w := range []fyne.Focusable{h.ui.prefs.clear, h.ui.prefs.notify} {
		h.tap("Settings")
		h.ui.win.Canvas().Focus(w)
		h.key(fyne.KeyEscape)
		if h.ui.current != h.ui.card {
			t.Fatalf("Escape on %T did not leave the settings", w)
		}
	}
}

// TestSettings: every setting is saved as it is changed, and the warning
// days change the card at once.
func TestSettings(t *testing.T) {
	var tray *trayApp
	h := newHarness(t, statusWith(companion.StateValid), withTray(&tray)).start()
	h.tap("Settings")
	p := h.ui.prefs
	p.clear.SetSelected("Never")
	h.settle()
	p.warn.SetSelected("30 days before")
	h.settle()
	test.Tap(p.notify)
	h.settle()
	test.Tap(p.inTray)
	h.settle()
	got := h.core.Settings()
	want := companion.Settings{ClipboardClearSeconds: 0, ExpiryWarningDays: 30, Notifications: false, StartInTray: true}
	if got != want {
		t.Fatalf("settings %+v, want %+v", got, want)
	}
	if n := h.core.count("UpdateSettings"); n != 4 {
		t.Fatalf("%d saves, want 4 (opening the page saves nothing)", n)
	}
	h.tap("Done")
	h.ui.arb.status.ExpiresAt = testNow.Add(20 * day)
	h.ui.render()
	if got := h.ui.card.badge.text.Text; got != "Expires soon" {
		t.Fatalf("with 30 warning days a token 20 days from expiry shows %q", got)
	}
}

// TestStartInTray: the window stays hidden at start only when asked and
// when there is a tray to bring it back.
func TestStartInTray(t *testing.T) {
	for _, tt := range []struct {
		inTray, tray, shown bool
	}{
		{false, false, true},
		{true, false, true},
		{false, true, true},
		{true, true, false},
	} {
		var tray *trayApp
		var spy *spyApp
		opt := withSpy(&spy)
		if tt.tray {
			opt = withTray(&tray)
		}
		h := newHarness(t, statusWith(companion.StateValid), opt)
		if tt.tray {
			spy = &tray.spyApp
		}
		h.core.settings.StartInTray = tt.inTray
		h.ui.settings = h.core.Settings()
		h.start()
		if shown := spy.win.shows > 0; shown != tt.shown {
			t.Errorf("start in tray %v, tray %v: window shown %v, want %v", tt.inTray, tt.tray, shown, tt.shown)
		}
	}
}
