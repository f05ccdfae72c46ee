package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// ShowFatal shows a window saying why the app cannot start (a desktop user
// sees no terminal), with a Quit button; closing it quits too. It speaks
// lang's language, as p does (companion.ExplainIn(lang, err)).
func ShowFatal(a fyne.App, lang *words.Words, p companion.Problem) fyne.Window {
	spoken.Store(lang)
	fyneSpeaks(lang)
	w := a.NewWindow(appName)
	w.SetIcon(appIcon)
	box := newProblemBox()
	box.showProblem(p.Message, p.NextStep)
	quit := newButton(a.Quit, word(words.AppQuit), theme.LogoutIcon(), widget.HighImportance, a.Quit)
	w.SetContent(container.NewPadded(container.NewVBox(
		heading(word(words.AppCannotStart)),
		box.obj,
		container.NewHBox(quit))))
	w.Resize(fyne.NewSize(480, 0))
	w.SetCloseIntercept(a.Quit)
	w.Canvas().Focus(quit)
	w.Show()
	return w
}
