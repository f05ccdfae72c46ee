package companion

import (
	"context"
	"errors"
	"fmt"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/signin"
	"github.com/iobeya-token/iobeya-token/internal/token"
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
	// ErrPlatformChanged: the platform was changed while the sign-in waited
	// for the browser, so its session was not kept.
	ErrPlatformChanged = errors.New("the platform was changed during the sign-in")
	ErrBadFormat       = errors.New("unknown format")
	ErrExpired         = errors.New("the token has expired")
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
	var settingsErr *SettingsError
	switch {
	case err == nil:
		return Problem{}
	case errors.As(err, &settingsErr):
		return Problem{"The settings file " + settingsErr.Path + " is damaged.", "Fix it or delete it (you will choose your platform again), then try again."}
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
	case errors.Is(err, ErrPlatformChanged):
		return Problem{"The platform was changed while you were signing in, so that sign-in was not kept.", "Sign in again."}
	case errors.Is(err, ErrExpired):
		return Problem{"Your personal access token has expired.", "Generate a new one."}
	case errors.Is(err, ErrBadFormat):
		return Problem{"Unknown format.", "Use one of " + FormatNames() + "."}
	case errors.Is(err, errBadSetting):
		return Problem{"This setting is not possible: a number of days or seconds cannot be negative.", "Choose 0 or more."}
	case errors.Is(err, errNoConfigDir):
		return Problem{"The folder for settings could not be found.", "Make sure HOME (or XDG_CONFIG_HOME, or %AppData% on Windows) is set, then try again."}
	}
	if p, ok := explainKeychain(err); ok {
		return p
	}
	if p, ok := explainSignIn(err); ok {
		return p
	}
	if p, ok := explainPlatform(err); ok {
		return p
	}
	if p, ok := explainToken(err); ok {
		return p
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return Problem{"It took too long: something did not answer in time.", "Check your network, then try again."}
	case errors.Is(err, context.Canceled):
		return Problem{"It was cancelled.", "Try again when you are ready."}
	}
	return Problem{"Something went wrong.", "Try again; if it keeps happening, run \"iobeya-token doctor\" and send the report to your IT support."}
}

// IsKeychainError says whether err came from the keychain, as opposed to
// the platform or the browser: a front end then knows that offering the
// sign-in link again would not help.
func IsKeychainError(err error) bool {
	var ke *keychain.Error
	return errors.As(err, &ke)
}

// explainKeychain covers the keychain package's errors, whose Hint is the
// next step.
func explainKeychain(err error) (Problem, bool) {
	var ke *keychain.Error
	if !errors.As(err, &ke) {
		return Problem{}, false
	}
	if ke.Summary == "" || ke.Hint == "" {
		// Made by hand, without its words: give it those of its kind.
		ke = keychain.NewError(ke.Op, ke.Kind, ke.Err)
	}
	msg, next := ke.Summary+".", ke.Hint
	switch {
	case ke.NoSession():
		msg = "The keychain cannot be reached: there is no desktop session here."
	case ke.Locked():
		msg = "The keychain is locked."
	case errors.Is(ke, keychain.ErrUnavailable):
		msg = "The keychain is not available."
	case errors.Is(ke, keychain.ErrTimeout):
		msg = "The keychain did not answer in time."
	case errors.Is(ke, keychain.ErrCorrupt):
		return Problem{"The stored token is damaged.", "Revoke it and generate a new one."}, true
	}
	return Problem{msg, next}, true
}

// explainPlatform covers the client package's errors, naming the host when
// it is known.
func explainPlatform(err error) (Problem, bool) {
	host := "the platform"
	var pe *PlatformError
	if errors.As(err, &pe) && pe.Host != "" {
		host = pe.Host
	}
	var ne *client.NetError
	if errors.As(err, &ne) && ne.Host != "" {
		host = ne.Host
	}
	var ae *client.AddressError
	var api *client.APIError
	switch {
	case errors.As(err, &ae):
		if errors.Is(err, client.ErrInsecure) {
			return Problem{"iObeya Token only talks to remote platforms over https.", "Use " + ae.Reason + " instead."}, true
		}
		return Problem{fmt.Sprintf("%q is not a platform address (%s).", ae.Input, ae.Reason), "Type it like acme, acme.iobeya.com or https://acme.iobeya.com."}, true
	case errors.Is(err, client.ErrInvalidAddress):
		return Problem{"This is not a platform address.", "Type it like acme, acme.iobeya.com or https://acme.iobeya.com."}, true
	case errors.Is(err, client.ErrInsecure):
		return Problem{"iObeya Token only talks to remote platforms over https.", "Type the address with https://."}, true
	case errors.Is(err, client.ErrIssuerMismatch):
		return Problem{"The sign-in service of " + host + " says it belongs to another address, so nothing was sent to it.", "Check the address; if it is right, tell your IT support (the platform's issuer does not match its address)."}, true
	case errors.Is(err, client.ErrUnreachable):
		if errors.Is(err, context.DeadlineExceeded) {
			return Problem{host + " did not answer in time.", "Check your network or proxy, then try again."}, true
		}
		return Problem{"Can't reach " + host + ".", "Check the address or your network, then try again."}, true
	case errors.Is(err, client.ErrUnauthorized):
		return Problem{"You have been signed out of " + host + ".", "Sign in again with your browser."}, true
	case errors.Is(err, client.ErrForbidden):
		return Problem{host + " does not allow personal access tokens for your account.", "Ask your iObeya administrator to allow them."}, true
	case errors.Is(err, client.ErrRateLimited):
		next := "Wait a little, then try again."
		if errors.As(err, &api) && api.RetryAfter > 0 {
			next = fmt.Sprintf("Wait %s, then try again.", api.RetryAfter.Round(1e9))
		}
		return Problem{host + " asks to slow down.", next}, true
	case errors.Is(err, client.ErrServer):
		return Problem{host + " had a problem and could not do it.", "Try again in a few minutes."}, true
	case errors.Is(err, client.ErrNotAPI):
		return Problem{host + " answered with a web page instead of the API (a proxy or a login page may be in the way).", "Check the address; if it is right, run \"iobeya-token doctor\" and send the report to your IT support."}, true
	case errors.Is(err, client.ErrBadResponse), errors.Is(err, client.ErrResponseTooLarge), errors.Is(err, client.ErrBadRequest), errors.Is(err, client.ErrNotFound):
		return Problem{host + " gave an answer iObeya Token does not understand.", "Check that the address is your iObeya platform; if it is, run \"iobeya-token doctor\" and send the report to your IT support."}, true
	case errors.Is(err, client.ErrUnsupported):
		return Problem{host + " does not offer this.", "Ask your iObeya administrator whether personal access tokens are enabled."}, true
	case errors.As(err, &api):
		return Problem{fmt.Sprintf("%s gave an unexpected answer (HTTP %d).", host, api.Status), "Check that the address is your iObeya platform; if it is, run \"iobeya-token doctor\" and send the report to your IT support."}, true
	case pe != nil:
		return Problem{"Can't use " + host + ".", "Check the address or your network, then try again."}, true
	}
	return Problem{}, false
}

// explainToken covers a token the platform handed out that cannot be read.
func explainToken(err error) (Problem, bool) {
	switch {
	case errors.Is(err, token.ErrMalformed), errors.Is(err, token.ErrTooLarge), errors.Is(err, token.ErrAlgorithm):
		return Problem{"The platform sent a token iObeya Token cannot read.", "Try again; if it keeps happening, tell your IT support."}, true
	}
	return Problem{}, false
}

// explainSignIn covers the sign-in package's errors.
func explainSignIn(err error) (Problem, bool) {
	detail := ""
	var se *signin.Error
	if errors.As(err, &se) && se.Detail != "" {
		detail = " (" + client.Redact(se.Detail) + ")"
	}
	switch {
	case errors.Is(err, signin.ErrSessionEnded):
		return Explain(ErrSessionEnded), true
	case errors.Is(err, signin.ErrNotSignedIn):
		return Explain(ErrNotSignedIn), true
	case errors.Is(err, signin.ErrDenied):
		return Problem{"The sign-in was declined in the browser" + detail + ".", "Sign in again and choose Allow."}, true
	case errors.Is(err, signin.ErrRefused):
		return Problem{"The platform refused the sign-in" + detail + ".", "Try again; ask your IT support if it keeps happening."}, true
	case errors.Is(err, signin.ErrStateMismatch):
		return Problem{"The browser sent back an answer that does not belong to this sign-in.", "Start the sign-in again from iObeya Token."}, true
	case errors.Is(err, signin.ErrNoS256):
		return Problem{"This platform does not support secure sign-in for desktop apps.", "Ask your IT support to enable PKCE (S256) for iObeya Token."}, true
	case errors.Is(err, signin.ErrBadCallback):
		return Problem{"The browser sent back an incomplete answer.", "Sign in again."}, true
	case errors.Is(err, signin.ErrCodeRejected):
		return Problem{"The platform did not accept the sign-in.", "Sign in again."}, true
	case errors.Is(err, signin.ErrTokenFailed):
		return Problem{"The platform could not finish the sign-in" + detail + ".", "Try again in a moment."}, true
	case errors.Is(err, signin.ErrPortUnavailable):
		return Problem{"No local port is free to receive the sign-in.", "Close some programs and try again."}, true
	case errors.Is(err, signin.ErrUnsafeURL):
		return Problem{"The sign-in link does not lead to your platform" + detail + ", so it was not opened.", "Check the platform's address; if it is right, tell your IT support."}, true
	case errors.Is(err, signin.ErrTimedOut):
		return Problem{"The sign-in was not finished in time.", "Sign in again and complete it in the browser."}, true
	case errors.Is(err, signin.ErrCancelled):
		return Problem{"The sign-in was cancelled.", "Sign in again when you are ready."}, true
	}
	return Problem{}, false
}
