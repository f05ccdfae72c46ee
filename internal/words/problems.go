package words

import (
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Trouble is a problem's two messages: what happened and what to do next.
// companion.Explain picks one for an error; neither ever holds a secret.
type Trouble struct{ Message, NextStep *i18n.Message }

// trouble declares a problem's pair of messages, IDs Problem<id> and
// Problem<id>Next.
func trouble(id, message, next string) Trouble {
	return Trouble{msg("Problem"+id, message), msg("Problem"+id+"Next", next)}
}

// Problem puts a trouble in words: its message and its next step.
func (w *Words) Problem(t Trouble, args Args) (message, nextStep string) {
	return w.Say(t.Message, args), w.Say(t.NextStep, args)
}

// Shared next steps, reused by several problems.
const (
	nextNetwork    = "Check your network, then try again."
	nextAddressNet = "Check the address or your network, then try again."
	nextSignIn     = "Sign in again with your browser."
	nextGenerate   = "Generate a new one."
	nextDoctor     = "Check that the address is your iObeya platform; if it is, run \"iobeya-token doctor\" and send the report to your IT support."
	addressExample = "Type it like acme, acme.iobeya.com or https://acme.iobeya.com."
)

// The problems of the core, of the keychain, of the platform and of the sign-in.
var (
	SettingsDamaged   = trouble("SettingsDamaged", "The settings file {{.Path}} is damaged.", "Fix it or delete it (you will choose your platform again), then try again.")
	NotStored         = trouble("NotStored", "Your new token could not be saved in the keychain.", "Copy it now and keep it somewhere safe, like a password; it will not be shown again.")
	NotConfigured     = trouble("NotConfigured", "No iObeya platform is set up yet.", "Enter your platform's address, for example acme.iobeya.com.")
	NotSignedIn       = trouble("NotSignedIn", "You are not signed in.", "Sign in with your browser first.")
	SessionEnded      = trouble("SessionEnded", "You have been signed out.", nextSignIn)
	NotConfirmed      = trouble("NotConfirmed", "Nothing was done because it was not confirmed.", "Try again and confirm when asked.")
	NoToken           = trouble("NoToken", "You have no personal access token yet.", "Generate one first.")
	TokenExists       = trouble("TokenExists", "You already have a personal access token.", "Revoke it first, or use \"Revoke and generate new\".")
	NotRevokedBecause = trouble("NotRevokedBecause", "{{.Cause}} Your token was not revoked and is still kept in the keychain.", "{{.NextStep}}")
	NotRevokedHost    = trouble("NotRevokedHost", "{{.Subject}} did not confirm the revocation. Your token was not revoked and is still kept in the keychain.", nextNetwork)
	Busy              = trouble("Busy", "Another iObeya Token is busy with this; try again.", "If it keeps happening, close the other iObeya Token windows and commands, then try again.")
	ChangedMeanwhile  = trouble("ChangedMeanwhile", "Another iObeya Token changed your token while this one waited, so nothing was done.", "Check where your token stands (iobeya-token status, or the window), then try again if you still want a new one.")
	PlatformChanged   = trouble("PlatformChanged", "The platform was changed while you were signing in, so that sign-in was not kept.", "Sign in again.")
	OddTokenRevoked   = trouble("OddTokenRevoked", "{{.Subject}} issued a token that {{.Reason}}. Nothing was kept. It was revoked there.", "Try again; if it keeps happening, tell your IT support.")
	OddTokenKept      = trouble("OddTokenKept", "{{.Subject}} issued a token that {{.Reason}}. Nothing was kept. Revoking it there failed too: {{.Cause}}", "Revoke it in the iObeya web app (avatar menu → Personal access token), then tell your IT support.")
	Damaged           = trouble("Damaged", "The stored token is damaged.", "Revoke it and generate a new one.")
	Expired           = trouble("Expired", "Your personal access token has expired.", nextGenerate)
	BadFormat         = trouble("BadFormat", "Unknown format.", "Use one of {{.Formats}}.")
	BadSetting        = trouble("BadSetting", "This setting is not possible: a number of days or seconds cannot be negative.", "Choose 0 or more.")
	NoConfigDir       = trouble("NoConfigDir", "The folder for settings could not be found.", "Make sure HOME (or XDG_CONFIG_HOME, or %AppData% on Windows) is set, then try again.")
	TooLong           = trouble("TooLong", "It took too long: something did not answer in time.", nextNetwork)
	Cancelled         = trouble("Cancelled", "It was cancelled.", "Try again when you are ready.")
	Unexpected        = trouble("Unexpected", "Something went wrong.", "Try again; if it keeps happening, run \"iobeya-token doctor\" and send the report to your IT support.")
	KeychainNoSession = trouble("KeychainNoSession", "The keychain cannot be reached: there is no desktop session here.", "{{.NextStep}}")
	KeychainLocked    = trouble("KeychainLocked", "The keychain is locked.", "{{.NextStep}}")
	KeychainMissing   = trouble("KeychainUnavailable", "The keychain is not available.", "{{.NextStep}}")
	KeychainTimeout   = trouble("KeychainTimeout", "The keychain did not answer in time.", "{{.NextStep}}")
	KeychainFailed    = trouble("KeychainFailed", "{{.Message}}.", "{{.NextStep}}")
	Insecure          = trouble("Insecure", "iObeya Token only talks to remote platforms over https.", "Use {{.Address}} instead.")
	InsecureTyped     = trouble("InsecureTyped", "iObeya Token only talks to remote platforms over https.", "Type the address with https://.")
	BadAddress        = trouble("BadAddress", "{{.Input}} is not a platform address ({{.Reason}}).", addressExample)
	IncompleteAddress = trouble("IncompleteAddress", "{{.Input}} is not a complete platform address.", "Did you mean {{.Suggestion}}?")
	NotAnAddress      = trouble("NotAnAddress", "This is not a platform address.", addressExample)
	IssuerMismatch    = trouble("IssuerMismatch", "The sign-in service of {{.Host}} says it belongs to another address, so nothing was sent to it.", "Check the address; if it is right, tell your IT support (the platform's issuer does not match its address).")
	HostSlow          = trouble("HostSlow", "{{.Subject}} did not answer in time.", "Check your network or proxy, then try again.")
	HostUnreachable   = trouble("HostUnreachable", "Can't reach {{.Host}}.", nextAddressNet)
	HostSignedOut     = trouble("HostSignedOut", "You have been signed out of {{.Host}}.", nextSignIn)
	HostForbidden     = trouble("HostForbidden", "{{.Subject}} does not allow personal access tokens for your account.", "Ask your iObeya administrator to allow them.")
	HostRateLimited   = trouble("HostRateLimited", "{{.Subject}} asks to slow down.", "Wait a little, then try again.")
	HostRetryAfter    = trouble("HostRetryAfter", "{{.Subject}} asks to slow down.", "Wait {{.Wait}}, then try again.")
	HostServer        = trouble("HostServer", "{{.Subject}} had a problem{{.Status}} and could not do it.", "Try again in a few minutes; if it keeps happening, tell your IT support.")
	HostNotAPI        = trouble("HostNotAPI", "{{.Subject}} answered with a web page instead of the API (a proxy or a login page may be in the way).", "Check the address; if it is right, run \"iobeya-token doctor\" and send the report to your IT support.")
	HostNotUnderstood = trouble("HostNotUnderstood", "{{.Subject}} gave an answer{{.Status}} iObeya Token does not understand.", nextDoctor)
	HostUnsupported   = trouble("HostUnsupported", "{{.Subject}} does not offer this.", "Ask your iObeya administrator whether personal access tokens are enabled.")
	HostHTTPStatus    = trouble("HostHTTPStatus", "{{.Subject}} gave an unexpected answer (HTTP {{.Status}}).", nextDoctor)
	HostUnusable      = trouble("HostUnusable", "Can't use {{.Host}}.", nextAddressNet)
	TokenUnreadable   = trouble("TokenUnreadable", "The platform sent a token iObeya Token cannot read.", "Try again; if it keeps happening, tell your IT support.")
	SignInDenied      = trouble("SignInDenied", "The sign-in was declined in the browser.{{.Detail}}", "Sign in again and choose Allow.")
	SignInRefused     = trouble("SignInRefused", "{{.Subject}} refused the sign-in.{{.Detail}}", "Try again; ask your IT support if it keeps happening.")
	SignInState       = trouble("SignInStateMismatch", "The browser sent back an answer that does not belong to this sign-in.", "Start the sign-in again from iObeya Token.")
	SignInNoS256      = trouble("SignInNoS256", "This platform does not support secure sign-in for desktop apps.", "Ask your IT support to enable PKCE (S256) for iObeya Token.")
	SignInBadCallback = trouble("SignInBadCallback", "The browser sent back an incomplete answer.", "Sign in again.")
	SignInRejected    = trouble("SignInCodeRejected", "{{.Subject}} did not accept the sign-in.", "Sign in again.")
	SignInTokenFailed = trouble("SignInTokenFailed", "{{.Subject}} could not finish the sign-in.{{.Detail}}", "Try again in a moment.")
	SignInNoPort      = trouble("SignInNoPort", "No local port is free to receive the sign-in.", "Close some programs and try again.")
	SignInUnsafeURL   = trouble("SignInUnsafeURL", "The sign-in link does not lead to your platform, so it was not opened.", "Check the platform's address; if it is right, tell your IT support.")
	SignInTimedOut    = trouble("SignInTimedOut", "The sign-in was not finished in time.", "Sign in again and complete it in the browser.")
	SignInCancelled   = trouble("SignInCancelled", "The sign-in was cancelled.", "Sign in again when you are ready.")

	// ShortLivedToken warns of a new token that expires within the hour.
	ShortLivedToken = msg("ProblemShortLivedToken", "Your new token expires in {{.In}}: the platform issues short-lived tokens, so tools using it will stop working soon. Ask your iObeya administrator about the token lifetime.")
	// OddTokenUnreadable and OddTokenExpired fill OddToken*'s {{.Reason}}.
	OddTokenUnreadable = msg("ProblemOddTokenUnreadable", "is not a token iObeya Token can read ({{.Size}} characters: {{.Why}})")
	OddTokenExpired    = msg("ProblemOddTokenExpired", "had already expired when it was issued (its expiry date is {{.Expiry}})")

	thePlatform      = msg("ThePlatform", "the platform")
	thePlatformStart = msg("ThePlatformStart", "The platform")
	detail           = msg("Detail", " The platform said: {{.Detail}}")
)

// ThePlatform names the platform in a problem when its host is not known.
func (w *Words) ThePlatform() string { return w.Say(thePlatform, nil) }

// ThePlatformStart names the platform at the start of a sentence when its
// host is not known.
func (w *Words) ThePlatformStart() string { return w.Say(thePlatformStart, nil) }

// Detail is what the platform said, as a sentence after a problem's words
// (in brackets, "(The user denied access.)." read as a typo); empty when
// it said nothing.
func (w *Words) Detail(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return w.Say(detail, Args{"Detail": s})
}

// Why a token cannot be read, by internal/token's codes (token.WhyEmpty…),
// for OddTokenUnreadable's {{.Why}}.
var tokenWhy = map[string]*Message{
	"empty":      msg("TokenWhyEmpty", "it is empty"),
	"parts":      msg("TokenWhyParts", "it is not made of three parts separated by dots"),
	"algorithm":  msg("TokenWhyAlgorithm", "its header names no known signing algorithm"),
	"unreadable": msg("TokenWhyUnreadable", "its parts cannot be read"),
}

// TokenWhy says why a token cannot be read, from internal/token's code; a
// code it does not know keeps the token package's own English reason.
func (w *Words) TokenWhy(code, reason string) string {
	if m := tokenWhy[code]; m != nil {
		return w.Say(m, nil)
	}
	return reason
}
