package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	dlg       *dialog.CustomDialog
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
	c.dlg = dialog.NewCustomWithoutButtons(title, sentences(lines), u.win)
	c.dlg.SetButtons([]fyne.CanvasObject{c.cancel, c.ok})
	c.dlg.SetOnClosed(func() {
		if u.dialog == c {
			u.dialog = nil
		}
	})
	u.dialog = c
	c.dlg.Show()
	u.win.Canvas().Focus(c.cancel)
	return c
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

// sentences lays out wrapped sentences at the dialog's width.
func sentences(lines []string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, l := range lines {
		box.Add(wrapped(l))
	}
	return dialogBody(box)
}

// dialogBody gives dialog content its width, so wrapped text has room.
func dialogBody(content fyne.CanvasObject) fyne.CanvasObject {
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(dialogWidth, 0))
	return container.NewStack(width, content)
}
