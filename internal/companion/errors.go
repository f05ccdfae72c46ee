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
