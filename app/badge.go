package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
)

// badge shows a state three ways at once: a tint, an icon of its own shape
// and words, so it reads without colour vision too.
type badge struct {
	bg   *canvas.Rectangle
	icon *canvas.Image
	text *widget.Label
	obj  fyne.CanvasObject
}

func newBadge() *badge {
	b := &badge{bg: canvas.NewRectangle(color.Transparent), icon: canvas.NewImageFromResource(stateNone), text: widget.NewLabel("")}
	b.bg.CornerRadius = theme.InputRadiusSize() * 2
	b.icon.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize() * 1.5))
	b.icon.FillMode = canvas.ImageFillContain
	b.text.TextStyle.Bold = true
	b.text.SizeName = theme.SizeNameSubHeadingText
	gap := canvas.NewRectangle(color.Transparent) // room after the words, inside the tint
	gap.SetMinSize(fyne.NewSize(theme.Padding(), 0))
	b.obj = container.NewHBox(container.NewStack(b.bg, container.NewHBox(container.NewPadded(b.icon), b.text, gap)))
	return b
}

func (b *badge) set(s companion.State) {
	b.icon.Resource = stateIcon(s)
	b.icon.Refresh()
	b.bg.FillColor = stateTint(s)
	b.bg.Refresh()
	b.text.SetText(stateWords(s))
}

// stateIcons are the drawings of the states, one per tray picture: which
// state gets which is glance.TrayIcon's choice, shared with the tray.
var stateIcons = map[glance.Icon]fyne.Resource{
	glance.IconValid: stateValid, glance.IconExpiring: stateExpiring, glance.IconExpired: stateExpired,
	glance.IconUnknown: stateUnknown, glance.IconNone: stateNone,
}

// stateIcon is the drawing of a state.
func stateIcon(s companion.State) fyne.Resource { return stateIcons[glance.TrayIcon(s)] }

// stateTint is a translucent wash of the state's colour: it reads on light
// and dark themes alike.
func stateTint(s companion.State) color.Color {
	switch s {
	case companion.StateValid:
		return color.NRGBA{R: 0x1E, G: 0x8E, B: 0x3E, A: 0x40}
	case companion.StateExpiring:
		return color.NRGBA{R: 0xF9, G: 0xAB, B: 0x00, A: 0x50}
	case companion.StateExpired, companion.StateRevoked, companion.StateNoAccess:
		return color.NRGBA{R: 0xD9, G: 0x30, B: 0x25, A: 0x40}
	}
	return color.NRGBA{R: 0x80, G: 0x86, B: 0x8B, A: 0x40}
}
