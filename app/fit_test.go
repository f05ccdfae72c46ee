package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
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
// whole and in view; the details scroll instead. In English and French.
func TestMainActionAtMinimumSize(t *testing.T) {
	copyBtn := func() string { return say().FormatLabel(string(companion.FormatBearer)) }
	renewBtn := func() string { return word(words.AppGenerateNew) }
	for _, pref := range []string{words.PrefEnglish, words.PrefFrench} {
		for _, tt := range []struct {
			state companion.State
			main  func() string
		}{
			{companion.StateValid, copyBtn},
			{companion.StateExpiring, renewBtn},
			{companion.StateExpired, renewBtn},
		} {
			t.Run(pref+"/"+string(tt.state), func(t *testing.T) {
				h := newHarness(t, statusWith(tt.state), withLanguage(pref)).start()
				h.ui.win.Resize(h.ui.win.Content().MinSize())
				c := h.ui.win.Canvas()
				b := h.button(tt.main())
				pos := h.position(b)
				if pos.Y < 0 || pos.Y+b.Size().Height > c.Size().Height {
					t.Errorf("%q at %v is out of the %v window", tt.main(), pos, c.Size())
				}
				h.tap(word(words.AppRevoke)) // in the scrolled part, still reachable
				h.confirmation().Dismiss()
			})
		}
	}
}

// TestScreensFitTheWidth: no screen or dialog of TestScreens, in English or
// French, needs more than the window's 480 pixels of width: a long button
// row or an unwrapped sentence would make the window grow past it, or cut
// it off.
func TestScreensFitTheWidth(t *testing.T) {
	for _, pref := range []string{words.PrefEnglish, words.PrefFrench} {
		for _, tt := range screenCases(pref == words.PrefFrench) {
			t.Run(pref+"/"+tt.name, func(t *testing.T) {
				h := newHarness(t, tt.status, append(tt.opts, withLanguage(pref))...)
				if tt.before != nil {
					tt.before(h)
				}
				h.start()
				if tt.do != nil {
					tt.do(h)
				}
				h.assertFitsWidth()
				close(h.core.release)
				h.settle()
			})
		}
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

// assertFitsWidth fails the test when the page or an open dialog or menu
// needs more width than the window has at 100 %, or a button is too
// narrow for its text.
func (h *harness) assertFitsWidth() {
	h.t.Helper()
	width := windowSize(1).Width
	if min := h.ui.win.Content().MinSize(); min.Width > width {
		h.t.Errorf("the page needs %v pixels of width, the window has %v", min.Width, width)
	}
	for _, o := range h.ui.win.Canvas().Overlays().List() {
		if min := o.MinSize(); min.Width > width {
			h.t.Errorf("a dialog or menu needs %v pixels of width, the window has %v", min.Width, width)
		}
	}
	// A button narrower than its text cuts the text off.
	for _, o := range h.objects() {
		if b, ok := o.(*actionButton); ok && b.Size().Width+0.5 < b.MinSize().Width {
			h.t.Errorf("the button %q is %v wide, its text needs %v", b.Text, b.Size().Width, b.MinSize().Width)
		}
	}
}
