package words

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

// Facts is what the words of a status need: where the platform, the session
// and the token stand (companion.Status.Facts gives it). State is the state
// to show at the time the words are for.
type Facts struct {
	State             token.State
	Platform          string // host as users know it, e.g. "acme.iobeya.com"
	PlatformURL       string // empty when no platform is set up
	Demo              bool
	SignedIn          bool
	Account           string // e-mail address
	AccountName       string // display name, when known
	ExpiresAt         time.Time
	CheckedAt         time.Time
	CheckedWithServer bool
	BroughtIn         bool // the token came from the web app (companion.Import)
}

// The names of the states, the same in the window, the tray and the command line.
var (
	stateNone     = msg("StateNone", "No token yet")
	stateValid    = msg("StateValid", "Valid")
	stateExpiring = msg("StateExpiring", "Expires soon")
	stateExpired  = msg("StateExpired", "Expired")
	stateRevoked  = msg("StateRevoked", "Revoked")
	stateUnknown  = msg("StateUnknown", "Couldn't check")
	stateNoAccess = msg("StateNoAccess", "No API access")
	trayNoAccess  = msg("TrayNoAccess", "ask your iObeya administrator")
	hintNoAccess  = msg("CLIHintNoAccess", "Ask your iObeya administrator to give your account access to the API; the token itself is fine.")
	hintBringNew  = msg("CLIHintBringNew", "Get a new token in the iObeya web app (avatar menu → Personal access token), then: iobeya-token import")
	notSetUp      = msg("StatusNotSetUp", "Not set up yet")
	signedOut     = msg("StatusSignedOut", "Signed out")
)

// The window's lines about a token.
var (
	expiresLine      = msg("ExpiryLineFuture", "Expires {{.Date}} — {{.Relative}}")
	expiredLine      = msg("ExpiryLinePast", "Expired {{.Date}} — {{.Relative}}")
	wouldHaveExpired = msg("ExpiryLineRevoked", "Would have expired {{.Date}}")
	doesNotExpire    = msg("ExpiryLineNone", "Does not expire")
	neverChecked     = msg("CheckedLineNever", "Not checked with the platform yet")
	lastChecked      = msg("CheckedLine", "Last checked {{.Ago}}")
	accountBoth      = msg("AccountLine", "{{.Name}} · {{.Email}}")
	demoPlatform     = msg("PlatformDemo", "Demo platform ({{.Host}})")
)

// The tray's status line, after the state's name.
var (
	trayNoExpiry = msg("TrayNoExpiry", "does not expire")
	trayExpires  = msg("TrayExpires", "expires {{.Relative}}")
)

// The command line's status line, after the state's name.
var (
	cliNoExpiry    = msg("CLINoExpiry", "no expiry date")
	cliExpires     = msg("CLIExpires", "expires {{.Date}} ({{.Relative}})")
	cliExpired     = msg("CLIExpired", "expired {{.Date}} ({{.Relative}})")
	cliWouldHave   = msg("CLIWouldHaveExpired", "would have expired {{.Date}}")
	cliOn          = msg("CLIAccountOn", "{{.Account}} on {{.Platform}}")
	cliSignedOut   = msg("CLISignedOut", "signed out")
	cliChecked     = msg("CLIChecked", "checked with the platform {{.Ago}}")
	cliCouldNot    = msg("CLICouldNotCheck", "could not be checked with the platform")
	cliNotChecked  = msg("CLINotChecked", "not checked with the platform")
	hintSetUp      = msg("CLIHintSetUp", "Sign in first: iobeya-token login --platform acme.iobeya.com (your platform's address)")
	hintSignIn     = msg("CLIHintSignIn", "Sign in first: iobeya-token login")
	hintGenerate   = msg("CLIHintGenerate", "Generate one: iobeya-token generate")
	hintRegenerate = msg("CLIHintRegenerate", "Generate a new one: iobeya-token generate --replace")
)

// State is a state's name: "Valid", "Expires soon", "Couldn't check"…
func (w *Words) State(s token.State) string {
	switch s {
	case token.StateValid:
		return w.Say(stateValid, nil)
	case token.StateExpiring:
		return w.Say(stateExpiring, nil)
	case token.StateExpired:
		return w.Say(stateExpired, nil)
	case token.StateRevoked:
		return w.Say(stateRevoked, nil)
	case token.StateUnknown:
		return w.Say(stateUnknown, nil)
	case token.StateNoAccess:
		return w.Say(stateNoAccess, nil)
	}
	return w.Say(stateNone, nil)
}

// Headline is the first words of a status, in the tray and on the command
// line: the state's name, or without a token what is missing first.
func (w *Words) Headline(f Facts) string {
	if f.State != "" && f.State != token.StateNone {
		return w.State(f.State)
	}
	switch {
	case f.PlatformURL == "" && f.Platform == "":
		return w.Say(notSetUp, nil)
	case !f.SignedIn:
		return w.Say(signedOut, nil)
	}
	return w.State(token.StateNone)
}

// ExpiryLine is "Expires 12 June 2027 — in 197 days", or its past form.
func (w *Words) ExpiryLine(f Facts, now time.Time) string {
	if f.ExpiresAt.IsZero() {
		return w.Say(doesNotExpire, nil)
	}
	a := Args{"Date": w.Date(f.ExpiresAt, now), "Relative": w.Relative(f.ExpiresAt, now)}
	switch {
	case f.State == token.StateRevoked && now.Before(f.ExpiresAt):
		// A countdown would suggest it still works.
		return w.Say(wouldHaveExpired, a)
	case !now.Before(f.ExpiresAt):
		return w.Say(expiredLine, a)
	}
	return w.Say(expiresLine, a)
}

// CheckedLine says when the platform last answered.
func (w *Words) CheckedLine(f Facts, now time.Time) string {
	if f.CheckedAt.IsZero() {
		return w.Say(neverChecked, nil)
	}
	return w.Say(lastChecked, Args{"Ago": w.Ago(f.CheckedAt, now)})
}

// AccountLine is who is signed in: "Ada Lovelace · ada@acme.com".
func (w *Words) AccountLine(f Facts) string {
	switch {
	case f.AccountName != "" && f.Account != "":
		return w.Say(accountBoth, Args{"Name": f.AccountName, "Email": f.Account})
	case f.Account != "":
		return f.Account
	}
	return f.AccountName
}

// PlatformName is the platform as the user knows it.
func (w *Words) PlatformName(f Facts) string {
	if f.Demo {
		return w.Say(demoPlatform, Args{"Host": f.Platform})
	}
	return f.Platform
}

// TrayLine is the one-line summary of the tray menu: "Valid · expires in
// 197 days", "Expires soon · in 3 days".
func (w *Words) TrayLine(f Facts, now time.Time) string {
	head := w.Headline(f)
	switch f.State {
	case token.StateValid, token.StateUnknown:
		if f.ExpiresAt.IsZero() {
			return join(head, w.Say(trayNoExpiry, nil))
		}
		return join(head, w.Say(trayExpires, Args{"Relative": w.Relative(f.ExpiresAt, now)}))
	case token.StateExpiring:
		return join(head, w.Relative(f.ExpiresAt, now))
	case token.StateExpired:
		if f.ExpiresAt.IsZero() {
			return head
		}
		return join(head, w.Relative(f.ExpiresAt, now))
	case token.StateNoAccess:
		return join(head, w.Say(trayNoAccess, nil))
	}
	return head
}

// CLILine is the command line's one-line status: "Valid · expires 12 June
// 2027 (in 197 days) · alice@example.com on acme.iobeya.com · checked with
// the platform just now".
func (w *Words) CLILine(f Facts, now time.Time) string {
	head := w.Headline(f)
	if f.PlatformURL == "" {
		return head
	}
	hasToken := f.State != "" && f.State != token.StateNone
	var expiry, signedOut, checked string
	if hasToken {
		a := Args{"Date": w.Date(f.ExpiresAt, now), "Relative": w.Relative(f.ExpiresAt, now)}
		switch {
		case f.ExpiresAt.IsZero():
			expiry = w.Say(cliNoExpiry, nil)
		case f.State == token.StateRevoked && now.Before(f.ExpiresAt):
			// As in the window: a countdown would suggest it still works.
			expiry = w.Say(cliWouldHave, a)
		case !f.ExpiresAt.After(now):
			expiry = w.Say(cliExpired, a)
		default:
			expiry = w.Say(cliExpires, a)
		}
		if !f.SignedIn {
			signedOut = w.Say(cliSignedOut, nil)
		}
		switch {
		case f.CheckedWithServer:
			checked = w.Say(cliChecked, Args{"Ago": w.Ago(f.CheckedAt, now)})
		case f.State == token.StateUnknown:
			checked = w.Say(cliCouldNot, nil)
		default:
			checked = w.Say(cliNotChecked, nil)
		}
	}
	who := w.Place(f)
	if f.Account != "" {
		who = w.Say(cliOn, Args{"Account": f.Account, "Platform": who})
	}
	return join(head, expiry, who, signedOut, checked)
}

// CLIHint is the next step a status calls for, on the command line; empty
// when there is none.
func (w *Words) CLIHint(f Facts) string {
	bad := f.State == token.StateExpired || f.State == token.StateRevoked
	none := f.State == "" || f.State == token.StateNone
	switch {
	case f.PlatformURL == "":
		return w.Say(hintSetUp, nil)
	case f.BroughtIn && bad:
		return w.Say(hintBringNew, nil)
	case !f.SignedIn && (none || bad):
		return w.Say(hintSignIn, nil)
	case none:
		return w.Say(hintGenerate, nil)
	case bad:
		return w.Say(hintRegenerate, nil)
	case f.State == token.StateNoAccess:
		return w.Say(hintNoAccess, nil)
	}
	return ""
}
