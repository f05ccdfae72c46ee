package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/words"
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
	s.generate = newButton(c.escape, word(words.AppGenerateToken), theme.ContentAddIcon(), widget.HighImportance, onGenerate)
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
	where := v.st.Platform
	if v.st.Demo {
		where = word(words.AppTheDemoPlatform)
	}
	if who := accountLine(v.st); who != "" {
		s.who.SetText(say().Say(words.AppSignedInAs, words.Args{"Who": who, "Where": where}))
	} else {
		s.who.SetText(say().Say(words.AppSignedInOn, words.Args{"Where": where}))
	}
	if v.revoked {
		s.title.SetText(word(words.AppRevokedTitle))
		s.about.SetText(word(words.AppRevokedAbout))
		s.generate.SetText(word(words.AppGenerateNew))
	} else {
		s.title.SetText(word(words.AppNoTokenTitle))
		s.about.SetText(word(words.AppNoTokenAbout))
		s.generate.SetText(word(words.AppGenerateToken))
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
