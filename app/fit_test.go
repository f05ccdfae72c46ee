package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TestWindowFitsScaledScreen: at 150 % the first window fits an 800-px
// screen; at 100 % it keeps its usual size.
func TestWindowFitsScaledScreen(t *testing.T) {
	for _, scale := range []float32{1, 1.25, 1.5, 2} {
		s := windowSize(scale)
		if s.Height*scale > screenBudget {
			t.Errorf("at %v the window is %v pixels high", scale, s.Height*scale)
		}
	}
	if s := windowSize(1); s != fyne.NewSize(480, 660) {
		t.Errorf("at 100 %% the window is %v", s)
	}
	// Its pages need no more than that: the window would grow past it.
	for _, st := range []companion.State{companion.StateValid, companion.StateExpiring, companion.StateExpired, companion.StateRevoked} {
		h := newHarness(t, statusWith(st)).start()
		if min := h.ui.win.Content().MinSize(); min.Height > windowSize(1.5).Height {
			t.Errorf("%s: the page needs %v, more than the window at 150 %%", st, min)
		}
	}
}

// TestMainActionAtMinimumSize: at the smallest window the main action is
// whole and in view; the details scroll instead.
func TestMainActionAtMinimumSize(t *testing.T) {
	for _, tt := range []struct {
		state companion.State
		main  string
	}{
		{companion.StateValid, "Copy for Power Automate"},
		{companion.StateExpiring, "Generate a new token…"},
		{companion.StateExpired, "Generate a new token…"},
	} {
		t.Run(string(tt.state), func(t *testing.T) {
			h := newHarness(t, statusWith(tt.state)).start()
			h.ui.win.Resize(h.ui.win.Content().MinSize())
			c := h.ui.win.Canvas()
			b := h.button(tt.main)
			pos := h.position(b)
			if pos.Y < 0 || pos.Y+b.Size().Height > c.Size().Height {
				t.Errorf("%q at %v is out of the %v window", tt.main, pos, c.Size())
			}
			h.tap("Revoke…") // in the scrolled part, still reachable
			h.confirmation().Dismiss()
		})
	}
}

// TestFormatsMenuFits: the formats menu opens inside the smallest window.
func TestFormatsMenuFits(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.ui.win.Resize(h.ui.win.Content().MinSize())
	h.tap("Other formats…")
	c := h.ui.win.Canvas()
	var menu *widget.PopUpMenu
	for _, o := range h.objects() {
		if m, ok := o.(*widget.PopUpMenu); ok {
			menu = m
		}
	}
	if menu == nil {
		t.Fatal("no menu open")
	}
	pos, size := h.position(menu), menu.Size()
	if pos.Y < 0 || pos.X < 0 || pos.Y+size.Height > c.Size().Height || pos.X+size.Width > c.Size().Width {
		t.Errorf("the menu at %v, %v leaves the %v window", pos, size, c.Size())
	}
}

// TestWindowFollowsFyneScale: FYNE_SCALE, which Fyne's settings do not
// report, sizes the first window.
func TestWindowFollowsFyneScale(t *testing.T) {
	t.Setenv("FYNE_SCALE", "1.5")
	h := newHarness(t, statusWith(companion.StateValid))
	if got, want := h.ui.win.Canvas().Size().Height, windowSize(1.5).Height; got != want {
		t.Errorf("window %v high at FYNE_SCALE=1.5, want %v", got, want)
	}
}
