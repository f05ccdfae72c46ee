package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// The choices offered; a value set elsewhere (the command line) is added.
var (
	clearChoices = []int{0, 10, 30, 60, 120}
	warnChoices  = []int{1, 3, 7, 14, 30}
)

// settingsScreen holds the user's choices. Every change is saved at once.
type settingsScreen struct {
	u          *UI
	platform   *widget.Label
	account    *widget.Label
	changeBtn  *actionButton
	signOutBtn *actionButton
	clear      *escSelect
	warn       *escSelect
	notify     *escCheck
	inTray     *escCheck
	backBtn    *actionButton
	values     map[string]int // option words → number, for both selects
	loading    bool           // true while update fills the widgets: no saving then
	obj        fyne.CanvasObject
}

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{u: u, platform: widget.NewLabel(""), account: widget.NewLabel(""), values: map[string]int{}}
	s.account.Truncation = fyne.TextTruncateEllipsis
	s.platform.Truncation = fyne.TextTruncateEllipsis
	s.changeBtn = newButton(u, "Change…", theme.DocumentCreateIcon(), widget.LowImportance, func() { u.setPage(pagePlatform) })
	s.signOutBtn = newButton(u, "Sign out", theme.LogoutIcon(), widget.LowImportance, s.onSignOut)
	s.clear = newSelect(u, func(v string) { s.save(func(c *companion.Settings) { c.ClipboardClearSeconds = s.values[v] }) })
	s.warn = newSelect(u, func(v string) { s.save(func(c *companion.Settings) { c.ExpiryWarningDays = s.values[v] }) })
	s.notify = newCheck(u, "Show notifications when the token needs attention", func(b bool) {
		s.save(func(c *companion.Settings) { c.Notifications = b })
	})
	s.inTray = newCheck(u, "Start in the tray, without opening this window", func(b bool) {
		s.save(func(c *companion.Settings) { c.StartInTray = b })
	})
	s.backBtn = newButton(u, "Done", theme.NavigateBackIcon(), widget.HighImportance, func() { s.back() })
	s.obj = container.NewVScroll(container.NewVBox(
		heading("Settings"),
		container.New(layout.NewFormLayout(),
			widget.NewLabel("Platform"), container.NewBorder(nil, nil, nil, s.changeBtn, s.platform),
			widget.NewLabel("Account"), container.NewBorder(nil, nil, nil, s.signOutBtn, s.account)),
		widget.NewSeparator(),
		widget.NewLabel("Clear the clipboard after copying the token"),
		s.clear,
		widget.NewLabel("Warn me before the token expires"),
		s.warn,
		s.notify,
		s.inTray,
		widget.NewSeparator(),
		container.NewHBox(s.backBtn)))
	return s
}

func (s *settingsScreen) object() fyne.CanvasObject { return s.obj }

func (s *settingsScreen) update(st companion.Status, _ time.Time) {
	s.loading = true
	defer func() { s.loading = false }()
	c := s.u.settings
	s.platform.SetText(platformName(st))
	if st.SignedIn {
		s.account.SetText(accountLine(st))
	} else {
		s.account.SetText("Signed out")
	}
	setVisible(s.signOutBtn, st.SignedIn)
	s.setChoices(&s.clear.Select, clearChoices, c.ClipboardClearSeconds, clearWords)
	s.setChoices(&s.warn.Select, warnChoices, c.ExpiryWarningDays, dayWords)
	s.notify.SetChecked(c.Notifications)
	s.inTray.SetChecked(c.StartInTray)
	setVisible(s.inTray, s.u.desk != nil) // no tray, no way back from it
}

func (s *settingsScreen) focus() { s.u.win.Canvas().Focus(s.backBtn) }
func (s *settingsScreen) enter() { s.back() }

func (s *settingsScreen) back() bool {
	s.u.setPage(pageAuto)
	return true
}

// save changes one setting off the UI goroutine (it writes a file), then
// shows the result: the warning days change what the token card says.
func (s *settingsScreen) save(change func(*companion.Settings)) {
	if s.loading {
		return
	}
	u := s.u
	run(u, keychainTimeout, func(context.Context) (companion.Settings, error) {
		err := u.core.UpdateSettings(change)
		return u.core.Settings(), err
	}, func(c companion.Settings, err error) {
		u.changed()
		if err != nil {
			u.showError(err)
		}
		u.settings = c
		u.reload(false)
	})
}

func (s *settingsScreen) onSignOut() {
	u := s.u
	setEnabled(s.signOutBtn, false)
	run(u, statusTimeout, func(ctx context.Context) (companion.LogoutResult, error) {
		return u.core.Logout(ctx)
	}, func(r companion.LogoutResult, err error) {
		u.changed()
		setEnabled(s.signOutBtn, true)
		switch {
		case err != nil:
			u.showError(err)
		case !r.RevokedOnPlatform:
			u.problem.showNotice("You are signed out on this computer.",
				"The platform could not be told; your session there ends by itself.")
		default:
			u.problem.showNotice("You are signed out.", "")
		}
		u.settings = u.core.Settings()
		u.page = pageAuto
		u.reload(false)
	})
}

func clearWords(n int) string {
	switch {
	case n <= 0:
		return "Never"
	case n < 60:
		return fmt.Sprintf("After %d seconds", n)
	case n == 60:
		return "After 1 minute"
	case n%60 == 0:
		return fmt.Sprintf("After %d minutes", n/60)
	}
	return fmt.Sprintf("After %d seconds", n)
}

func dayWords(n int) string {
	if n == 1 {
		return "1 day before"
	}
	return fmt.Sprintf("%d days before", n)
}

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
