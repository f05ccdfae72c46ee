// Package instance is the per-user local endpoint the tray agent owns: it
// keeps one agent per user, and lets the window (and a second start of the
// app) reach it with a tiny line-delimited JSON protocol.
//
// The endpoint is a Unix domain socket in a private directory (0700) on
// Linux and macOS; on Windows a named pipe whose access list admits only
// the user and SYSTEM, next to a lock file in %LOCALAPPDATA% with the same
// access list. Ownership is decided by a lock file the agent holds for its
// lifetime, not by the socket: the operating system drops the lock when the
// agent ends, even by kill -9, so a stale socket never blocks the next start.
//
// Messages never carry a secret: they say what happened ("changed"), and
// each process reads the state itself from the keychain and the settings.
//
// How the programs use it:
//   - the agent (tray program): Listen; ErrRunning means another agent
//     runs, so exit 0. Its Handler answers KindRegister with KindOK and
//     keeps the Peer as the window (until Peer.Done), or, when a window is
//     registered already, pushes KindShow to it and answers KindShown;
//     KindOpen shows the registered window or starts one (StartDetached);
//     KindChanged re-reads the state; Quit pushes KindQuit to the window,
//     waits a moment for its Done, and calls Server.Close.
//   - the window (iobeya-token): DialOrStart, starting the agent detached
//     when none answers; Request KindRegister; on KindShown exit 0,
//     otherwise stay connected, raise on KindShow, quit on KindQuit, and
//     Request KindChanged after each change the user makes.
//   - the clipboard pick-up of "Get a token from the iObeya web app": the
//     window Requests KindWatch (and KindWatchStop when the user ends
//     it); the agent watches, keeps the token itself and pushes
//     KindWatchChecking, then KindWatchKept or KindWatchFailed. No token
//     crosses the endpoint.
//   - iobeya-token --background: DialOrStart, then Close.
package instance

import (
	"context"
	"errors"
	"time"
)

// Version is the protocol version every message carries. A peer speaking
// another version is answered with an error and otherwise ignored.
const Version = 1

// DefaultTimeout bounds a call whose context has no deadline of its own.
const DefaultTimeout = 2 * time.Second

// maxLine bounds one message; a longer line ends the connection.
const maxLine = 64 << 10

// Errors of the package.
var (
	// ErrRunning is Listen's answer when another agent owns the endpoint.
	ErrRunning = errors.New("another iObeya Token agent is already running for this user")
	// ErrNotRunning is Dial's answer when no agent answers.
	ErrNotRunning = errors.New("no iObeya Token agent is running for this user")
	// ErrClosed is returned by calls on a closed connection.
	ErrClosed = errors.New("the connection to the iObeya Token agent is closed")
	// ErrRefused wraps an error answer from the other side.
	ErrRefused = errors.New("the iObeya Token agent refused the request")
)

// Kind says what a message is about.
type Kind string

// Kinds of message.
const (
	// KindPing asks the agent whether it is alive; it answers KindOK.
	KindPing Kind = "ping"
	// KindOpen asks the agent to open the window (start it, or show the
	// registered one).
	KindOpen Kind = "open"
	// KindRegister is sent by a window process: it asks to be the window.
	// The agent answers KindOK (you are the window: stay connected) or
	// KindShown (another window was raised: exit).
	KindRegister Kind = "window-register"
	// KindShow is pushed by the agent to the registered window: show and
	// raise yourself.
	KindShow Kind = "show"
	// KindRevoke is pushed by the agent to the registered window: show
	// yourself with the revoke confirmation (the tray's "Revoke…"). It
	// revokes nothing by itself.
	KindRevoke Kind = "revoke"
	// KindChanged says the user changed something (token, settings): read
	// the state again.
	KindChanged Kind = "changed"
	// KindQuit is pushed by the agent to the window, or sent to the agent:
	// end now.
	KindQuit Kind = "quit"
	// KindWatch is sent by the window when the user starts "Get a token
	// from the iObeya web app": the agent watches the clipboard for two
	// minutes for a token of the platform in use, so closing the window
	// does not lose the pick-up. It answers KindOK once watching (a watch
	// already running goes on, its two minutes unchanged), or KindError
	// when it cannot watch (no clipboard program): the window then
	// watches itself. The token never crosses the endpoint: the agent
	// checks it and keeps it in the keychain itself, then pushes the
	// outcome (KindWatchChecking, then KindWatchKept or KindWatchFailed)
	// to the registered window, or notifies the user when none is left.
	KindWatch Kind = "clipboard-watch"
	// KindWatchStop is sent by the window when the user ends the watch
	// (closes the dialog, or pastes the token instead). The agent answers
	// KindOK, whether a watch ran or not, and pushes nothing about it.
	KindWatchStop Kind = "clipboard-watch-stop"
	// KindWatchChecking is pushed by the agent: a token of the platform
	// was on the clipboard, which is cleared now; it is being checked
	// with the platform.
	KindWatchChecking Kind = "clipboard-watch-checking"
	// KindWatchKept is pushed by the agent: the token works (or works
	// without API access) and is kept in the keychain; read the state
	// again.
	KindWatchKept Kind = "clipboard-watch-kept"
	// KindWatchFailed is pushed by the agent: the watch ended without a
	// kept token (two minutes passed, the platform refused the token, the
	// keychain failed…); Text says what happened and what to do, in words
	// for the user.
	KindWatchFailed Kind = "clipboard-watch-failed"
	// KindOK is the plain answer to a request.
	KindOK Kind = "ok"
	// KindShown answers KindRegister when another window was raised instead.
	KindShown Kind = "shown"
	// KindError answers a request that could not be served; Text says why.
	KindError Kind = "error"
)

// Message is one line of the protocol.
type Message struct {
	// V is the protocol version, Version when sent by this package.
	V int `json:"v"`
	// ID is set on a request that expects an answer.
	ID uint64 `json:"id,omitempty"`
	// Re is set on an answer: the ID of the request it answers.
	Re uint64 `json:"re,omitempty"`
	// Kind says what the message is about.
	Kind Kind `json:"kind"`
	// Text is a detail for people (an error's reason); never a secret.
	Text string `json:"text,omitempty"`
}

// Option changes how Listen or Dial behave.
type Option func(*options)

type options struct {
	logf func(format string, args ...any)
}

// WithLog sends the endpoint's diagnostics (ignored lines, dropped
// connections) to logf. By default they are discarded.
func WithLog(logf func(format string, args ...any)) Option {
	return func(o *options) { o.logf = logf }
}

func makeOptions(opts []Option) options {
	o := options{logf: func(string, ...any) {}}
	for _, f := range opts {
		f(&o)
	}
	if o.logf == nil {
		o.logf = func(string, ...any) {}
	}
	return o
}

// withDeadline gives ctx DefaultTimeout when it has no deadline.
func withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, DefaultTimeout)
}
