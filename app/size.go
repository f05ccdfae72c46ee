package app

import (
	"os"
	"strconv"

	"fyne.io/fyne/v2"
)

// The window's first size, and the screen height it must fit in. Fyne does
// not tell the screen's size, so the window is sized for the smallest
// common one: 800 px high, less a panel and the title bar.
const (
	windowWidth, windowHeight = 480, 660
	screenBudget              = 720 // pixels
)

// windowSize is the first size of the window at the user's scale: the usual
// 480×660, lower when that would not fit screenBudget (660 at 150 % is 990
// pixels). The pages keep their main action out of the scrolled part, so
// they work at any height down to their minimum.
func windowSize(scale float32) fyne.Size {
	h := float32(windowHeight)
	if scale > 0 && h*scale > screenBudget {
		h = screenBudget / scale
	}
	return fyne.NewSize(windowWidth, h)
}

// userScale is the scale the user asked for: FYNE_SCALE, else Fyne's own
// setting, as Fyne's driver reads them (Settings().Scale() alone misses the
// variable). The screen's detected density is left out: a dense screen is
// not a short one.
func userScale(a fyne.App) float32 {
	if v, err := strconv.ParseFloat(os.Getenv("FYNE_SCALE"), 32); err == nil && v > 0 {
		return float32(v)
	}
	return a.Settings().Scale()
}
