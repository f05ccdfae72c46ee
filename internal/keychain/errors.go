package keychain

import (
	"context"
	"errors"
	"strings"

	"github.com/zalando/go-keyring"
)

// The kinds of failure, for errors.Is. Every error a Store returns is an
// *Error whose Kind is one of these, or context.Canceled when the caller
// gave up.
var (
	ErrNotFound    = errors.New("nothing is stored in the keychain under this name")
	ErrUnavailable = errors.New("the keychain is not available")
	ErrTimeout     = errors.New("the keychain did not answer in time")
	ErrTooLarge    = errors.New("the secret is too large for the keychain")
	ErrCorrupt     = errors.New("the keychain entry is damaged")
)

// The operations an Error names.
const (
	OpGet    = "get"
	OpSet    = "set"
	OpDelete = "delete"
	OpCheck  = "check"
)

// Error is a keychain failure in plain language, in parts a front end can
// word as it likes (as x/oauth2's RetrieveError carries the server's code
// and description). It never contains a secret.
type Error struct {
	Op   string // OpGet, OpSet, OpDelete or OpCheck
	Kind error  // ErrNotFound, ErrUnavailable, ErrTimeout, ErrTooLarge, ErrCorrupt or context.Canceled
	Err  error  // the underlying cause, for diagnostics; never holds a secret
	// Summary says what failed, one sentence without its full stop, e.g.
	// "Could not save to the keychain".
	Summary string
	// Hint says what to do next, in whole sentences, e.g. "Unlock it
	// (signing in to your desktop session usually does; or open Passwords
	// and Keys) and try again."
	Hint string
}

// NewError is the Error of op failing with kind, its words filled in. The
// Store's errors are made by it; tests that fake a keychain use it too.
func NewError(op string, kind, cause error) *Error {
	e := &Error{Op: op, Kind: kind, Err: cause}
	e.Summary = opPhrase(op)
	e.Hint = e.hint()
	return e
}

// Error says what failed and what to do next: Summary, the keychain's
// state when it is known (no session, locked), then Hint. An Error built by
// hand without its words gets those of its Op and Kind.
func (e *Error) Error() string {
	summary, hint := e.Summary, e.Hint
	if summary == "" {
		summary = opPhrase(e.Op)
	}
	if hint == "" {
		hint = e.hint()
	}
	s := summary + ". "
	switch {
	case e.NoSession():
		s += noSessionSituation + " "
	case e.Locked():
		s += lockedSituation + " "
	}
	return s + hint
}

// hint is the next step for e's Kind and cause.
func (e *Error) hint() string {
	switch {
	case e.NoSession():
		return noSessionHint
	case e.Locked():
		return lockedHint
	}
	return kindSentence(e.Kind)
}

// lockedSituation, before lockedHint, says why the hint is needed.
const lockedSituation = "The keychain is locked."

// NoSession reports whether the keychain could not be asked because there
// is no desktop session (a case of ErrUnavailable with its own next step).
func (e *Error) NoSession() bool {
	return e.Kind == ErrUnavailable && errors.Is(e.Err, errNoSession)
}

// Locked reports whether the keychain is there but locked (its collection
// could not be unlocked, or the unlock prompt was dismissed): a case of
// ErrUnavailable with its own next step.
func (e *Error) Locked() bool {
	if e.Kind != ErrUnavailable || e.Err == nil {
		return false
	}
	msg := strings.ToLower(e.Err.Error())
	return strings.Contains(msg, "unlock") || strings.Contains(msg, "locked") || strings.Contains(msg, "dismissed")
}

// Is makes errors.Is(err, ErrTimeout) and the like work.
func (e *Error) Is(target error) bool { return target == e.Kind }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func opPhrase(op string) string {
	switch op {
	case OpGet:
		return "Could not read from the keychain"
	case OpSet:
		return "Could not save to the keychain"
	case OpDelete:
		return "Could not delete from the keychain"
	case OpCheck:
		return "The keychain check failed"
	}
	return "The keychain failed"
}

func kindSentence(kind error) string {
	switch kind {
	case ErrNotFound:
		return "Nothing is stored there yet."
	case ErrUnavailable:
		return unavailableHint
	case ErrTimeout:
		return timeoutHint
	case ErrTooLarge:
		return "The secret is larger than the 64 KiB the keychain is asked to hold."
	case ErrCorrupt:
		return "The stored entry is damaged: part of it is missing or comes from another save. Delete it and save it again."
	case context.Canceled:
		return "It was cancelled."
	}
	return "Something unexpected happened. Try again."
}

// classify turns a backend's error into a Kind.
func classify(err error) error {
	var ce *corruptError
	switch {
	case errors.Is(err, keyring.ErrNotFound), errors.Is(err, ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig), errors.Is(err, ErrTooLarge):
		return ErrTooLarge
	case errors.As(err, &ce), errors.Is(err, ErrCorrupt):
		return ErrCorrupt
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return ErrTimeout
	case errors.Is(err, context.Canceled):
		return context.Canceled
	}
	// No D-Bus session, no Secret Service on it, a locked or refused
	// collection, an unsupported OS: the keychain cannot be used.
	return ErrUnavailable
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Op == op {
			return e
		}
		return NewError(op, e.Kind, e.Err)
	}
	return NewError(op, classify(err), err)
}
