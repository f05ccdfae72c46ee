package main

import (
	"context"
	"errors"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/instance"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// The clipboard pick-up of "Get a token from the iObeya web app" runs here
// when the window asks (instance.KindWatch): the agent outlives the window,
// so closing it does not lose a token the user is about to copy. The token
// stays in this process: the core checks it and keeps it in the keychain,
// and only the outcome goes to the window (or, with no window left, to a
// notification).

// startWatch starts the two-minute watch, unless one runs: that one goes
// on. The settings are read again first: the window may have just chosen
// the platform. A clipboard the agent cannot reach is refused, so the
// window watches itself.
func (a *agent) startWatch() instance.Message {
	if a.quitting {
		return instance.Message{Kind: instance.KindError, Text: "the tray program is quitting"}
	}
	if a.watchStop != nil {
		return instance.Message{}
	}
	cb, err := a.clip.system()
	if err != nil {
		return instance.Message{Kind: instance.KindError, Text: err.Error()}
	}
	a.changed()
	ctx, stop := context.WithCancel(a.ctx)
	a.watchGen++
	gen, core := a.watchGen, a.core
	a.watchStop = stop
	logf("watching the clipboard for a token of the platform (two minutes)")
	// The watch's own context, not the agent's: the user may stop it.
	offLoop(a, func(context.Context) (companion.Status, error) {
		defer stop()
		return core.WatchClipboard(ctx, cb, func() {
			a.post(func() {
				if gen == a.watchGen {
					a.tell(instance.Message{Kind: instance.KindWatchChecking}, nil)
				}
			})
		})
	}, func(_ companion.Status, err error) { a.watchEnded(gen, err) })
	return instance.Message{}
}

// stopWatch ends the watch the user started, if it runs.
func (a *agent) stopWatch() {
	if a.watchStop != nil {
		a.watchStop()
		a.watchStop = nil
		a.watchGen++ // its end says nothing
	}
}

// watchEnded reports how watch gen ended: to the window, or in a
// notification when no window is left to say it. A watch the user stopped
// says nothing, unless it had picked the token up already and kept it.
func (a *agent) watchEnded(gen int, err error) {
	current := gen == a.watchGen
	if current {
		a.watchStop = nil
	}
	if a.quitting || (err != nil && !current) {
		return
	}
	title, body := a.words.Say(words.TrayWatchKept, nil), a.words.Say(words.TrayWatchKeptBody, nil)
	m := instance.Message{Kind: instance.KindWatchKept}
	if err != nil {
		p := companion.ExplainIn(a.words, err)
		logf("the clipboard watch ended without a kept token: %s", p.Message)
		title, body = a.words.Say(words.TrayWatchFailed, nil), p.Message+" "+p.NextStep
		m = instance.Message{Kind: instance.KindWatchFailed, Text: body}
	} else {
		logf("the token picked up from the clipboard is kept")
		a.changed()
	}
	if !a.tell(m, func() { a.notes.send(title, body) }) {
		a.notes.send(title, body)
	}
	if a.window == nil && a.watchStop == nil && !a.background && !a.hasTray() {
		a.quit() // the agent stayed only for the watch (see windowGone)
	}
}

// tell pushes m to the registered window and says whether there was one;
// missed, if not nil, runs on the loop when the window went away before it
// was told.
// The watch's reports go out in order, one after the other, off the loop.
func (a *agent) tell(m instance.Message, missed func()) bool {
	w := a.window
	if w == nil {
		return false
	}
	if a.outbox == nil {
		a.outbox = make(chan report, 8)
		go a.sendReports(a.outbox)
	}
	select {
	case a.outbox <- report{w, m, missed}:
	default:
		logf("could not reach the window: too many reports waiting")
	}
	return true
}

// report is one of the watch's reports on its way to a window.
type report struct {
	to     *instance.Peer
	m      instance.Message
	missed func()
}

// sendReports sends the queued reports, until the agent ends.
func (a *agent) sendReports(outbox <-chan report) {
	for {
		select {
		case r := <-outbox:
			err := r.to.Send(context.Background(), r.m)
			if err == nil {
				continue
			}
			if !errors.Is(err, instance.ErrClosed) {
				logf("could not reach the window: %v", err)
			}
			if r.missed != nil {
				a.post(r.missed)
			}
		case <-a.done:
			return
		}
	}
}
