package signin

import (
	"context"
	"errors"

	"github.com/iobeya-token/iobeya-token/client"
)

// Why a sign-in failed. Each text says what happened and what to do next;
// none ever holds a secret. Match them with errors.Is.
var (
	ErrDenied          = errors.New("the sign-in was declined in the browser; sign in again and choose Allow")
	ErrRefused         = errors.New("the platform refused the sign-in; try again, and ask your IT support if it keeps happening")
	ErrStateMismatch   = errors.New("the browser sent back an answer that does not belong to this sign-in; start the sign-in again from iObeya Token")
	ErrIssuerMismatch  = client.ErrIssuerMismatch
	ErrNoS256          = errors.New("this platform does not support secure sign-in for desktop apps; ask your IT support")
	ErrBadCallback     = errors.New("the browser sent back an incomplete answer; sign in again")
	ErrCodeRejected    = errors.New("the platform did not accept the sign-in; sign in again")
	ErrTokenFailed     = errors.New("the platform could not finish the sign-in; try again in a moment")
	ErrPortUnavailable = errors.New("no local port is free to receive the sign-in; close some programs and try again")
	ErrUnsafeURL       = errors.New("the sign-in link does not lead to your platform, so it was not opened")

	// ErrTimedOut also matches context.DeadlineExceeded.
	ErrTimedOut error = deadlineError{}
	// ErrCancelled also matches context.Canceled.
	ErrCancelled error = cancelError{}

	// ErrNotSignedIn: no session is stored.
	ErrNotSignedIn = errors.New("not signed in — sign in first")
	// ErrSessionEnded: the platform ended the session (the refresh token
	// was refused); the stored session has been removed.
	ErrSessionEnded = errors.New("signed out — sign in again")
)

type deadlineError struct{}

func (deadlineError) Error() string {
	return "the sign-in was not finished in time; sign in again and complete it in the browser"
}
func (deadlineError) Is(target error) bool { return target == context.DeadlineExceeded }

type cancelError struct{}

func (cancelError) Error() string        { return "the sign-in was cancelled" }
func (cancelError) Is(target error) bool { return target == context.Canceled }

// Error is a failed sign-in or session step: Kind is one of the Err*
// sentinels above; Detail adds a plain, redacted detail (such as the
// platform's error description); Err is the cause when there is one (a
// *client.APIError, *client.NetError, …). errors.Is matches Kind and Err.
type Error struct {
	Kind   error
	Detail string
	Err    error
}

func (e *Error) Error() string {
	s := e.Kind.Error()
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return client.Redact(s)
}

// Unwrap gives both the kind and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// contextError turns the end of ctx into ErrTimedOut or ErrCancelled.
func contextError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &Error{Kind: ErrTimedOut, Err: err}
	}
	return &Error{Kind: ErrCancelled, Err: err}
}
