package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/app"
	"github.com/iobeya-token/iobeya-token/internal/autostart"
	"github.com/iobeya-token/iobeya-token/internal/instance"
)

// agentStartWait bounds starting the tray program and its first answer.
const agentStartWait = 10 * time.Second

// trayProgram is the tray program's executable: iobeya-token-tray in the
// folder of this one.
func trayProgram() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	name := "iobeya-token-tray"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	exe := filepath.Join(filepath.Dir(self), name)
	if _, err := os.Stat(exe); err != nil {
		return "", fmt.Errorf("the tray program is missing: %w", err)
	}
	return exe, nil
}

// askAgent connects to the tray program, starting it (detached, with
// args) when none runs, and sends m as the first request. A tray program
// that is ending (killed, quitting) and drops the request does not count:
// the next one is started and asked.
func askAgent(push func(instance.Message), m instance.Message, args ...string) (*instance.Conn, instance.Message, error) {
	ctx, cancel := context.WithTimeout(context.Background(), agentStartWait)
	defer cancel()
	return instance.RequestOrStart(ctx, func() error {
		exe, err := trayProgram()
		if err != nil {
			return err
		}
		_, err = instance.StartDetached(exe, args...)
		return err
	}, push, m)
}

// runBackground is `iobeya-token --background`, what the session's
// autostart entry runs: make sure the tray program runs, map no window.
func runBackground() int {
	c, _, err := askAgent(nil, instance.Message{Kind: instance.KindPing}, autostart.BackgroundFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: the tray program could not be started:", err)
		return 1
	}
	_ = c.Close()
	return 0
}

// agentLink is the window's connection to the tray program.
type agentLink struct {
	pushed chan instance.Message // what the agent asked before the UI was ready

	mu     sync.Mutex
	conn   *instance.Conn
	closed bool // the window is ending: do not join again
}

// push queues a message the agent sent on its own.
func (l *agentLink) push(m instance.Message) {
	select {
	case l.pushed <- m:
	default: // the window is not reading; a show more or less is no loss
	}
}

// join connects to the tray program, starting it if needed, and registers
// this process as the window. shown is true when another window was raised
// instead.
func (l *agentLink) join() (shown bool, err error) {
	c, reply, err := askAgent(l.push, instance.Message{Kind: instance.KindRegister})
	switch {
	case err != nil:
		return false, err
	case reply.Kind == instance.KindShown:
		_ = c.Close()
		return true, nil
	}
	l.mu.Lock()
	l.conn = c
	l.mu.Unlock()
	return false, nil
}

func (l *agentLink) current() *instance.Conn {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.conn
}

// joinAgent connects to the tray program and registers this process as
// the window. shown is true when another window was raised instead: this
// process should exit. A nil link (no tray program could be started) keeps
// the app's window-only behaviour, with its own tray item.
func joinAgent() (link *agentLink, shown bool) {
	link = &agentLink{pushed: make(chan instance.Message, 8)}
	shown, err := link.join()
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: working without the tray program:", err)
		return nil, false
	}
	if shown {
		return nil, true
	}
	return link, false
}

// serve carries out what the agent pushes, on the UI goroutine, until it
// says quit. If the agent ends without saying so (it crashed, or was
// killed), the window starts it again and registers anew, so the tray item
// comes back and a later start still finds this window.
func (l *agentLink) serve(ui *app.UI) {
	for {
		select {
		case m := <-l.pushed:
			switch m.Kind {
			case instance.KindShow:
				fyne.Do(ui.Raise)
			case instance.KindRevoke:
				fyne.Do(ui.AskRevoke)
			case instance.KindQuit:
				fyne.Do(ui.Quit)
				return
			case instance.KindWatchChecking, instance.KindWatchKept, instance.KindWatchFailed:
				r, text := watchReports[m.Kind], m.Text
				fyne.Do(func() { ui.Watched(r, text) })
			}
		case <-l.current().Done():
			select {
			case m := <-l.pushed:
				// Quit arrives just before the connection ends.
				l.push(m)
				continue
			default:
			}
			l.mu.Lock()
			closed := l.closed
			l.mu.Unlock()
			if closed {
				return
			}
			if shown, err := l.join(); err != nil || shown {
				fmt.Fprintln(os.Stderr, "iobeya-token: the tray program went away; going on without it:", err)
				return
			}
		}
	}
}

// changed tells the agent the user changed something.
func (l *agentLink) changed() {
	ctx, cancel := context.WithTimeout(context.Background(), instance.DefaultTimeout)
	defer cancel()
	if _, err := l.current().Request(ctx, instance.Message{Kind: instance.KindChanged}); err != nil && !errors.Is(err, instance.ErrClosed) {
		fmt.Fprintln(os.Stderr, "iobeya-token: the tray program was not told of the change:", err)
	}
}

// watchReports are the agent's reports of its clipboard watch, as the
// window takes them.
var watchReports = map[instance.Kind]app.WatchReport{
	instance.KindWatchChecking: app.WatchChecking,
	instance.KindWatchKept:     app.WatchKept,
	instance.KindWatchFailed:   app.WatchFailed,
}

// Start asks the agent to run the clipboard watch (app.AgentWatch).
func (l *agentLink) Start(ctx context.Context) error {
	_, err := l.current().Request(ctx, instance.Message{Kind: instance.KindWatch})
	return err
}

// Stop asks the agent to end the clipboard watch (app.AgentWatch).
func (l *agentLink) Stop(ctx context.Context) error {
	_, err := l.current().Request(ctx, instance.Message{Kind: instance.KindWatchStop})
	return err
}

// Close ends the connection: the agent sees the window go.
func (l *agentLink) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	return l.conn.Close()
}
