package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// ShowFatal shows a window saying why the app cannot start (a desktop user
// sees no terminal), with a Quit button; closing it quits too.
func ShowFatal(a fyne.App, p companion.Problem) fyne.Window {
	w := a.NewWindow(appName)
	w.SetIcon(appIcon)
	box := newProblemBox()
	box.showProblem(p.Message, p.NextStep)
	quit := newButton(a.Quit, "Quit", theme.LogoutIcon(), widget.HighImportance, a.Quit)
	w.SetContent(container.NewPadded(container.NewVBox(
		heading("iObeya Token cannot start"),
		box.obj,
		container.NewHBox(quit))))
	w.Resize(fyne.NewSize(480, 0))
	w.SetCloseIntercept(a.Quit)
	w.Canvas().Focus(quit)
	w.Show()
	return w
}
