package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// appName is the product's name, the same in every language.
const appName = "iObeya Token"

// UI is the desktop app: one window, its tray item and its notifications.
// It chooses the page and carries out the token's actions; the pages hold
// their own widgets and get only what they use.
type UI struct {
	app   fyne.App
	win   fyne.Window
	core  Core
	deps  Deps
	clock Clock
	desk  desktop.App // nil when the driver has no tray
	work  *worker
	arb   *statusArbiter

	settings companion.Settings
	lang     string // the language preference the window speaks
	page     page
	doing    activity
	copying  bool
	revoked  bool // the token was revoked here; the page says so until a new one or another account

	top      *headerBar
	problem  *problemBox
	body     *fyne.Container
	current  screen
	loading  *loadingScreen
	platform *platformScreen
	signIn   *signInScreen
	noToken  *noTokenScreen
	card     *tokenScreen
	prefs    *settingsScreen
	dialog   dismisser
	clip     *clipKeeper

	trayKey     string
	unsubscribe func()
}

// New builds the window, the tray item when the app has a tray, and the
// notifications. Call Start to show it.
func New(a fyne.App, deps Deps) *UI {
	u := &UI{app: a, core: deps.Core, deps: deps, clock: deps.Clock}
	if u.clock == nil {
		u.clock = realClock{}
	}
	u.work = newWorker(fyne.Do)
	u.arb = newStatusArbiter(u.clock, fyne.Do)
	u.settings = u.core.Settings()
	u.speakPref(u.settings.Language)
	a.Settings().SetTheme(withContrast(a.Settings().Theme()))
	u.win = a.NewWindow(appName)
	if u.settings.Demo && u.settings.Platform != "" {
		// Known before the first status arrives: no flash of another title.
		u.win.SetTitle(word(words.AppTitleDemo))
	}
	u.clip = newClipKeeper(u.clipboard, u.clock, func() int { return u.settings.ClipboardClearSeconds })

	u.build()
	u.win.Resize(windowSize(userScale(a)))
	u.win.Canvas().SetOnTypedKey(u.typedKey)
	u.setUpTray()
	// No Lifecycle().SetOnStopped: Fyne 2.7.1 runs that hook on a queue it
	// is closing at the same moment (see cmd/iobeya-token/fynestop.go). The
	// caller of a.Run calls Stopped once it returns.
	// The window gets its icon once it is shown (Start): decoding the
	// 512 px picture and handing it to the display took about 15 ms before
	// the window could appear. Windows made while the app has an icon take
	// it as they are made (the tray's hidden one too), so the app's, for
	// the notifications, comes last.
	a.SetIcon(appIcon)
	return u
}

// clipboard is the clipboard copies go to: Deps.Clipboard, or Fyne's.
func (u *UI) clipboard() fyne.Clipboard {
	if u.deps.Clipboard != nil {
		return u.deps.Clipboard
	}
	return u.app.Clipboard()
}

// Start shows the window, unless the user chose to start in the tray and
// there is one, and starts the first status check off the UI goroutine.
func (u *UI) Start() {
	if !u.settings.StartInTray || !u.hasTray() {
		u.win.Show()
	}
	u.win.SetIcon(appIcon)
	u.unsubscribe = u.core.Subscribe(func(st companion.Status) {
		if st.Platform == "" {
			// A status without a platform stands for an error, which the
			// call that met it reports with its explanation.
			return
		}
		fyne.Do(func() {
			if u.arb.takesNotice(u.work.pending) {
				u.apply(st, nil)
			}
		})
	})
	// The local answer first, so the window fills at once; then the platform's.
	u.loadLocal(func() {
		u.checkNow()
		if u.deps.Settled != nil {
			u.deps.Settled()
		}
	})
}

// Quit clears the clipboard if it still holds what the app put there,
// cancels every call in flight and quits.
func (u *UI) Quit() {
	u.shutdown()
	u.app.Quit()
}

// Stopped finishes what Quit would have done when the app's loop ended some
// other way (a signal, the session ending). Call it once a.Run returns; it
// does nothing after Quit. Fyne's clipboard went with the loop (GLFW's
// would panic now): board, when not nil, is the system's clipboard reached
// without Fyne, where a copy still counting down is cleared if unchanged;
// with nil it is left as it is.
func (u *UI) Stopped(board fyne.Clipboard) {
	if board != nil {
		u.clip.board = func() fyne.Clipboard { return board }
	} else {
		u.clip.holds = false
	}
	u.shutdown()
}

// shutdown runs once, from Quit or from Stopped.
func (u *UI) shutdown() {
	if u.arb.stopped {
		return
	}
	u.arb.stop()
	u.work.cancel()
	if u.unsubscribe != nil {
		u.unsubscribe()
	}
	if u.clip.quit() {
		// A notice, not a question: Quit also comes from the tray host or
		// the session ending, where nobody can answer; clearing is the safe
		// choice, and the user learns why the paste no longer works.
		u.app.SendNotification(fyne.NewNotification(word(words.AppClipClearedTitle), word(words.AppClipClearedOnQuit)))
	}
	// The core keeps every change atomic; waiting lets a cancelled call
	// finish unwinding before the process ends.
	u.work.quit(quitWait)
}

// apply takes a status (or the error of a status call) and shows it.
func (u *UI) apply(st companion.Status, err error) {
	u.arb.take(st, err)
	if err != nil && !errors.Is(err, companion.ErrNotConfigured) {
		u.problem.showError(err)
		if !u.arb.loaded {
			u.loading.failed()
		}
	}
	u.render()
}

// render shows the current status on the right page, then updates the
// title, the tray and the notifications, and sets the next wake-up.
func (u *UI) render() {
	now := u.clock.Now()
	st := u.arb.shown(now, u.settings.ExpiryWarningDays)
	u.problem.stateShown(st.State)
	u.clip.stateShown(st.State)
	next := u.choose(st)
	v := view{st: st, now: now, configured: u.arb.configured, page: u.page, doing: u.doing,
		checking: u.arb.checking, copying: u.copying, revoked: u.revoked && st.State == companion.StateNone, settings: u.settings}
	if next != u.current {
		if l, ok := u.current.(leaver); ok {
			l.left()
		}
		u.current = next
		u.body.Objects = []fyne.CanvasObject{next.object()}
		u.body.Refresh()
		next.update(v)
		next.focus()
	} else {
		next.update(v)
	}
	demo := st.Demo || (!u.arb.configured && u.settings.Demo)
	title := appName
	if demo && (u.arb.configured || u.settings.Platform != "") {
		title = word(words.AppTitleDemo)
	}
	u.win.SetTitle(title)
	u.top.update(st, u.arb.configured, u.current == u.platform || u.page == pageSettings)
	u.updateTray()
	u.notify(st, now)
	u.arb.scheduleTick(now, u.settings.ExpiryWarningDays, u.render)
	u.relayout()
}

// relayout lays the window out again: parts shown or hidden need their
// containers to make or give back room.
func (u *UI) relayout() {
	if c := u.win.Content(); c != nil {
		c.Refresh()
	}
}

// typedKey handles keys when no widget has the focus.
func (u *UI) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		u.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		if u.dialog == nil {
			u.current.enter()
		}
	}
}

// escape closes the open dialog, or else backs out of the current page.
func (u *UI) escape() {
	if u.dialog != nil {
		u.dialog.Dismiss()
		return
	}
	u.current.back()
}
