package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// platformScreen asks for the platform address at first run and after
// "Change…" in the settings, or offers the demo platform.
type platformScreen struct {
	chrome
	core      platformCore
	startDemo func(ctx context.Context) (string, error) // nil: no demo platform
	work      *worker
	onSet     func(companion.Settings) // the platform is chosen; the settings as they are now
	changing  bool                     // a platform was chosen before: this is "Change platform"
	title     *widget.Label
	intro     *widget.Label
	entry     *escEntry
	hint      *widget.Label
	progress  *busyBar
	cont      *actionButton
	demo      *actionButton
	demoBox   fyne.CanvasObject
	backBtn   *actionButton
	busy      bool
	touched   bool          // the user has typed: complaints start then, not before
	advanced  *advancedPart // nil when the core offers no OAuth client choice
	obj       fyne.CanvasObject
}

// platformCore is what the platform page uses of the core.
type platformCore interface {
	ValidateAddress(address string) (using string, err error)
	SetPlatform(ctx context.Context, address string, demo bool) error
	Settings() companion.Settings
}

func newPlatformScreen(c chrome, core platformCore, startDemo func(context.Context) (string, error), work *worker, onSet func(companion.Settings)) *platformScreen {
	s := &platformScreen{
		chrome:    c,
		core:      core,
		startDemo: startDemo,
		work:      work,
		onSet:     onSet,
		title:     heading(word(words.AppWelcome)),
		intro:     wrapped(word(words.AppWelcomeIntro)),
		entry:     newEntry(c.escape),
		hint:      wrapped(word(words.AppAddressExample)),
		progress:  newBusyBar(false),
	}
	s.entry.SetPlaceHolder("acme.iobeya.com")
	s.entry.OnChanged = func(string) { s.touched = true; s.check() }
	s.entry.OnSubmitted = func(string) { s.onContinue() }
	s.cont = newButton(c.escape, word(words.AppContinue), theme.NavigateNextIcon(), widget.HighImportance, s.onContinue)
	s.demo = newButton(c.escape, word(words.AppTryDemo), theme.ComputerIcon(), widget.MediumImportance, s.onDemo)
	s.backBtn = newButton(c.escape, word(words.AppBack), theme.NavigateBackIcon(), widget.LowImportance, func() { s.back() })
	s.demoBox = container.NewVBox(
		widget.NewSeparator(),
		wrapped(word(words.AppDemoOffer)),
		container.NewHBox(s.demo))
	s.progress.Hide()
	box := container.NewVBox(
		s.title, s.intro,
		widget.NewLabelWithStyle(word(words.AppAddressLabel), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.entry, s.hint, s.progress,
		container.NewHBox(s.cont, s.backBtn))
	if oc, ok := core.(oauthCore); ok {
		s.advanced = newAdvancedPart(c.escape)
		box.Add(s.advanced.obj)
		s.advanced.show(oc.OAuthClientChoice())
	}
	box.Add(s.demoBox)
	s.obj = container.NewVScroll(box)
	s.check()
	return s
}

func (s *platformScreen) object() fyne.CanvasObject { return s.obj }

func (s *platformScreen) update(v view) {
	s.changing = v.configured
	onDemo := v.configured && v.st.Demo
	switch {
	case onDemo:
		s.title.SetText(word(words.AppChangePlatform))
		s.intro.SetText(word(words.AppChangeFromDemo))
	case s.changing:
		s.title.SetText(word(words.AppChangePlatform))
		s.intro.SetText(say().Say(words.AppChangeFrom, words.Args{"Platform": v.st.Platform}))
	default:
		s.title.SetText(word(words.AppWelcome))
		s.intro.SetText(word(words.AppWelcomeIntro))
	}
	setVisible(s.backBtn, s.changing)
	// No "Try the demo platform" while on it.
	setVisible(s.demoBox, s.startDemo != nil && !onDemo)
	s.progress.run(s.busy)
}

func (s *platformScreen) left() { s.progress.run(false) }

func (s *platformScreen) focus() { s.focusOn(s.entry) }
func (s *platformScreen) enter() { s.onContinue() }

func (s *platformScreen) back() bool {
	if !s.changing || s.busy {
		return false
	}
	s.goTo(pageAuto)
	return true
}

// check validates as the user types and explains what is wrong. The check
// is the core's own (no network), so the rules live in one place.
func (s *platformScreen) check() bool {
	using, err := s.core.ValidateAddress(s.entry.Text)
	ok := err == nil
	setEnabled(s.cont, ok && !s.busy)
	if s.busy {
		return ok
	}
	switch {
	case ok && using != "":
		// A page pasted from the browser: only the platform is kept.
		s.setHint(say().Say(words.AppUsingAddress, words.Args{"Address": using}), widget.MediumImportance)
	case ok || !s.touched:
		s.setHint(word(words.AppAddressExample), widget.MediumImportance)
	default:
		p := companion.ExplainIn(say(), err)
		s.setHint(p.Message+" "+p.NextStep, widget.DangerImportance)
	}
	return ok
}

func (s *platformScreen) setHint(text string, imp widget.Importance) {
	s.hint.Importance = imp
	s.hint.SetText(text)
}

func (s *platformScreen) setBusy(busy bool, what string) {
	s.busy = busy
	setVisible(s.progress, busy)
	s.progress.run(busy)
	setEnabled(s.demo, !busy)
	setEnabled(s.entry, !busy)
	s.check()
	if busy {
		s.setHint(what, widget.MediumImportance)
	}
	s.relayout()
}

func (s *platformScreen) onContinue() {
	if s.busy || !s.check() {
		return
	}
	address := strings.TrimSpace(s.entry.Text)
	var id, secret string
	var custom bool
	if s.advanced != nil {
		id, secret, custom = s.advanced.values()
	}
	s.setBusy(true, say().Say(words.AppCheckingAddress, words.Args{"Address": address}))
	run(s.work, func(ctx context.Context) (companion.Settings, error) {
		c, err := s.set(ctx, address, false)
		if err == nil && custom {
			// After the platform: the client belongs to it.
			err = s.core.(oauthCore).SetOAuthClient(ctx, id, companion.ClientSecret(secret), 0)
			c = s.core.Settings()
		}
		return c, err
	}, func(c companion.Settings, err error) {
		if err == nil && s.advanced != nil && custom {
			s.advanced.clearSecret()
			s.advanced.applied(id)
		}
		s.done(c, err)
	})
}

func (s *platformScreen) onDemo() {
	if s.busy {
		return
	}
	s.setBusy(true, word(words.AppStartingDemo))
	run(s.work, func(ctx context.Context) (companion.Settings, error) {
		url, err := s.startDemo(ctx)
		if err != nil {
			return companion.Settings{}, err
		}
		return s.set(ctx, url, true)
	}, s.done)
}

// set chooses the platform, off the UI goroutine, and reads the settings
// it leaves.
func (s *platformScreen) set(ctx context.Context, address string, demo bool) (companion.Settings, error) {
	if err := s.core.SetPlatform(ctx, address, demo); err != nil {
		return companion.Settings{}, err
	}
	return s.core.Settings(), nil
}

func (s *platformScreen) done(c companion.Settings, err error) {
	s.setBusy(false, "")
	if err != nil {
		p := companion.ExplainIn(say(), err)
		s.setHint(p.Message+" "+p.NextStep, widget.DangerImportance)
		return
	}
	s.entry.SetText("")
	s.touched = false
	s.check()
	s.onSet(c)
}
