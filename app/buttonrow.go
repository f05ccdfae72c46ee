package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// buttonRow lays a dialog's buttons side by side when they fit in width,
// else one above the other, each as wide as the dialog. Side by side they
// are equally wide, as in Fyne's own row, when that fits too. Fyne's row
// puts them side by side whatever their length: two long French labels
// made a dialog wider than the window.
type buttonRow struct{ width float32 }

// dialogButtons is a dialog's row of buttons, laid out by buttonRow at the
// dialog's width.
func dialogButtons(buttons ...fyne.CanvasObject) *fyne.Container {
	return container.New(buttonRow{width: dialogWidth}, buttons...)
}

// visible are the objects shown.
func visible(objs []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objs {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// side is the width and height the buttons take side by side, and
// whether they can all be as wide as the widest.
func (r buttonRow) side(objs []fyne.CanvasObject) (s fyne.Size, equal bool) {
	var widest float32
	for i, o := range objs {
		m := o.MinSize()
		if i > 0 {
			s.Width += theme.Padding()
		}
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
		widest = max(widest, m.Width)
	}
	pads := theme.Padding() * float32(max(len(objs)-1, 0))
	if equal = widest*float32(len(objs))+pads <= r.width; equal {
		s.Width = widest*float32(len(objs)) + pads
	}
	return s, equal
}

// MinSize is the row's size side by side when it fits, else stacked.
func (r buttonRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	objs = visible(objs)
	if s, _ := r.side(objs); s.Width <= r.width {
		return s
	}
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		if i > 0 {
			s.Height += theme.Padding()
		}
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}

// Layout shares the width out side by side, each button its own width and
// an equal part of what is left, or stacks them at full width.
func (r buttonRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs = visible(objs)
	if len(objs) == 0 {
		return
	}
	side, equal := r.side(objs)
	if side.Width <= r.width {
		pads := theme.Padding() * float32(len(objs)-1)
		extra := max(size.Width-side.Width, 0) / float32(len(objs))
		x := float32(0)
		for _, o := range objs {
			w := o.MinSize().Width + extra
			if equal {
				w = (size.Width - pads) / float32(len(objs))
			}
			o.Move(fyne.NewPos(x, 0))
			o.Resize(fyne.NewSize(w, size.Height))
			x += w + theme.Padding()
		}
		return
	}
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}
