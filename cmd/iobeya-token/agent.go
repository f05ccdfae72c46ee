package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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

// dialAgent connects to the tray program, starting it (detached, with
// args) when none runs.
func dialAgent(push func(instance.Message), args ...string) (*instance.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), agentStartWait)
	defer cancel()
	return instance.DialOrStart(ctx, func() error {
		exe, err := trayProgram()
		if err != nil {
			return err
		}
		_, err = instance.StartDetached(exe, args...)
		return err
	}, push)
}

// runBackground is `iobeya-token --background`, what the session's
// autostart entry runs: make sure the tray program runs, map no window.
func runBackground() int {
	c, err := dialAgent(nil, autostart.BackgroundFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: the tray program could not be started:", err)
		return 1
	}
	_ = c.Close()
	return 0
}

// agentLink is the window's connection to the tray program.
type agentLink struct {
	conn   *instance.Conn
	pushed chan instance.Message // what the agent asked before the UI was ready
}

// joinAgent connects to the tray program and registers this process as
// the window. shown is true when another window was raised instead: this
// process should exit. A nil link (no tray program could be started) keeps
// the app's window-only behaviour, with its own tray item.
func joinAgent() (link *agentLink, shown bool) {
	link = &agentLink{pushed: make(chan instance.Message, 8)}
	c, err := dialAgent(func(m instance.Message) {
		select {
		case link.pushed <- m:
		default: // the window is not reading; a show more or less is no loss
		}
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: working without the tray program:", err)
		return nil, false
	}
	link.conn = c
	ctx, cancel := context.WithTimeout(context.Background(), instance.DefaultTimeout)
	defer cancel()
	reply, err := c.Request(ctx, instance.Message{Kind: instance.KindRegister})
	switch {
	case err != nil:
		fmt.Fprintln(os.Stderr, "iobeya-token: working without the tray program:", err)
		_ = c.Close()
		return nil, false
	case reply.Kind == instance.KindShown:
		_ = c.Close()
		return nil, true
	}
	return link, false
}

// serve carries out what the agent pushes, on the UI goroutine, until the
// connection ends. If the agent dies, the window goes on by itself.
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
			}
		case <-l.conn.Done():
			return
		}
	}
}

// changed tells the agent the user changed something.
func (l *agentLink) changed() {
	ctx, cancel := context.WithTimeout(context.Background(), instance.DefaultTimeout)
	defer cancel()
	if _, err := l.conn.Request(ctx, instance.Message{Kind: instance.KindChanged}); err != nil && !errors.Is(err, instance.ErrClosed) {
		fmt.Fprintln(os.Stderr, "iobeya-token: the tray program was not told of the change:", err)
	}
}

// Close ends the connection: the agent sees the window go.
func (l *agentLink) Close() error { return l.conn.Close() }
