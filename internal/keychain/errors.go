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

// Error is a keychain failure in plain language. It never contains a secret.
type Error struct {
	Op   string // OpGet, OpSet, OpDelete or OpCheck
	Kind error  // ErrNotFound, ErrUnavailable, ErrTimeout, ErrTooLarge, ErrCorrupt or context.Canceled
	Err  error  // the underlying cause, for diagnostics; never holds a secret
}

// Error says what failed and what to do next.
func (e *Error) Error() string {
	if e.NoSession() {
		return opPhrase(e.Op) + ". " + noSessionHint
	}
	if e.Locked() {
		return opPhrase(e.Op) + ". " + lockedHint
	}
	return opPhrase(e.Op) + ". " + kindSentence(e.Kind)
}

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
		return &Error{Op: op, Kind: e.Kind, Err: e.Err}
	}
	return &Error{Op: op, Kind: classify(err), Err: err}
}
