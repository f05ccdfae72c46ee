package companion

import (
	"errors"
)

// Errors front ends act on. Their text is plain language; Explain adds the
// suggested next step.
var (
	ErrNotConfigured = errors.New("no iObeya platform is set up yet")
	ErrNotSignedIn   = errors.New("you are not signed in")
	ErrSessionEnded  = errors.New("your sign-in has ended")
	ErrNotConfirmed  = errors.New("nothing was generated because it was not confirmed")
	ErrNoToken       = errors.New("you have no personal access token yet")
	ErrTokenExists   = errors.New("you already have a personal access token")
	ErrNotRevoked    = errors.New("the token was not revoked: the platform did not confirm")
	ErrDamaged       = errors.New("the stored token is damaged")
	ErrUnreachable   = errors.New("the platform could not be reached")
	ErrBadFormat     = errors.New("unknown format")
)

// NotStoredError says a freshly generated token could not be kept in the
// keychain. The token itself travels in Generated.Unstored, never in the
// error.
type NotStoredError struct {
	Cause error
}

func (e *NotStoredError) Error() string {
	return "the new token could not be stored in the keychain: " + e.Cause.Error()
}

func (e *NotStoredError) Unwrap() error { return e.Cause }

// Problem is an error put in words for a person: what happened and what to
// do next. Neither ever contains a secret.
type Problem struct {
	Message  string // e.g. "Can't reach acme.iobeya.com."
	NextStep string // e.g. "Check the address or your network, then try again."
}

// Explain puts any error returned by this package in words for a person.
// Front ends show Message and NextStep and never err.Error() itself.
func Explain(err error) Problem {
	var notStored *NotStoredError
	switch {
	case err == nil:
		return Problem{}
	case errors.As(err, &notStored):
		return Problem{"Your new token could not be saved in the keychain.", "Copy it now and keep it somewhere safe, like a password; it will not be shown again."}
	case errors.Is(err, ErrNotConfigured):
		return Problem{"No iObeya platform is set up yet.", "Enter your platform's address, for example acme.iobeya.com."}
	case errors.Is(err, ErrNotSignedIn):
		return Problem{"You are not signed in.", "Sign in with your browser first."}
	case errors.Is(err, ErrSessionEnded):
		return Problem{"You have been signed out.", "Sign in again with your browser."}
	case errors.Is(err, ErrNotConfirmed):
		return Problem{"Nothing was done because it was not confirmed.", "Try again and confirm when asked."}
	case errors.Is(err, ErrNoToken):
		return Problem{"You have no personal access token yet.", "Generate one first."}
	case errors.Is(err, ErrTokenExists):
		return Problem{"You already have a personal access token.", "Revoke it first, or use \"Revoke and generate new\"."}
	case errors.Is(err, ErrNotRevoked):
		return Problem{"Your token was not revoked: the platform did not confirm it. It is still kept in the keychain.", "Check your network and try again."}
	case errors.Is(err, ErrDamaged):
		return Problem{"The stored token is damaged.", "Revoke it and generate a new one."}
	case errors.Is(err, ErrUnreachable):
		return Problem{"The platform could not be reached.", "Check your network, then try again."}
	}
	return Problem{"Something went wrong.", "Try again; if it keeps happening, run \"iobeya-token doctor\" and send the report to your IT support."}
}
