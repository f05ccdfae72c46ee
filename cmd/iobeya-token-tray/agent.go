package main

import (
	"context"
	"errors"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/instance"
	"github.com/iobeya-token/iobeya-token/internal/trayhost"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// agent is the tray program's state. Everything in it is touched on one
// goroutine, the loop: timers, the endpoint's handler, the tray's clicks
// and the answers of calls made off the loop all come back through post.
type agent struct {
	background bool
	dir        string
	demo       *demoServer
	core       *companion.Core
	words      *words.Words // the language the settings chose (openCore)
	settings   companion.Settings
	srv        *instance.Server
	tray       trayView
	notes      *notices
	clip       *clipKeeper
	hasTray    func() bool
	startUI    func() error       // starts the window process
	keys       companion.Keychain // nil: the system's keychain
	now        func() time.Time

	jobs chan func()
	done chan struct{}
	ctx  context.Context // ends when the agent quits: calls in flight stop
	stop context.CancelFunc

	status     companion.Status
	configured bool
	epoch      int  // changes the user made in the window
	checking   bool // a platform check is in flight
	failures   int  // platform checks failed in a row
	nextCheck  *time.Timer
	nextTick   *time.Timer
	lastTick   time.Time

	window        *instance.Peer // the registered window, if any
	windowAsked   time.Time      // when a window process was last started
	pendingRevoke bool           // "Revoke…" waits for the window to register
	watchStop     func()         // ends the clipboard watch, while one runs
	watchGen      int            // bumped by every start and stop, so a stopped watch's end says nothing
	outbox        chan report    // the watch's reports to the window, in order (made on first use)
	quitting      bool
	settle        sync.Once
}

// newAgent reads the settings and builds the core as the window does.
func newAgent(background bool) (*agent, error) {
	dir, err := companion.DefaultSettingsDir()
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	a := &agent{
		background: background,
		dir:        dir,
		demo:       &demoServer{program: windowProgram},
		hasTray:    trayhost.Present,
		startUI:    startWindow,
		now:        time.Now,
		jobs:       make(chan func(), 64),
		done:       make(chan struct{}),
		ctx:        ctx,
		stop:       stop,
		notes:      newNotices(dir),
	}
	a.tray = &systrayView{onClick: func(act glance.Action) { a.post(func() { a.do(act) }) }}
	a.clip = &clipKeeper{post: a.post, system: systemClipboard}
	if err := a.openCore(); err != nil {
		p := companion.ExplainIn(words.Choose(companion.StoredLanguage(dir)), err)
		return nil, errors.New(p.Message + " " + p.NextStep)
	}
	return a, nil
}

// openCore (re)reads the settings: the window may have changed them.
func (a *agent) openCore() error {
	core, err := companion.New(companion.Config{
		SettingsDir: a.dir,
		Keychain:    a.keys,
		HTTPClient:  &http.Client{Transport: a.demo.transport(baseTransport)},
	})
	if err != nil {
		return err
	}
	// The language the window's Settings chose, read again with them.
	a.words = words.Choose(core.Settings().Language)
	core.SetWords(a.words)
	a.core, a.settings = core, core.Settings()
	// Keep the demo platform alive for the window and the command line.
	go a.demo.serveFor(a.ctx, a.settings.Demo, a.settings.Platform)
	return nil
}

// baseTransport is Go's default: proxy from the environment, sane timeouts.
var baseTransport = http.DefaultTransport.(*http.Transport).Clone()

// post runs f on the loop.
func (a *agent) post(f func()) {
	select {
	case a.jobs <- f:
	case <-a.done:
	}
}

// call posts f and waits for it, for the endpoint's handler.
func (a *agent) call(f func()) {
	ran := make(chan struct{})
	a.post(func() { f(); close(ran) })
	select {
	case <-ran:
	case <-a.done:
	}
}

// loop runs the agent: a first reading from the keychain, then the
// platform's answer, then whatever comes.
func (a *agent) loop() {
	a.readLocal(true)
	for {
		select {
		case f := <-a.jobs:
			f()
		case <-a.done:
			return
		}
	}
}

// offLoop runs work off the loop with the agent's context and hands its
// answer back to the loop.
func offLoop[T any](a *agent, work func(ctx context.Context) (T, error), then func(T, error)) {
	go func() {
		v, err := work(a.ctx)
		a.post(func() { then(v, err) })
	}()
}

// readLocal reads the status from the keychain (no network), shows it,
// then asks the platform when check is set.
func (a *agent) readLocal(check bool) {
	epoch, core := a.epoch, a.core
	offLoop(a, func(ctx context.Context) (companion.Status, error) {
		return core.Status(ctx, true)
	}, func(st companion.Status, err error) {
		if epoch != a.epoch {
			return // a newer reading is on its way
		}
		a.take(st, err)
		if check {
			a.checkNow()
		} else {
			a.scheduleCheck(true)
		}
	})
}

// checkNow asks the platform; one check at a time.
func (a *agent) checkNow() {
	if a.checking || !a.configured || a.quitting {
		a.render()
		a.settled()
		return
	}
	a.checking = true
	epoch, core := a.epoch, a.core
	offLoop(a, func(ctx context.Context) (companion.Status, error) {
		return core.Status(ctx, false)
	}, func(st companion.Status, err error) {
		a.checking = false
		if epoch != a.epoch {
			// The user changed something meanwhile: ask again.
			a.checkNow()
			return
		}
		a.take(st, err)
		a.scheduleCheck(err == nil && st.State != companion.StateUnknown)
		a.settled()
	})
}

// settled hands the memory the start-up burst freed back to the system,
// once, after the first platform check: Go keeps freed memory for reuse and
// returns it slowly, and the agent would carry it all day.
func (a *agent) settled() {
	a.settle.Do(func() {
		time.AfterFunc(time.Second, func() {
			// The next check is hours away: its connection would idle
			// until then, holding its buffers.
			baseTransport.CloseIdleConnections()
			debug.FreeOSMemory()
		})
	})
}

// take records a status answer and shows it.
func (a *agent) take(st companion.Status, err error) {
	next, answered := glance.Take(a.status, st, err)
	a.status = next
	if answered {
		a.configured = next.Platform != ""
	} else {
		logf("the status could not be read: %v", companion.Explain(err).Message)
	}
	a.render()
}

// changed follows a change the user made in the window: read the settings
// and the keychain again at once.
func (a *agent) changed() {
	a.epoch++
	if err := a.openCore(); err != nil {
		logf("the settings could not be read again: %v", companion.Explain(err).Message)
	}
	a.readLocal(false)
}

// scheduleCheck sets the next platform check: the normal interval after an
// answer, sooner after a failure.
func (a *agent) scheduleCheck(reached bool) {
	if a.nextCheck != nil {
		a.nextCheck.Stop()
		a.nextCheck = nil
	}
	if !a.configured || a.quitting {
		return
	}
	wait := glance.CheckEvery
	if reached {
		a.failures = 0
	} else {
		a.failures++
		wait = glance.Backoff(a.failures)
	}
	a.nextCheck = time.AfterFunc(wait, func() { a.post(a.checkNow) })
}

// render shows the status in the tray, sends the notification it calls
// for, and sets a wake-up for the next moment its words change.
func (a *agent) render() {
	now := a.now()
	warn := a.settings.ExpiryWarningDays
	shown := glance.Shown(a.status, now, warn)
	a.tray.show(glance.Menu(a.words, shown, now), glance.TrayIcon(shown.State), glance.Tooltip(a.words, shown, now))
	if a.settings.Notifications {
		a.notes.maybe(a.words, shown, now)
	}
	if a.nextTick != nil {
		a.nextTick.Stop()
		a.nextTick = nil
	}
	next := glance.NextTrayChange(a.status, now, warn)
	if next.IsZero() || a.quitting {
		return
	}
	if soonest := a.lastTick.Add(glance.TickSpacing); next.Before(soonest) {
		next = soonest
	}
	a.nextTick = time.AfterFunc(next.Sub(now), func() {
		a.post(func() {
			a.lastTick = a.now()
			a.render()
		})
	})
}

// trayReady fills the tray once systray has started.
func (a *agent) trayReady() {
	a.tray.ready()
	a.render()
}

// do carries out a tray menu action.
func (a *agent) do(act glance.Action) {
	switch act {
	case glance.ActCopy:
		a.copyToken()
	case glance.ActOpen:
		a.openWindow(false)
	case glance.ActCheck:
		a.checkNow()
	case glance.ActRevoke:
		a.openWindow(true)
	case glance.ActQuit:
		a.quit()
	}
}

// copyToken puts "Bearer <token>" on the clipboard, says so once, and
// clears it after the settings' delay if it still holds it.
func (a *agent) copyToken() {
	core, seconds, w := a.core, a.settings.ClipboardClearSeconds, a.words
	offLoop(a, func(ctx context.Context) (string, error) {
		return core.Header(ctx, companion.FormatBearer)
	}, func(value string, err error) {
		if err != nil {
			p := companion.ExplainIn(w, err)
			a.notes.send(copyFailedTitle(w), p.Message+" "+p.NextStep)
			return
		}
		a.clip.put(value, time.Duration(seconds)*time.Second, func(err error) {
			if err != nil {
				a.notes.send(copyFailedTitle(w), clipboardProblem(w, err))
				return
			}
			a.notes.send(glance.CopiedNotice(w, seconds))
		})
	})
}

// openWindow shows the registered window, or starts one. revoke asks it
// for the revoke confirmation.
func (a *agent) openWindow(revoke bool) {
	if a.window != nil {
		kind := instance.KindShow
		if revoke {
			kind = instance.KindRevoke
		}
		a.push(a.window, kind)
		return
	}
	a.pendingRevoke = a.pendingRevoke || revoke
	if a.now().Sub(a.windowAsked) < windowStartWait {
		return // one is starting: a second click does not make two
	}
	a.windowAsked = a.now()
	if err := a.startUI(); err != nil {
		logf("could not start the window: %v", err)
		a.windowAsked = time.Time{}
		a.notes.send(windowFailed(a.words))
	}
}

// windowStartWait is how long a started window has to register before
// another click starts another.
const windowStartWait = 20 * time.Second

// push sends a message to a peer off the loop.
func (a *agent) push(p *instance.Peer, kind instance.Kind) {
	go func() {
		if err := p.Send(context.Background(), instance.Message{Kind: kind}); err != nil {
			logf("could not reach the window: %v", err)
		}
	}()
}

// handle answers the endpoint's messages (on the peer's goroutine).
func (a *agent) handle(p *instance.Peer, m instance.Message) (reply instance.Message) {
	a.call(func() {
		switch m.Kind {
		case instance.KindRegister:
			reply = a.register(p)
		case instance.KindOpen:
			a.openWindow(false)
		case instance.KindChanged:
			a.changed()
		case instance.KindWatch:
			reply = a.startWatch()
		case instance.KindWatchStop:
			a.stopWatch()
		case instance.KindQuit:
			a.quit()
		case instance.KindPing:
		default:
			reply = instance.Message{Kind: instance.KindError, Text: "unknown request"}
		}
	})
	return reply
}

// register makes p the window, unless there is one: that one is raised
// and p is told to go.
func (a *agent) register(p *instance.Peer) instance.Message {
	if a.window != nil {
		a.push(a.window, instance.KindShow)
		return instance.Message{Kind: instance.KindShown}
	}
	a.window, a.windowAsked = p, time.Time{}
	if a.pendingRevoke {
		a.pendingRevoke = false
		a.push(p, instance.KindRevoke)
	}
	go func() {
		<-p.Done()
		a.post(func() { a.windowGone(p) })
	}()
	return instance.Message{}
}

// windowGone follows the window's end. Where no tray host shows the item
// and the session did not start the agent, nothing would be left to
// reach: the agent ends with the window, as the app always did there.
func (a *agent) windowGone(p *instance.Peer) {
	if a.window != p {
		return
	}
	a.window = nil
	if a.quitting {
		return
	}
	a.changed() // the window's last changes
	// A clipboard watch the user started goes on: its end says how it went
	// in a notification, and quits then (watchEnded).
	if !a.background && !a.hasTray() && a.watchStop == nil {
		a.quit()
	}
}

// quit ends the window, clears the clipboard if it still holds our copy,
// and ends the agent.
func (a *agent) quit() {
	if a.quitting {
		return
	}
	a.quitting = true
	for _, t := range []*time.Timer{a.nextCheck, a.nextTick} {
		if t != nil {
			t.Stop()
		}
	}
	var wg sync.WaitGroup
	if w := a.window; w != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = w.Send(context.Background(), instance.Message{Kind: instance.KindQuit})
			select {
			case <-w.Done():
			case <-time.After(3 * time.Second):
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.clip.quit()
	}()
	go func() {
		wg.Wait()
		a.stop()
		if a.srv != nil {
			_ = a.srv.Close()
		}
		a.demo.close()
		a.tray.quit()
		close(a.done)
	}()
}
