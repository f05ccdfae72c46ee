package app

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// Until the first status is in, the window shows the loading page under an
// empty header: no button, no bold text. Each text style Fyne draws loads
// its fonts (tens of milliseconds and megabytes), so the first frame, drawn
// before the window appears, keeps to the regular one; and Settings must not
// flash on a first run, where it has no place.
func TestFirstFrameBeforeAnyStatus(t *testing.T) {
	for _, st := range []companion.Status{statusWith(companion.StateValid), {}} {
		h := newHarness(t, st)
		h.core.block["Status"] = true
		h.ui.Start()
		h.waitStarted()
		if h.ui.current != h.ui.loading {
			t.Fatal("not on the loading page before the first status")
		}
		for _, o := range h.objects() {
			switch v := o.(type) {
			case *actionButton:
				t.Errorf("button %q shown before the first status", v.Text)
			case *widget.Label:
				if v.TextStyle.Bold || v.TextStyle.Monospace {
					t.Errorf("styled text %q shown before the first status", v.Text)
				}
			}
		}
		if h.ui.problem.message != nil {
			t.Error("the problem box was built with no problem to show")
		}
	}
}

// Settled comes once, after the first status is on screen: the program
// uses it to hand back the memory the start-up freed.
func TestSettledOnceAfterTheFirstStatus(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid))
	settled := 0
	h.ui.deps.Settled = func() {
		if h.ui.current == h.ui.loading {
			t.Error("settled while the loading page is shown")
		}
		settled++
	}
	h.core.block["Status(offline=true)"] = true
	h.ui.Start()
	h.waitStarted()
	if settled != 0 {
		t.Fatal("settled before the first status")
	}
	close(h.core.release)
	h.settle()
	// Later statuses, one call at a time as the harness needs.
	h.ui.reload(false)
	h.settle()
	h.ui.checkNow()
	h.settle()
	if settled != 1 {
		t.Fatalf("settled %d times, want once", settled)
	}
}
