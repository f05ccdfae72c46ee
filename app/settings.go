package app

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// The choices offered; a value set elsewhere (the command line) is added.
var (
	clearChoices = []int{0, 10, 30, 60, 90, 120}
	warnChoices  = []int{1, 3, 7, 14, 30}
)

// settingsScreen holds the user's choices. Every change is saved at once.
type settingsScreen struct {
	chrome
	core       settingsCore
	work       *worker
	problem    *problemBox
	hasTray    bool                                 // without a tray there is no way back from it
	after      func(companion.Settings, userChange) // a change is saved, or the user signed out
	platform   *widget.Label
	account    *widget.Label
	changeBtn  *actionButton
	signOutBtn *actionButton
	clear      *escSelect
	warn       *escSelect
	lang       *escSelect
	langPrefs  map[string]string // the language menu's words → preference
	notify     *escCheck
	inTray     *escCheck
	login      Autostart // nil: no switch
	atLogin    *escCheck
	shown      bool // the page is on screen: the entry was read as it came
	about      *aboutBox
	backBtn    *actionButton
	values     map[string]int // option words → number, for both selects
	loading    bool           // true while update fills the widgets: no saving then
	obj        fyne.CanvasObject
}

// settingsCore is what the settings page uses of the core.
type settingsCore interface {
	UpdateSettings(change func(*companion.Settings)) error
	Logout(ctx context.Context) (companion.LogoutResult, error)
	Settings() companion.Settings
	aboutCore
}

// newSettingsScreen builds the page; login may be nil (no switch), and
// clipboard is where "Copy diagnostics" puts the report.
func newSettingsScreen(c chrome, core settingsCore, work *worker, problem *problemBox, hasTray bool, login Autostart, clipboard func() fyne.Clipboard, after func(companion.Settings, userChange)) *settingsScreen {
	s := &settingsScreen{chrome: c, core: core, work: work, problem: problem, hasTray: hasTray, login: login, after: after, platform: widget.NewLabel(""), account: widget.NewLabel(""), values: map[string]int{}}
	s.account.Truncation = fyne.TextTruncateEllipsis
	s.platform.Truncation = fyne.TextTruncateEllipsis
	s.changeBtn = newButton(c.escape, word(words.AppChange), theme.DocumentCreateIcon(), widget.LowImportance, func() { c.goTo(pagePlatform) })
	s.signOutBtn = newButton(c.escape, word(words.AppSignOut), theme.LogoutIcon(), widget.LowImportance, s.onSignOut)
	// The number is read here, on the UI goroutine that fills s.values: the
	// change itself runs on a worker, while the page may be drawn again.
	s.clear = newSelect(c.escape, func(v string) {
		n := s.values[v]
		s.save(func(c *companion.Settings) { c.ClipboardClearSeconds = n })
	})
	s.warn = newSelect(c.escape, func(v string) {
		n := s.values[v]
		s.save(func(c *companion.Settings) { c.ExpiryWarningDays = n })
	})
	s.lang = newSelect(c.escape, func(v string) {
		pref, ok := s.langPrefs[v]
		if ok {
			s.save(func(c *companion.Settings) { c.Language = pref })
		}
	})
	var langs []string
	langs, s.langPrefs = languageChoices()
	s.lang.SetOptions(langs)
	s.notify = newCheck(c.escape, word(words.AppNotifyCheck), func(b bool) {
		s.save(func(c *companion.Settings) { c.Notifications = b })
	})
	s.inTray = newCheck(c.escape, word(words.AppStartInTray), func(b bool) {
		s.save(func(c *companion.Settings) { c.StartInTray = b })
	})
	s.atLogin = newCheck(c.escape, word(words.StartAtLogin), s.onStartAtLogin)
	s.atLogin.Hide() // until the entry is read back
	s.about = newAboutBox(c, core, work, clipboard)
	s.backBtn = newButton(c.escape, word(words.AppDone), theme.NavigateBackIcon(), widget.HighImportance, func() { s.back() })
	s.obj = container.NewVScroll(container.NewVBox(
		heading(word(words.AppSettings)),
		container.New(layout.NewFormLayout(),
			widget.NewLabel(word(words.AppLabelPlatform)), container.NewBorder(nil, nil, nil, s.changeBtn, s.platform),
			widget.NewLabel(word(words.AppLabelAccount)), container.NewBorder(nil, nil, nil, s.signOutBtn, s.account)),
		widget.NewSeparator(),
		widget.NewLabel(word(words.AppClearLabel)),
		s.clear,
		widget.NewLabel(word(words.AppWarnLabel)),
		s.warn,
		s.notify,
		s.inTray,
		s.atLogin,
		widget.NewLabel(word(words.AppLanguageLabel)),
		s.lang,
		widget.NewSeparator(),
		container.NewHBox(s.backBtn),
		widget.NewSeparator(),
		s.about.obj))
	return s
}

func (s *settingsScreen) object() fyne.CanvasObject { return s.obj }

func (s *settingsScreen) update(v view) {
	s.loading = true
	defer func() { s.loading = false }()
	st, c := v.st, v.settings
	s.platform.SetText(platformName(st))
	if st.SignedIn {
		s.account.SetText(accountLine(st))
	} else {
		s.account.SetText(word(words.AppSignedOut))
	}
	setVisible(s.signOutBtn, st.SignedIn)
	s.setChoices(&s.clear.Select, clearChoices, c.ClipboardClearSeconds, clearWords)
	s.setChoices(&s.warn.Select, warnChoices, c.ExpiryWarningDays, dayWords)
	s.lang.SetSelected(say().PrefName(c.Language))
	s.notify.SetChecked(c.Notifications)
	s.inTray.SetChecked(c.StartInTray)
	setVisible(s.inTray, s.hasTray)
	s.about.update()
	if !s.shown {
		s.shown = true
		s.readStartAtLogin()
	}
}

// left: the next time the page is shown, the entry is read again (the
// user may have changed it in the system's settings meanwhile).
func (s *settingsScreen) left() { s.shown = false }

// readStartAtLogin shows the entry as the system has it now.
func (s *settingsScreen) readStartAtLogin() {
	if s.login == nil {
		return
	}
	setEnabled(s.atLogin, false)
	run(s.work, func(context.Context) (loginState, error) {
		return readLogin(s.login)
	}, func(st loginState, err error) {
		if err != nil {
			s.problem.loginFailure(words.StartAtLoginReadFailed, err)
		}
		s.showStartAtLogin(st)
	})
}

// onStartAtLogin writes or removes the entry, then shows it as read back.
func (s *settingsScreen) onStartAtLogin(on bool) {
	if s.loading || s.login == nil {
		return
	}
	setEnabled(s.atLogin, false)
	run(s.work, func(context.Context) (loginState, error) {
		return setLogin(s.login, on)
	}, func(st loginState, err error) {
		if err != nil {
			failed := words.StartAtLoginOffFailed
			if on {
				failed = words.StartAtLoginOnFailed
			}
			s.problem.loginFailure(failed, err)
		}
		s.showStartAtLogin(st)
	})
}

func (s *settingsScreen) showStartAtLogin(st loginState) {
	s.loading = true
	s.atLogin.SetChecked(st.on)
	s.loading = false
	setEnabled(s.atLogin, true)
	setVisible(s.atLogin, !st.unsupported)
	s.relayout()
}

func (s *settingsScreen) focus() { s.focusOn(s.backBtn) }
func (s *settingsScreen) enter() { s.back() }

func (s *settingsScreen) back() bool {
	s.goTo(pageAuto)
	return true
}

// save changes one setting off the UI goroutine (it writes a file), then
// shows the result: the warning days change what the token card says.
func (s *settingsScreen) save(change func(*companion.Settings)) {
	if s.loading {
		return
	}
	run(s.work, func(context.Context) (companion.Settings, error) {
		err := s.core.UpdateSettings(change)
		return s.core.Settings(), err
	}, func(c companion.Settings, err error) {
		if err != nil {
			s.problem.showError(err)
		}
		s.after(c, changedSetting)
	})
}

func (s *settingsScreen) onSignOut() {
	setEnabled(s.signOutBtn, false)
	type result struct {
		companion.LogoutResult
		settings companion.Settings
	}
	run(s.work, func(ctx context.Context) (result, error) {
		r, err := s.core.Logout(ctx)
		return result{r, s.core.Settings()}, err
	}, func(r result, err error) {
		setEnabled(s.signOutBtn, true)
		switch {
		case err != nil:
			s.problem.showError(err)
		case !r.RevokedOnPlatform:
			s.problem.showNotice(word(words.AppSignedOutHere), word(words.AppSignedOutHereNxt))
		default:
			s.problem.showNotice(word(words.AppSignedOutDone), "")
		}
		s.after(r.settings, changedAccount)
	})
}

// clearWords is a choice of clipboard delay: "After 90 seconds".
func clearWords(n int) string {
	switch {
	case n <= 0:
		return word(words.AppClearNever)
	case n%60 == 0:
		return say().Count(words.AppClearMinutes, n/60, nil)
	}
	return say().Count(words.AppClearSeconds, n, nil)
}

// dayWords is a choice of warning: "7 days before".
func dayWords(n int) string { return say().Count(words.AppWarnDays, n, nil) }

// setChoices fills a select with the choices, plus the current value when
// it is not one of them, and selects it.
func (s *settingsScreen) setChoices(sel *widget.Select, choices []int, current int, words func(int) string) {
	if !slices.Contains(choices, current) {
		choices = append(slices.Clone(choices), current)
		slices.Sort(choices)
	}
	opts := make([]string, len(choices))
	for i, c := range choices {
		opts[i] = words(c)
		s.values[opts[i]] = c
	}
	sel.SetOptions(opts)
	sel.SetSelected(words(current))
}
