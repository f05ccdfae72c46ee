package app

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/clipwatch"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// AgentWatch is the tray program's clipboard watch as the window asks for
// it (Deps.Watch). The token never reaches the window: the tray program
// checks it and keeps it, and reports only how it went (UI.Watched).
type AgentWatch interface {
	// Start asks the tray program to watch the clipboard for two minutes
	// for the token the user is about to copy. An error means it cannot:
	// the window then watches itself.
	Start(ctx context.Context) error
	// Stop ends the watch the user started (the dialog closed, or the
	// paste box took over).
	Stop(ctx context.Context) error
}

// WatchReport is what the tray program says of the watch it runs.
type WatchReport int

// Reports of the tray program's watch.
const (
	// WatchChecking: a token of the platform was picked up (the clipboard
	// is cleared); it is being checked.
	WatchChecking WatchReport = iota + 1
	// WatchKept: the token is kept in the keychain.
	WatchKept
	// WatchFailed: the watch ended without a kept token; the text that
	// comes with it says why and what to do.
	WatchFailed
)

// agentWatchLimit bounds how long the window waits for the tray program's
// outcome: the two minutes, then the check. A tray program that died
// meanwhile would otherwise leave the dialog waiting for ever.
const agentWatchLimit = clipwatch.DefaultWindow + time.Minute

// errWatchStopped is the cause of a watch the user ended, as opposed to the
// window quitting (which leaves the tray program's watch running).
var errWatchStopped = errors.New("the user ended the clipboard watch")

// reportedProblem is the tray program's account of a watch that kept
// nothing, already in words.
type reportedProblem struct{ text string }

func (r reportedProblem) Error() string { return r.text }

// watchResult ends the dialog's wait for the tray program.
type watchResult struct {
	kept bool
	text string
}

// errAgentCannot: the tray program cannot watch; the window does.
var errAgentCannot = errors.New("the tray program cannot watch the clipboard")

// viaAgent has the tray program watch and waits for its outcome, or says
// errAgentCannot (the caller then watches here). When the user ends the
// watch, the tray program is told; when the window quits, it watches on.
// A kept token answers a zero Status: the caller reads the state again.
func (d *bringDialog) viaAgent(ctx context.Context) (companion.Status, error) {
	if err := d.agent.Start(ctx); err != nil {
		if context.Cause(ctx) == errWatchStopped {
			d.stopAgent()
			return companion.Status{}, ctx.Err()
		}
		return companion.Status{}, errAgentCannot
	}
	limit := time.NewTimer(agentWatchLimit)
	defer limit.Stop()
	select {
	case r := <-d.reports:
		if r.kept {
			// The tray program's core wrote the account; the caller
			// reads the state with it.
			return companion.Status{}, d.core.ReloadSettings()
		}
		return companion.Status{}, reportedProblem{r.text}
	case <-limit.C:
		return companion.Status{}, clipwatch.ErrWindowPassed
	case <-ctx.Done():
		if context.Cause(ctx) == errWatchStopped {
			d.stopAgent()
		}
		return companion.Status{}, ctx.Err()
	}
}

// stopAgent tells the tray program the user ended the watch.
func (d *bringDialog) stopAgent() {
	ctx, cancel := context.WithTimeout(context.Background(), agentCallTimeout)
	defer cancel()
	_ = d.agent.Stop(ctx) // a tray program gone has no watch to stop
}

// agentCallTimeout bounds one request to the tray program.
const agentCallTimeout = 2 * time.Second

// Watched takes a report of the tray program's clipboard watch, on the UI
// goroutine. The open dialog that asked for the watch says it; a window
// opened since (the one that asked was closed) shows the outcome as a
// passing notice and reads the state again.
func (u *UI) Watched(r WatchReport, text string) {
	if d, ok := u.dialog.(*bringDialog); ok && d.cancel != nil {
		switch r {
		case WatchChecking:
			d.say(word(words.AppBringChecking), widget.MediumImportance)
		case WatchKept, WatchFailed:
			select {
			case d.reports <- watchResult{kept: r == WatchKept, text: text}:
			default: // already told
			}
		}
		return
	}
	switch r {
	case WatchKept:
		u.arb.changed()
		// The news goes with the state it is about: shown once the token
		// is on screen (a change of state clears a notice).
		news := func() {
			u.problem.showNotice(say().Say(words.TrayWatchKept, nil), say().Say(words.TrayWatchKeptBody, nil))
			u.render()
		}
		bc, ok := u.core.(bringCore)
		if !ok {
			u.loadLocal(news)
			return
		}
		run(u.work, func(context.Context) (struct{}, error) {
			return struct{}{}, bc.ReloadSettings()
		}, func(_ struct{}, err error) {
			if err != nil {
				u.problem.showError(err)
				return
			}
			u.settings = u.core.Settings()
			u.loadLocal(news)
		})
	case WatchFailed:
		u.problem.showProblem(say().Say(words.TrayWatchFailed, nil), text)
		u.relayout()
	}
}
