package token

import "errors"

// Why a token was refused. Their text is plain language and never contains
// the token.
var (
	ErrTooLarge  = errors.New("this is too long to be a personal access token (more than 64 KiB)")
	ErrMalformed = errors.New("this is not a valid personal access token")
	ErrAlgorithm = errors.New("the token is signed in a way this app does not accept")
)

// Why a token could not be read, in a stable word (Code), for front ends
// to say in their language.
const (
	WhyEmpty      = "empty"
	WhyParts      = "parts"
	WhyAlgorithm  = "algorithm"
	WhyUnreadable = "unreadable"
)

// reasonError adds a fixed, token-free explanation to a sentinel.
type reasonError struct {
	kind   error
	code   string // WhyEmpty…
	reason string
}

func (e *reasonError) Error() string { return e.kind.Error() + ": " + e.reason }
func (e *reasonError) Unwrap() error { return e.kind }

func because(kind error, code, reason string) error {
	return &reasonError{kind: kind, code: code, reason: reason}
}

// Reason is the token-free explanation an error of this package carries,
// or its whole text when it has none.
func Reason(err error) string {
	var re *reasonError
	if errors.As(err, &re) {
		return re.reason
	}
	return err.Error()
}

// Code is the stable word for why err's token could not be read (WhyEmpty,
// WhyParts, WhyAlgorithm, WhyUnreadable), or "" when it carries none.
func Code(err error) string {
	var re *reasonError
	if errors.As(err, &re) {
		return re.code
	}
	return ""
}
