package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

// dialogWidth keeps the wrapped sentences of a dialog readable.
const dialogWidth = 400

// confirmation is a yes/no dialog whose action runs only on Confirm, at most
// once. Its buttons answer Enter and Escape like every button of the app;
// Cancel has the focus, so a stray Enter never confirms.
type confirmation struct {
	dlg       *modal
	ok        *actionButton
	cancel    *actionButton
	onConfirm func()
	closed    bool
}

// confirm opens a confirmation. Danger styles the confirm button red for
// what cannot be undone.
func (u *UI) confirm(title string, lines []string, okText string, danger bool, onConfirm func()) *confirmation {
	if u.dialog != nil {
		return nil // one question at a time: a second tap does not stack dialogs
	}
	c := &confirmation{onConfirm: onConfirm}
	imp := widget.HighImportance
	if danger {
		imp = widget.DangerImportance
	}
	c.ok = newButton(u.escape, okText, theme.ConfirmIcon(), imp, c.Confirm)
	c.cancel = newButton(u.escape, word(words.AppCancel), theme.CancelIcon(), widget.MediumImportance, c.Dismiss)
	c.dlg = newModal(u.win, title, sentences(lines), c.cancel, c.ok)
	c.dlg.onClosed = func() {
		if u.dialog == c {
			u.dialog = nil
		}
	}
	u.dialog = c
	c.dlg.Show()
	u.win.Canvas().Focus(c.cancel)
	return c
}

// setCancelText names the button that answers no, for a question rather
// than a confirmation ("Not now"), and lays the buttons out again.
func (c *confirmation) setCancelText(text string) {
	c.cancel.SetText(text)
	c.dlg.pop.Refresh()
}

// Confirm closes the dialog and runs its action.
func (c *confirmation) Confirm() {
	if c.closed {
		return
	}
	c.closed = true
	c.dlg.Hide()
	c.onConfirm()
}

// Dismiss closes the dialog; nothing is done.
func (c *confirmation) Dismiss() {
	if c.closed {
		return
	}
	c.closed = true
	c.dlg.Hide()
}

// sentences lays out wrapped sentences.
func sentences(lines []string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, l := range lines {
		box.Add(wrapped(l))
	}
	return box
}

// dialogBody gives dialog content its width, so wrapped text has room.
func dialogBody(content fyne.CanvasObject) fyne.CanvasObject {
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(dialogWidth, 0))
	return container.NewStack(width, content)
}
