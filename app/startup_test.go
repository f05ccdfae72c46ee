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
