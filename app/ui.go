package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

const (
	appName    = "iObeya Token"
	demoSuffix = " — demo platform"
)

// screen is one page of the main window.
type screen interface {
	object() fyne.CanvasObject
	// update shows st as of now.
	update(st companion.Status, now time.Time)
	// focus puts the keyboard on the page's main action.
	focus()
	// enter runs the page's default action (Enter with nothing focused).
	enter()
	// back is Escape: it cancels or leaves the page, and reports whether
	// there was anything to do.
	back() bool
}

type page int

const (
	pageAuto     page = iota // chosen by the status
	pagePlatform             // the platform address, also after "Change…"
	pageSignIn               // sign in again while a token is kept
	pageSettings
)

// leaver is a page with an animation to stop when another page takes the
// window: out of sight it would go on waking the app every frame.
type leaver interface{ left() }

// dismisser is an open dialog that Escape closes.
type dismisser interface{ Dismiss() }

// UI is the desktop app: one window, its tray item and its notifications.
type UI struct {
	app   fyne.App
	win   fyne.Window
	core  Core
	deps  Deps
	clock Clock
	desk  desktop.App // nil when the driver has no tray

	ctx    context.Context // cancelled on quit: every core call derives from it
	cancel context.CancelFunc
	jobs   sync.WaitGroup

	status     companion.Status
	configured bool
	loaded     bool
	settings   companion.Settings
	page       page

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

	dialog  dismisser
	clip    *clipKeeper
	busy    string // what is being done to the token, busyNone when idle
	copying bool

	stopTick    func() bool // the countdown's next wake-up
	lastTick    time.Time   // when it last woke
	stopCheck   func() bool // the next platform check
	checking    bool
	failures    int // platform checks failed in a row
	trayKey     string
	unsubscribe func()
	stopped     bool

	// pending counts core calls in flight; epoch counts the changes the
	// user made (sign-in, generate, revoke…). A status asked for before a
	// change may describe the world before it, so it is dropped.
	pending int
	epoch   int
}

// New builds the window, the tray item when the app has a tray, and the
// notifications. Call Start to show it.
func New(a fyne.App, deps Deps) *UI {
	u := &UI{app: a, core: deps.Core, deps: deps, clock: deps.Clock}
	if u.clock == nil {
		u.clock = realClock{}
	}
	u.ctx, u.cancel = context.WithCancel(context.Background())
	u.settings = u.core.Settings()
	u.win = a.NewWindow(appName)
	if u.settings.Demo && u.settings.Platform != "" {
		// Known before the first status arrives: no flash of another title.
		u.win.SetTitle(appName + demoSuffix)
	}
	u.clip = newClipKeeper(u)

	u.top = newHeaderBar(u)
	u.problem = newProblemBox()
	u.problem.changed = u.relayout
	u.loading = newLoadingScreen(u)
	u.current = u.loading
	u.body = container.NewStack(u.loading.object())
	u.win.SetContent(container.NewBorder(
		container.NewVBox(u.top.object(), container.NewPadded(u.problem.obj)),
		nil, nil, nil, container.NewPadded(u.body)))
	u.win.Resize(fyne.NewSize(480, 660))
	u.win.Canvas().SetOnTypedKey(u.typedKey)

	if desk, ok := a.(desktop.App); ok {
		u.desk = desk
		// The menu and the state's icon first: the tray then starts with
		// them, instead of converting the large app icon only to replace it.
		u.updateTray()
		desk.SetSystemTrayWindow(u.win)
		// With a tray host, closing the window only hides it; Quit is in
		// the menu. Without one (asked at that moment, since a panel can
		// come and go) the window would be out of reach, so closing quits.
		u.win.SetCloseIntercept(func() {
			if u.hasTray() {
				u.win.Hide()
			} else {
				u.Quit()
			}
		})
	} else {
		u.win.SetCloseIntercept(u.Quit)
	}
	a.Lifecycle().SetOnStopped(u.shutdown)
	// The window gets its icon once it is shown (Start): decoding the
	// 512 px picture and handing it to the display took about 15 ms before
	// the window could appear. Windows made while the app has an icon take
	// it as they are made (the tray's hidden one too), so the app's, for
	// the notifications, comes last.
	a.SetIcon(appIcon)
	return u
}

// hasTray says whether the tray item can be seen now.
func (u *UI) hasTray() bool {
	return u.desk != nil && (u.deps.HasTray == nil || u.deps.HasTray())
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

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
			// While a call of ours runs, its own answer is the one to show;
			// the core's notice of it may come first, or be out of date.
			if !u.stopped && u.pending == 0 {
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

// shutdown runs once, from Quit or when the driver stops the app some other
// way (a signal, the tray host's own Quit).
func (u *UI) shutdown() {
	if u.stopped {
		return
	}
	u.stopped = true
	u.cancel()
	if u.unsubscribe != nil {
		u.unsubscribe()
	}
	for _, stop := range []func() bool{u.stopTick, u.stopCheck} {
		if stop != nil {
			stop()
		}
	}
	u.clip.quit()
	// The core keeps every change atomic; waiting lets a cancelled call
	// finish unwinding before the process ends.
	u.waitJobs(quitWait)
}

// apply takes a status (or the error of a status call) and shows it.
func (u *UI) apply(st companion.Status, err error) {
	switch {
	case err == nil:
		u.status = st
		u.configured = st.Platform != ""
		u.loaded = true
	case errors.Is(err, companion.ErrNotConfigured):
		u.status = companion.Status{}
		u.configured = false
		u.loaded = true
	case errors.Is(err, companion.ErrNotSignedIn), errors.Is(err, companion.ErrSessionEnded):
		u.status.SignedIn = false
		u.loaded = true
		u.showError(err)
	default:
		u.showError(err)
		if !u.loaded {
			u.loading.failed()
		}
	}
	u.render()
}

// reload asks the core for the status again, online or from what it knows.
func (u *UI) reload(online bool) {
	if online {
		u.checkNow()
		return
	}
	u.loadLocal(nil)
}

// loadLocal reads the status without asking the platform (the keychain and
// the token itself) and shows it, unless something newer was shown
// meanwhile; then runs then, when given.
func (u *UI) loadLocal(then func()) {
	epoch := u.epoch
	run(u, statusTimeout, func(ctx context.Context) (companion.Status, error) {
		return u.core.Status(ctx, true)
	}, func(st companion.Status, err error) {
		if epoch == u.epoch {
			u.apply(st, err)
		}
		if then != nil {
			then()
		}
	})
}

// changed marks a change the user made: status answers asked for before it
// are out of date.
func (u *UI) changed() { u.epoch++ }

// showError puts an error in words; err.Error() is never shown.
func (u *UI) showError(err error) {
	p := companion.Explain(err)
	u.problem.showProblem(p.Message, p.NextStep)
}

// setPage switches to a page that the status alone does not choose.
func (u *UI) setPage(p page) {
	u.problem.clearNotice()
	u.page = p
	u.render()
}

// shown is the status as it reads now: its State is the display state.
func (u *UI) shown(now time.Time) companion.Status {
	st := u.status
	st.State = displayState(st, now, u.settings.ExpiryWarningDays)
	return st
}

// render shows the current status on the right page, then updates the
// title, the tray and the notifications, and sets the next wake-up.
func (u *UI) render() {
	now := u.clock.Now()
	st := u.shown(now)
	next := u.choose(st)
	if next != u.current {
		if l, ok := u.current.(leaver); ok {
			l.left()
		}
		u.current = next
		u.body.Objects = []fyne.CanvasObject{next.object()}
		u.body.Refresh()
		next.update(st, now)
		next.focus()
	} else {
		next.update(st, now)
	}
	demo := st.Demo || (!u.configured && u.settings.Demo)
	title := appName
	if demo && (u.configured || u.settings.Platform != "") {
		title += demoSuffix
	}
	u.win.SetTitle(title)
	u.top.update(st, u.configured, u.current == u.platform)
	u.updateTray()
	u.notify(st, now)
	u.scheduleTick(now)
	u.relayout()
}

// relayout lays the window out again: parts shown or hidden need their
// containers to make or give back room.
func (u *UI) relayout() {
	if c := u.win.Content(); c != nil {
		c.Refresh()
	}
}

func (u *UI) choose(st companion.Status) screen {
	switch {
	case !u.loaded:
		return u.loading
	case !u.configured || u.page == pagePlatform:
		return u.platformPage()
	case u.page == pageSettings:
		return u.prefsPage()
	case u.page == pageSignIn:
		return u.signInPage()
	case st.State == companion.StateNone && !st.SignedIn:
		return u.signInPage()
	case st.State == companion.StateNone:
		return u.noTokenPage()
	}
	return u.cardPage()
}

// The pages are built the first time they are shown: most starts show only
// the token card, and a page measures its text as it is built, which costs
// start-up time and memory for nothing.

func (u *UI) platformPage() *platformScreen { return lazyPage(u, &u.platform, newPlatformScreen) }
func (u *UI) signInPage() *signInScreen     { return lazyPage(u, &u.signIn, newSignInScreen) }
func (u *UI) noTokenPage() *noTokenScreen   { return lazyPage(u, &u.noToken, newNoTokenScreen) }
func (u *UI) cardPage() *tokenScreen        { return lazyPage(u, &u.card, newTokenScreen) }
func (u *UI) prefsPage() *settingsScreen    { return lazyPage(u, &u.prefs, newSettingsScreen) }

// lazyPage returns *p, building it on first use.
func lazyPage[T any](u *UI, p **T, build func(*UI) *T) *T {
	if *p == nil {
		*p = build(u)
	}
	return *p
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

// loadingScreen shows while the first status is on its way, and offers
// to try again when it could not be had (the keychain is locked, say).
type loadingScreen struct {
	u        *UI
	progress *busyBar
	text     *widget.Label
	retry    *actionButton
	obj      fyne.CanvasObject
}

func newLoadingScreen(u *UI) *loadingScreen {
	s := &loadingScreen{u: u, progress: newBusyBar(true), text: widget.NewLabel("Loading…")}
	s.retry = newButton(u, "Try again", theme.ViewRefreshIcon(), widget.HighImportance, func() {
		s.text.SetText("Loading…")
		s.retry.Hide()
		s.progress.Show()
		s.progress.run(true)
		u.problem.clear()
		u.reload(false)
	})
	s.retry.Hide()
	s.obj = container.NewVBox(s.text, s.progress, container.NewHBox(s.retry))
	return s
}

// failed stops the progress and offers to try again; the problem itself
// is explained above the page.
func (s *loadingScreen) failed() {
	s.text.SetText("iObeya Token could not start.")
	s.progress.run(false)
	s.progress.Hide()
	s.retry.Show()
	s.focus()
}

func (s *loadingScreen) left() { s.progress.run(false) }

func (s *loadingScreen) object() fyne.CanvasObject          { return s.obj }
func (s *loadingScreen) update(companion.Status, time.Time) {}
func (s *loadingScreen) focus() {
	if s.retry.Visible() {
		s.u.win.Canvas().Focus(s.retry)
	}
}
func (s *loadingScreen) enter() {
	if s.retry.Visible() {
		s.retry.OnTapped()
	}
}
func (s *loadingScreen) back() bool { return false }
