package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// noTokenScreen is for a signed-in user without a token: who and where,
// and "Generate token…".
type noTokenScreen struct {
	u        *UI
	who      *widget.Label
	generate *actionButton
	busyText *widget.Label
	busy     fyne.CanvasObject
	busyBar  *busyBar
	obj      fyne.CanvasObject
}

func newNoTokenScreen(u *UI) *noTokenScreen {
	s := &noTokenScreen{u: u, who: wrapped(""), busyText: widget.NewLabel(""), busyBar: newBusyBar(false)}
	s.generate = newButton(u, "Generate token…", theme.ContentAddIcon(), widget.HighImportance, u.askGenerate)
	s.busy = container.NewVBox(s.busyText, s.busyBar)
	s.obj = container.NewVScroll(container.NewVBox(
		heading("No token yet"),
		s.who,
		wrapped("A personal access token lets Power Automate and other tools work in iObeya as you. Generate one here: iObeya Token keeps it in this computer's keychain and copies it for you in one click."),
		container.NewHBox(s.generate),
		s.busy))
	return s
}

func (s *noTokenScreen) object() fyne.CanvasObject { return s.obj }

func (s *noTokenScreen) update(st companion.Status, _ time.Time) {
	who := accountLine(st)
	if who == "" {
		who = "you"
	}
	where := st.Platform
	if st.Demo {
		where = "the demo platform"
	}
	s.who.SetText("Signed in as " + who + " on " + where + ".")
	s.busyText.SetText(s.u.busy)
	setVisible(s.busy, s.u.busy != busyNone)
	s.busyBar.run(s.u.busy != busyNone)
	setEnabled(s.generate, s.u.busy == busyNone)
}

func (s *noTokenScreen) left() { s.busyBar.run(false) }

func (s *noTokenScreen) focus()     { s.u.win.Canvas().Focus(s.generate) }
func (s *noTokenScreen) enter()     { s.u.askGenerate() }
func (s *noTokenScreen) back() bool { return false }
