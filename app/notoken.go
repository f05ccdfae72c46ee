package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noTokenScreen is for a signed-in user without a token: who and where,
// and "Generate token…".
type noTokenScreen struct {
	chrome
	onGenerate func() // asks before generating
	title      *widget.Label
	who        *widget.Label
	about      *widget.Label
	generate   *actionButton
	busyText   *widget.Label
	busy       fyne.CanvasObject
	busyBar    *busyBar
	bring      *actionButton // nil: the core cannot bring tokens in (bringtoken.go)
	obj        fyne.CanvasObject
}

func newNoTokenScreen(c chrome, onGenerate func()) *noTokenScreen {
	s := &noTokenScreen{chrome: c, onGenerate: onGenerate, title: heading(""), who: wrapped(""), about: wrapped(""), busyText: widget.NewLabel(""), busyBar: newBusyBar(false)}
	s.generate = newButton(c.escape, "Generate token…", theme.ContentAddIcon(), widget.HighImportance, onGenerate)
	s.busy = container.NewVBox(s.busyText, s.busyBar)
	s.obj = container.NewVScroll(container.NewVBox(
		s.title,
		s.who,
		s.about,
		container.NewHBox(s.generate),
		s.busy))
	return s
}

func (s *noTokenScreen) object() fyne.CanvasObject { return s.obj }

func (s *noTokenScreen) update(v view) {
	who := accountLine(v.st)
	if who == "" {
		who = "you"
	}
	where := v.st.Platform
	if v.st.Demo {
		where = "the demo platform"
	}
	s.who.SetText("Signed in as " + who + " on " + where + ".")
	if v.revoked {
		s.title.SetText("Your token is revoked")
		s.about.SetText("Anything that used it, such as your Power Automate flows, has stopped working. Generate a new token when you need one, and give it to them.")
		s.generate.SetText("Generate a new token…")
	} else {
		s.title.SetText("No token yet")
		s.about.SetText("A personal access token lets Power Automate and other tools work in iObeya as you. Generate one here: iObeya Token keeps it in this computer's keychain and copies it for you in one click.")
		s.generate.SetText("Generate token…")
	}
	s.busyText.SetText(activityWords(v.doing))
	setVisible(s.busy, v.doing != idle)
	s.busyBar.run(v.doing != idle)
	setEnabled(s.generate, v.doing == idle)
	if s.bring != nil {
		// Only where the platform has no token API: elsewhere Generate
		// does it all.
		setVisible(s.bring, v.st.NoTokenAPI)
		setVisible(s.generate, !v.st.NoTokenAPI)
		setEnabled(s.bring, v.doing == idle)
	}
}

func (s *noTokenScreen) left() { s.busyBar.run(false) }

func (s *noTokenScreen) focus()     { s.focusOn(s.generate) }
func (s *noTokenScreen) enter()     { s.onGenerate() }
func (s *noTokenScreen) back() bool { return false }
