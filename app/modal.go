package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// modal is a dialog of the window: a title, content and a row of buttons,
// over the page. Fyne's own dialog keeps its title on one line and its
// buttons side by side, each as wide as the widest: a long French title or
// two long labels made it wider than the window. Here the title wraps and
// the buttons stack when they do not fit (buttonRow).
type modal struct {
	pop      *widget.PopUp
	onClosed func() // after Hide
}

// newModal builds a dialog over parent; Show shows it.
func newModal(parent fyne.Window, title string, content fyne.CanvasObject, buttons ...fyne.CanvasObject) *modal {
	head := wrapped(title)
	head.TextStyle.Bold = true
	body := container.NewVBox(head, content, container.NewCenter(dialogButtons(buttons...)))
	return &modal{pop: widget.NewModalPopUp(container.NewPadded(dialogBody(body)), parent.Canvas())}
}

// Show shows the dialog. It is laid out twice: wrapped text knows its
// height only once it has its width.
func (m *modal) Show() {
	m.pop.Show()
	m.pop.Refresh()
}

// Hide closes the dialog, then runs onClosed.
func (m *modal) Hide() {
	m.pop.Hide()
	if m.onClosed != nil {
		m.onClosed()
	}
}
