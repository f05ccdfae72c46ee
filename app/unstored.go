package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// unstoredView shows, once, a new token the keychain could not keep. It is
// the only place a token is ever shown in full. Escape does not close it: the
// token would be lost; "I have saved it" does.
type unstoredView struct {
	dlg     *modal
	token   *widget.Label
	done    *actionButton
	onClose func()
}

func (u *UI) showUnstored(token string, err error) {
	if u.dialog != nil {
		u.dialog.Dismiss()
	}
	v := &unstoredView{token: widget.NewLabel(token)}
	v.token.Wrapping = fyne.TextWrapBreak
	v.token.TextStyle.Monospace = true
	v.token.Selectable = true
	p := companion.ExplainIn(say(), err)
	if p.Message == "" {
		p = companion.ExplainIn(say(), &companion.NotStoredError{})
	}
	warning := wrapped(p.Message)
	warning.TextStyle.Bold = true
	warning.Importance = widget.DangerImportance
	copyBearer := newButton(u.escape, say().FormatLabel(string(companion.FormatBearer)), theme.ContentCopyIcon(), widget.HighImportance, func() {
		u.clip.put("Bearer "+token, "")
	})
	copyRaw := newButton(u.escape, word(words.AppCopyTokenOnly), theme.ContentCopyIcon(), widget.MediumImportance, func() {
		u.clip.put(token, "")
	})
	v.done = newButton(u.escape, word(words.AppSavedIt), theme.ConfirmIcon(), widget.MediumImportance, v.close)
	note := u.clip.newLabel()
	v.onClose = func() {
		u.clip.dropLabel(note)
		if u.dialog == v {
			u.dialog = nil
		}
	}
	content := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, warning),
		wrapped(p.NextStep),
		wrapped(word(words.AppUnstoredNote)),
		widget.NewCard("", "", v.token),
		container.NewHBox(copyBearer, copyRaw),
		note,
	)
	v.dlg = newModal(u.win, word(words.AppUnstoredTitle), content, v.done)
	u.dialog = v
	v.dlg.Show()
	u.win.Canvas().Focus(copyBearer)
}

// Dismiss does nothing: Escape must not lose the token.
func (v *unstoredView) Dismiss() {}

// close forgets the token: the label is emptied so nothing keeps it.
func (v *unstoredView) close() {
	v.token.SetText("")
	v.dlg.Hide()
	v.onClose()
}
