package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// colorNameFocusRing is the outline drawn around the focused button or
// check box. Fyne marks focus by tinting the widget with ColorNameFocus,
// which on a blue button is nearly the blue itself; the tint cannot be made
// stronger without hiding the button's words, so the app draws a ring.
const colorNameFocusRing fyne.ThemeColorName = "iobeyaFocusRing"

// contrastTheme is Fyne's theme with the colours that fell short of WCAG AA
// made darker (light variant) or lighter (dark variant): text 4.5:1, controls
// and focus 3:1 against what they sit on. theme_test.go measures each pair.
type contrastTheme struct{ fyne.Theme }

// contrastColours are the colours replaced, per variant. Fyne's light
// success green on white was 1.5:1, the unticked check box 1.3:1, the blue
// behind white button words 4.4:1.
var contrastColours = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNamePrimary:     color.NRGBA{R: 0x1A, G: 0x5F, B: 0xD0, A: 0xFF},
		theme.ColorNameSuccess:     color.NRGBA{R: 0x1B, G: 0x7F, B: 0x2B, A: 0xFF},
		theme.ColorNameError:       color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF},
		theme.ColorNameInputBorder: color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xFF},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x6E, G: 0x6E, B: 0x6E, A: 0xFF},
		colorNameFocusRing:         color.NRGBA{R: 0x1A, G: 0x5F, B: 0xD0, A: 0xFF},
	},
	theme.VariantDark: {
		theme.ColorNamePrimary:     color.NRGBA{R: 0x1A, G: 0x5F, B: 0xD0, A: 0xFF},
		theme.ColorNameInputBorder: color.NRGBA{R: 0x8A, G: 0x8A, B: 0x8A, A: 0xFF},
		colorNameFocusRing:         color.NRGBA{R: 0x8A, G: 0xB4, B: 0xF8, A: 0xFF},
	},
}

// withContrast wraps base (Fyne's theme, or the one the user chose).
func withContrast(base fyne.Theme) fyne.Theme {
	if t, ok := base.(contrastTheme); ok {
		return t
	}
	return contrastTheme{base}
}

// Color is the base theme's colour unless it is one of contrastColours.
func (t contrastTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := contrastColours[v][n]; ok {
		return c
	}
	if n == colorNameFocusRing {
		return t.Theme.Color(theme.ColorNameForeground, v)
	}
	return t.Theme.Color(n, v)
}

// focusRing is an outline drawn just inside a focusable widget's edge, in
// a colour that stands out from the widget's face: white on the blue and
// red buttons, the focus ring colour on grey ones and on the window. Inside,
// because scroll containers clip what lies outside their content.
type focusRing struct {
	fyne.WidgetRenderer
	ring    *canvas.Rectangle
	focused *bool
	colour  func() fyne.ThemeColorName
}

// ringWidth and ringGap are the outline's width and its distance inside the
// widget's edge, in Fyne units.
const ringWidth, ringGap = 2, 2

func newFocusRing(r fyne.WidgetRenderer, focused *bool, colour func() fyne.ThemeColorName) *focusRing {
	ring := canvas.NewRectangle(color.Transparent)
	ring.StrokeWidth = ringWidth
	ring.CornerRadius = theme.InputRadiusSize()
	return &focusRing{WidgetRenderer: r, ring: ring, focused: focused, colour: colour}
}

// ringOn is the ring's colour on a button of importance imp: the colour of
// the button's words where the face is coloured.
func ringOn(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.HighImportance:
		return theme.ColorNameForegroundOnPrimary
	case widget.DangerImportance:
		return theme.ColorNameForegroundOnError
	}
	return colorNameFocusRing
}

// Layout lays the widget out, then the ring just inside its edge.
func (f *focusRing) Layout(size fyne.Size) {
	f.WidgetRenderer.Layout(size)
	f.ring.Move(fyne.NewPos(ringGap, ringGap))
	f.ring.Resize(size.SubtractWidthHeight(2*ringGap, 2*ringGap))
}

// Objects adds the ring while the widget has the focus.
func (f *focusRing) Objects() []fyne.CanvasObject {
	objs := f.WidgetRenderer.Objects()
	if !*f.focused {
		return objs
	}
	return append(objs[:len(objs):len(objs)], f.ring)
}

// Refresh colours the ring from the current theme.
func (f *focusRing) Refresh() {
	f.ring.StrokeColor = theme.Color(f.colour())
	f.WidgetRenderer.Refresh()
	f.ring.Refresh()
}
