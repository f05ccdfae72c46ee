package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

// loadingScreen shows while the first status is on its way, and offers
// to try again when it could not be had (the keychain is locked, say).
type loadingScreen struct {
	chrome
	progress *busyBar
	text     *widget.Label
	retry    *actionButton
	obj      fyne.CanvasObject
}

// newLoadingScreen builds the page; retry asks for the status again.
func newLoadingScreen(c chrome, retry func()) *loadingScreen {
	s := &loadingScreen{chrome: c, progress: newBusyBar(true), text: widget.NewLabel(word(words.AppLoading))}
	s.retry = newButton(c.escape, word(words.AppTryAgain), theme.ViewRefreshIcon(), widget.HighImportance, func() {
		s.text.SetText(word(words.AppLoading))
		s.retry.Hide()
		s.progress.Show()
		s.progress.run(true)
		retry()
	})
	s.retry.Hide()
	s.obj = container.NewVBox(s.text, s.progress, container.NewHBox(s.retry))
	return s
}

// failed stops the progress and offers to try again; the problem itself
// is explained above the page.
func (s *loadingScreen) failed() {
	s.text.SetText(word(words.AppCouldNotStart))
	s.progress.run(false)
	s.progress.Hide()
	s.retry.Show()
	s.focus()
}

func (s *loadingScreen) left() { s.progress.run(false) }

func (s *loadingScreen) object() fyne.CanvasObject { return s.obj }
func (s *loadingScreen) update(view)               {}
func (s *loadingScreen) focus() {
	if s.retry.Visible() {
		s.focusOn(s.retry)
	}
}
func (s *loadingScreen) enter() {
	if s.retry.Visible() {
		s.retry.OnTapped()
	}
}
func (s *loadingScreen) back() bool { return false }
