package companion

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/clipwatch"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/signin"
	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/iobeya-token/iobeya-token/internal/words"
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

// Explain puts any error returned by this package in words for a person,
// in English. Front ends show Message and NextStep and never err.Error()
// itself.
func Explain(err error) Problem { return ExplainIn(words.English(), err) }

// ExplainIn is Explain in the language of w.
func ExplainIn(w *words.Words, err error) Problem {
	say := func(t words.Trouble, args words.Args) Problem {
		m, n := w.Problem(t, args)
		return Problem{m, n}
	}
	var notStored *NotStoredError
	var settingsErr *SettingsError
	var machineErr *MachineConfigError
	var oddTok *OddTokenError
	switch {
	case err == nil:
		return Problem{}
	case errors.As(err, &machineErr):
		return say(words.MachineConfigBroken, words.Args{"Path": machineErr.Path, "Cause": machineErr.Cause.Error()})
	case errors.Is(err, clipwatch.ErrWindowPassed):
		return say(words.ClipboardWatchEnded, nil)
	case errors.Is(err, ErrNotPlatformToken):
		return say(words.NotPlatformToken, nil)
	case errors.Is(err, ErrTokenRefused):
		return say(words.TokenRefused, nil)
	case errors.Is(err, ErrOtherAccount):
		return say(words.OtherAccount, nil)
	case errors.Is(err, ErrStillAccepted):
		return say(words.StillAccepted, nil)
	case errors.Is(err, ErrRevokeOnWeb):
		return say(words.RevokeOnWeb, nil)
	case errors.Is(err, ErrSetByIT):
		return say(words.SetByIT, nil)
	case errors.As(err, &settingsErr):
		return say(words.SettingsDamaged, words.Args{"Path": settingsErr.Path})
	case errors.Is(err, ErrBusy):
		return say(words.Busy, nil)
	case errors.Is(err, ErrChangedMeanwhile):
		return say(words.ChangedMeanwhile, nil)
	case errors.As(err, &oddTok):
		args := words.Args{"Subject": sentenceHost(w, oddTok.Host), "Reason": oddTok.Reason}
		if oddTok.RevokeErr != nil {
			args["Cause"] = ExplainIn(w, oddTok.RevokeErr).Message
			return say(words.OddTokenKept, args)
		}
		return say(words.OddTokenRevoked, args)
	case errors.As(err, &notStored):
		return say(words.NotStored, nil)
	case errors.Is(err, ErrNotConfigured):
		return say(words.NotConfigured, nil)
	case errors.Is(err, ErrNotSignedIn):
		return say(words.NotSignedIn, nil)
	case errors.Is(err, ErrSessionEnded):
		return say(words.SessionEnded, nil)
	case errors.Is(err, ErrNotConfirmed):
		return say(words.NotConfirmed, nil)
	case errors.Is(err, ErrNoToken):
		return say(words.NoToken, nil)
	case errors.Is(err, ErrTokenExists):
		return say(words.TokenExists, nil)
	case errors.Is(err, ErrNotRevoked):
		return explainNotRevoked(w, err)
	case errors.Is(err, ErrDamaged):
		return say(words.Damaged, nil)
	case errors.Is(err, ErrPlatformChanged):
		return say(words.PlatformChanged, nil)
	case errors.Is(err, ErrExpired):
		return say(words.Expired, nil)
	case errors.Is(err, ErrBadFormat):
		return say(words.BadFormat, words.Args{"Formats": FormatNamesIn(w)})
	case errors.Is(err, errBadSetting):
		return say(words.BadSetting, nil)
	case errors.Is(err, errNoConfigDir):
		return say(words.NoConfigDir, nil)
	}
	if t, args, ok := explainKeychain(w, err); ok {
		return say(t, args)
	}
	if t, args, ok := explainSignIn(w, err); ok {
		return say(t, args)
	}
	if t, args, ok := explainPlatform(w, err); ok {
		return say(t, args)
	}
	if t, ok := explainToken(err); ok {
		return say(t, nil)
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return say(words.TooLong, nil)
	case errors.Is(err, context.Canceled):
		return say(words.Cancelled, nil)
	}
	return say(words.Unexpected, nil)
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
func explainKeychain(w *words.Words, err error) (words.Trouble, words.Args, bool) {
	var ke *keychain.Error
	if !errors.As(err, &ke) {
		return words.Trouble{}, nil, false
	}
	t, situation := words.KeychainFailed, keychainSituation(ke)
	switch situation {
	case words.SituationNoSession:
		t = words.KeychainNoSession
	case words.SituationLocked:
		t = words.KeychainLocked
	case words.SituationUnavailable:
		t = words.KeychainMissing
	case words.SituationTimeout:
		t = words.KeychainTimeout
	case words.SituationCorrupt:
		return words.Damaged, nil, true
	}
	return t, words.Args{"Message": w.KeychainSummary(ke.Op), "NextStep": w.KeychainHint(runtime.GOOS, situation)}, true
}

// keychainSituation names the situation of a keychain failure, as the
// catalogue words its next steps.
func keychainSituation(ke *keychain.Error) string {
	switch {
	case ke.NoSession():
		return words.SituationNoSession
	case ke.Locked():
		return words.SituationLocked
	case errors.Is(ke, keychain.ErrUnavailable):
		return words.SituationUnavailable
	case errors.Is(ke, keychain.ErrTimeout):
		return words.SituationTimeout
	case errors.Is(ke, keychain.ErrCorrupt):
		return words.SituationCorrupt
	case errors.Is(ke, keychain.ErrNotFound):
		return words.SituationNotFound
	case errors.Is(ke, keychain.ErrTooLarge):
		return words.SituationTooLarge
	case errors.Is(ke, context.Canceled):
		return words.SituationCancelled
	}
	return ""
}

// explainPlatform covers the client package's errors, naming the host when
// it is known.
func explainPlatform(w *words.Words, err error) (words.Trouble, words.Args, bool) {
	host := w.ThePlatform()
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
	at := words.Args{"Host": host, "Subject": sentenceHost(w, host)}
	var ae *client.AddressError
	var api *client.APIError
	errors.As(err, &api)
	at["Status"] = statusNote(api)
	switch {
	case errors.As(err, &ae):
		if errors.Is(err, client.ErrInsecure) {
			return words.Insecure, words.Args{"Address": ae.Reason}, true
		}
		if ae.Suggestion != "" {
			return words.IncompleteAddress, words.Args{"Input": strconv.Quote(ae.Input), "Suggestion": ae.Suggestion}, true
		}
		return words.BadAddress, words.Args{"Input": strconv.Quote(ae.Input), "Reason": w.AddressReason(ae.Code, ae.Arg, ae.Reason)}, true
	case errors.Is(err, client.ErrInvalidAddress):
		return words.NotAnAddress, nil, true
	case errors.Is(err, client.ErrInsecure):
		return words.InsecureTyped, nil, true
	case errors.Is(err, client.ErrIssuerMismatch):
		return words.IssuerMismatch, at, true
	case errors.Is(err, client.ErrUnreachable):
		if errors.Is(err, context.DeadlineExceeded) {
			return words.HostSlow, at, true
		}
		return words.HostUnreachable, at, true
	case errors.Is(err, client.ErrUnauthorized):
		return words.HostSignedOut, at, true
	case errors.Is(err, client.ErrForbidden):
		return words.HostForbidden, at, true
	case errors.Is(err, client.ErrRateLimited):
		if api != nil && api.RetryAfter > 0 {
			at["Wait"] = w.Delay(api.RetryAfter)
			return words.HostRetryAfter, at, true
		}
		return words.HostRateLimited, at, true
	case errors.Is(err, client.ErrServer):
		return words.HostServer, at, true
	case errors.Is(err, client.ErrNotAPI):
		return words.HostNotAPI, at, true
	case errors.Is(err, client.ErrBadResponse), errors.Is(err, client.ErrResponseTooLarge), errors.Is(err, client.ErrBadRequest), errors.Is(err, client.ErrNotFound):
		return words.HostNotUnderstood, at, true
	case errors.Is(err, client.ErrUnsupported):
		return words.HostUnsupported, at, true
	case api != nil:
		at["Status"] = api.Status
		return words.HostHTTPStatus, at, true
	case pe != nil:
		return words.HostUnusable, at, true
	}
	return words.Trouble{}, nil, false
}

// sentenceHost is host at the start of a sentence: as typed, or "The
// platform" when it is not known.
func sentenceHost(w *words.Words, host string) string {
	if host == "" || host == w.ThePlatform() {
		return w.ThePlatformStart()
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
func explainNotRevoked(w *words.Words, err error) Problem {
	var nr *notRevokedError
	host := w.ThePlatform()
	if errors.As(err, &nr) && nr.host != "" {
		host = nr.host
	}
	cause := err
	if nr != nil {
		cause = nr.cause
	}
	if t, args, ok := explainPlatform(w, &PlatformError{Host: host, Err: cause}); ok && !errors.Is(cause, client.ErrUnreachable) {
		m, n := w.Problem(t, args)
		m, n = w.Problem(words.NotRevokedBecause, words.Args{"Cause": strings.TrimSuffix(m, ".") + ".", "NextStep": n})
		return Problem{m, n}
	}
	m, n := w.Problem(words.NotRevokedHost, words.Args{"Subject": sentenceHost(w, host)})
	return Problem{m, n}
}

// explainToken covers a token the platform handed out that cannot be read.
func explainToken(err error) (words.Trouble, bool) {
	switch {
	case errors.Is(err, token.ErrMalformed), errors.Is(err, token.ErrTooLarge), errors.Is(err, token.ErrAlgorithm):
		return words.TokenUnreadable, true
	}
	return words.Trouble{}, false
}

// explainSignIn covers the sign-in package's errors.
func explainSignIn(w *words.Words, err error) (words.Trouble, words.Args, bool) {
	host := w.ThePlatform()
	var pe *PlatformError
	if errors.As(err, &pe) && pe.Host != "" {
		host = pe.Host
	}
	d := words.Args{"Detail": "", "Subject": sentenceHost(w, host)}
	var se *signin.Error
	if errors.As(err, &se) {
		d["Detail"] = w.Detail(client.Redact(se.Detail))
	}
	switch {
	case errors.Is(err, signin.ErrSessionEnded):
		return words.SessionEnded, nil, true
	case errors.Is(err, signin.ErrNotSignedIn):
		return words.NotSignedIn, nil, true
	case errors.Is(err, signin.ErrDenied):
		return words.SignInDenied, d, true
	case errors.Is(err, signin.ErrRefused):
		return words.SignInRefused, d, true
	case errors.Is(err, signin.ErrStateMismatch):
		return words.SignInState, d, true
	case errors.Is(err, signin.ErrNoS256):
		return words.SignInNoS256, nil, true
	case errors.Is(err, signin.ErrBadCallback):
		return words.SignInBadCallback, nil, true
	case errors.Is(err, signin.ErrCodeRejected):
		return words.SignInRejected, d, true
	case errors.Is(err, signin.ErrTokenFailed):
		return words.SignInTokenFailed, d, true
	case errors.Is(err, signin.ErrPortUnavailable):
		return words.SignInNoPort, nil, true
	case errors.Is(err, signin.ErrUnsafeURL):
		return words.SignInUnsafeURL, nil, true
	case errors.Is(err, signin.ErrTimedOut):
		return words.SignInTimedOut, nil, true
	case errors.Is(err, signin.ErrCancelled):
		return words.SignInCancelled, nil, true
	}
	return words.Trouble{}, nil, false
}
