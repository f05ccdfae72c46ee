package app

import (
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// withAgent runs the window beside the tray program; changed counts what
// it is told.
func withAgent(changed *atomic.Int32) option {
	return func(_ *harness, d *Deps) {
		d.Agent = true
		d.Changed = func() { changed.Add(1) }
	}
}

// TestAgentOwnsTheTray: beside the tray program the window makes no tray
// item, and closing it quits even with a tray host, so no hidden GL
// process stays behind.
func TestAgentOwnsTheTray(t *testing.T) {
	var tray *trayApp
	var changed atomic.Int32
	h := newHarness(t, statusWith(companion.StateValid), withTray(&tray), withAgent(&changed),
		func(_ *harness, d *Deps) { d.HasTray = func() bool { return true } }).start()
	if len(tray.menus) != 0 || tray.window != nil {
		t.Fatalf("the window made a tray item beside the tray program (%d menus)", len(tray.menus))
	}
	tray.win.intercept()
	if !h.ui.arb.stopped {
		t.Fatal("closing the window beside the tray program did not end it")
	}
}

// TestAgentNotifies: beside the tray program, which sends the expiry
// notifications, the window sends none.
func TestAgentNotifies(t *testing.T) {
	var changed atomic.Int32
	st := statusWith(companion.StateValid)
	st.ExpiresAt = testNow.Add(8 * day)
	h := newHarness(t, st, withAgent(&changed))
	h.core.online = &st
	test.AssertNotificationSent(t, nil, func() {
		h.start()
		h.advance(day + time.Minute) // enters the warning window
	})
}

// TestAgentToldOfChanges: a revoke in the window is reported to the tray
// program, which reads the state again at once.
func TestAgentToldOfChanges(t *testing.T) {
	var changed atomic.Int32
	h := newHarness(t, statusWith(companion.StateValid), withAgent(&changed)).start()
	before := changed.Load()
	h.ui.AskRevoke()
	h.confirmation().Confirm()
	h.settle()
	if h.core.count("Revoke") != 1 {
		t.Fatal("the revoke did not run")
	}
	deadline := time.Now().Add(5 * time.Second)
	for changed.Load() == before {
		if time.Now().After(deadline) {
			t.Fatal("the tray program was not told of the revoke")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
