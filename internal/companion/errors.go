package companion

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/clipwatch"
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
	// ErrChangedMeanwhile: another iObeya Token replaced or revoked the
	// token while this one waited to replace it; nothing was done.
	ErrChangedMeanwhile = errors.New("another iObeya Token changed the token meanwhile")
)

// OddTokenError says the platform issued a token that cannot be used (not
// a JWT, or already expired); it was revoked on the platform unless
// RevokeErr says otherwise. Nothing was stored.
type OddTokenError struct {
	Host      string
	Reason    string // a phrase such as "had already expired when it was issued (…)"; holds no token
	RevokeErr error  // nil: revoked on the platform
}

func (e *OddTokenError) Error() string {
	s := e.Host + " issued a token that " + e.Reason
	if e.RevokeErr != nil {
		return s + "; revoking it there failed: " + e.RevokeErr.Error()
	}
	return s + "; it was revoked there"
}

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
	var machineErr *MachineConfigError
	var oddTok *OddTokenError
	switch {
	case err == nil:
		return Problem{}
	case errors.As(err, &machineErr):
		return Problem{"The configuration your IT department put on this computer (" + machineErr.Path + ") cannot be used: " + machineErr.Cause.Error() + ".", "Tell your IT support: they can fix or remove that file."}
	case errors.Is(err, clipwatch.ErrWindowPassed):
		return Problem{"No token was copied within two minutes.", "Copy the token in the iObeya web app, or paste it in the box, then try again."}
	case errors.Is(err, ErrNotPlatformToken):
		return Problem{"This is not a personal access token of your platform.", "Copy the whole token from the iObeya web app (avatar menu → Personal access token) of the platform set up here, then try again."}
	case errors.Is(err, ErrTokenRefused):
		return Problem{"The platform does not accept this token: it expired, was revoked, or was not copied whole.", "Generate a new one in the iObeya web app, copy it whole, then try again."}
	case errors.Is(err, ErrOtherAccount):
		return Problem{"This token belongs to another account than the one signed in here.", "Sign out first, or bring in a token of your own account."}
	case errors.Is(err, ErrStillAccepted):
		return Problem{"The platform still accepts this token, so it was kept here.", "Revoke it in the iObeya web app (avatar menu → Personal access token → Revoke), then try again."}
	case errors.Is(err, ErrRevokeOnWeb):
		return Problem{"This token was brought in from the iObeya web app, so it is revoked there.", "Revoke it in the web app (avatar menu → Personal access token → Revoke); iObeya Token then checks that it no longer works and removes its copy."}
	case errors.Is(err, ErrSetByIT):
		return Problem{"Your IT department set this for this computer, so it cannot be changed here.", "Ask your IT support if it needs to change."}
	case errors.As(err, &settingsErr):
		return Problem{"The settings file " + settingsErr.Path + " is damaged.", "Fix it or delete it (you will choose your platform again), then try again."}
	case errors.Is(err, ErrBusy):
		return Problem{"Another iObeya Token is busy with this; try again.", "If it keeps happening, close the other iObeya Token windows and commands, then try again."}
	case errors.Is(err, ErrChangedMeanwhile):
		return Problem{"Another iObeya Token changed your token while this one waited, so nothing was done.", "Check where your token stands (iobeya-token status, or the window), then try again if you still want a new one."}
	case errors.As(err, &oddTok):
		msg := sentenceHost(oddTok.Host) + " issued a token that " + oddTok.Reason + ". Nothing was kept."
		if oddTok.RevokeErr != nil {
			return Problem{msg + " Revoking it there failed too: " + Explain(oddTok.RevokeErr).Message, "Revoke it in the iObeya web app (avatar menu → Personal access token), then tell your IT support."}
		}
		return Problem{msg + " It was revoked there.", "Try again; if it keeps happening, tell your IT support."}
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
		return explainNotRevoked(err)
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
	// A sentence that starts with the host keeps it as typed
	// ("acme.iobeya.com had a problem…"); without one it starts "The platform".
	subject := sentenceHost(host)
	var ae *client.AddressError
	var api *client.APIError
	errors.As(err, &api)
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
			return Problem{subject + " did not answer in time.", "Check your network or proxy, then try again."}, true
		}
		return Problem{"Can't reach " + host + ".", "Check the address or your network, then try again."}, true
	case errors.Is(err, client.ErrUnauthorized):
		return Problem{"You have been signed out of " + host + ".", "Sign in again with your browser."}, true
	case errors.Is(err, client.ErrForbidden):
		return Problem{subject + " does not allow personal access tokens for your account.", "Ask your iObeya administrator to allow them."}, true
	case errors.Is(err, client.ErrRateLimited):
		next := "Wait a little, then try again."
		if api != nil && api.RetryAfter > 0 {
			next = fmt.Sprintf("Wait %s, then try again.", api.RetryAfter.Round(1e9))
		}
		return Problem{subject + " asks to slow down.", next}, true
	case errors.Is(err, client.ErrServer):
		return Problem{subject + " had a problem" + statusNote(api) + " and could not do it.", "Try again in a few minutes; if it keeps happening, tell your IT support."}, true
	case errors.Is(err, client.ErrNotAPI):
		return Problem{subject + " answered with a web page instead of the API (a proxy or a login page may be in the way).", "Check the address; if it is right, run \"iobeya-token doctor\" and send the report to your IT support."}, true
	case errors.Is(err, client.ErrBadResponse), errors.Is(err, client.ErrResponseTooLarge), errors.Is(err, client.ErrBadRequest), errors.Is(err, client.ErrNotFound):
		return Problem{subject + " gave an answer" + statusNote(api) + " iObeya Token does not understand.", "Check that the address is your iObeya platform; if it is, run \"iobeya-token doctor\" and send the report to your IT support."}, true
	case errors.Is(err, client.ErrUnsupported):
		return Problem{subject + " does not offer this.", "Ask your iObeya administrator whether personal access tokens are enabled."}, true
	case api != nil:
		return Problem{fmt.Sprintf("%s gave an unexpected answer (HTTP %d).", subject, api.Status), "Check that the address is your iObeya platform; if it is, run \"iobeya-token doctor\" and send the report to your IT support."}, true
	case pe != nil:
		return Problem{"Can't use " + host + ".", "Check the address or your network, then try again."}, true
	}
	return Problem{}, false
}

// sentenceHost is host at the start of a sentence: as typed, or "The
// platform" when it is not known.
func sentenceHost(host string) string {
	if host == "" || host == "the platform" {
		return "The platform"
	}
	return host
}

// statusNote is " (503)" for an answer with an HTTP status, else "".
func statusNote(api *client.APIError) string {
	if api == nil || api.Status == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d)", api.Status)
}

// explainNotRevoked says why a revoke was not confirmed, naming the host,
// with a next step that fits the cause: a platform that failed is not a
// network to check.
func explainNotRevoked(err error) Problem {
	const kept = " Your token was not revoked and is still kept in the keychain."
	var nr *notRevokedError
	host := "the platform"
	if errors.As(err, &nr) && nr.host != "" {
		host = nr.host
	}
	cause := err
	if nr != nil {
		cause = nr.cause
	}
	if p, ok := explainPlatform(&PlatformError{Host: host, Err: cause}); ok && !errors.Is(cause, client.ErrUnreachable) {
		return Problem{strings.TrimSuffix(p.Message, ".") + "." + kept, p.NextStep}
	}
	return Problem{sentenceHost(host) + " did not confirm the revocation." + kept, "Check your network, then try again."}
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
