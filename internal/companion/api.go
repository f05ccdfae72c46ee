// Package companion holds the use cases the desktop app and the command line
// share: settings, sign-in, generate, status, copy formats and revoke. It is
// the one place that enforces the invariants of docs/design (tokens only in
// the keychain, nothing generated without confirmation, nothing deleted
// before the platform confirms a revoke).
package companion

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

// State is re-exported so front ends need not import internal/token.
type State = token.State

// The token states, re-exported from internal/token.
const (
	StateNone     = token.StateNone
	StateValid    = token.StateValid
	StateExpiring = token.StateExpiring
	StateExpired  = token.StateExpired
	StateRevoked  = token.StateRevoked
	StateUnknown  = token.StateUnknown
	StateNoAccess = token.StateNoAccess
)

// Format is a way of handing out the token.
type Format string

// The formats of Header, in the order front ends list them.
const (
	FormatBearer        Format = "bearer"        // Bearer <jwt>: Power Automate's header value
	FormatHeader        Format = "header"        // Authorization: Bearer <jwt>
	FormatToken         Format = "token"         // <jwt>
	FormatPowerAutomate Format = "powerautomate" // {"Authorization": "Bearer <jwt>"}
)

// Status is everything a front end shows about the platform, the session and
// the token. It never holds the token itself.
type Status struct {
	Platform    string // the platform's host as users know it, e.g. "acme.iobeya.com"
	PlatformURL string // the platform's origin, e.g. "https://acme.iobeya.com"
	Demo        bool   // the platform is the built-in demo platform
	SignedIn    bool
	Account     string // e-mail address of the signed-in user
	AccountName string // display name, when known

	State     State
	Masked    string // e.g. "eyJhbGci…Xy12"; empty when there is no token
	TokenID   string
	IssuedAt  time.Time
	ExpiresAt time.Time // zero when the token has no expiry date
	LastUsed  time.Time // zero when unknown or never used

	// BroughtIn: the token was brought in from the web app (Import); it
	// is revoked there (OpenTokenPage, then ConfirmRevokedOnWeb).
	BroughtIn bool
	// NoTokenAPI: the platform has no token API (it answered a signed-in
	// question about the token with "not offered"): tokens come from its
	// web app (OpenTokenPage, WatchClipboard, Import).
	NoTokenAPI bool

	CheckedWithServer bool      // the platform answered this check
	CheckedAt         time.Time // when the platform last answered (zero: never)
	Message           string    // one plain-language sentence when something needs saying
}

// Account is who is signed in, where.
type Account struct {
	Email    string
	Name     string
	Platform string // host, e.g. "acme.iobeya.com"
}

// Generated is the result of Generate and Regenerate.
type Generated struct {
	Status Status
	// Unstored is set only when the new token could not be stored in the
	// keychain (the error is then a *NotStoredError). The front end shows it
	// once, with a warning, and never writes it anywhere.
	Unstored string
	// Warning is one plain sentence to show with the success, when the new
	// token needs a word of caution (it expires within the hour).
	Warning string
}

// LoginOptions tunes Login.
type LoginOptions struct {
	NoBrowser bool          // do not open a browser; only hand the link to OnURL
	Timeout   time.Duration // how long to wait for the browser; 0 means 3 minutes
	// OnURL receives the sign-in link once it is known, and whether a
	// browser was opened on it, so a front end can offer "Copy sign-in link".
	OnURL func(link string, opened bool)
}

// LogoutResult says what sign-out could do on the platform.
type LogoutResult struct {
	// RevokedOnPlatform is false when the platform could not be reached to
	// revoke the session; the local session is gone either way.
	RevokedOnPlatform bool
}

// Settings are the user's non-secret choices, kept in settings.json under
// os.UserConfigDir()/iobeya-token. No token ever goes here.
type Settings struct {
	Platform string `json:"platform,omitempty"` // origin, e.g. "https://acme.iobeya.com"
	Demo     bool   `json:"demo,omitempty"`     // Platform is the built-in demo platform
	APIBase  string `json:"apiBase,omitempty"`  // override of the API facade's address
	Account  string `json:"account,omitempty"`  // e-mail of the signed-in user
	// ClientID is the OAuth client the user entered (its secret, if any,
	// is in the keychain only); empty: the default, or IT's.
	ClientID string `json:"clientId,omitempty"`
	// RedirectPort is the loopback port the registered redirect URI
	// names; 0: any port.
	RedirectPort int `json:"redirectPort,omitempty"`
	// BroughtIn: the token was brought in by the user (Import), not
	// generated here, so it is revoked in the web app.
	BroughtIn             bool `json:"tokenBroughtIn,omitempty"`
	ExpiryWarningDays     int  `json:"expiryWarningDays"`
	ClipboardClearSeconds int  `json:"clipboardClearSeconds"` // 0: never clear
	Notifications         bool `json:"notifications"`
	StartInTray           bool `json:"startInTray"`
	// AskedStartAtLogin: the app has asked, once, whether to start when
	// the user logs in; it does not ask again.
	AskedStartAtLogin bool `json:"askedStartAtLogin,omitempty"`
	// Language is the language the user chose: words.PrefSystem ("",
	// follow the system), words.PrefEnglish ("en") or words.PrefFrench
	// ("fr").
	Language string `json:"language,omitempty"`
}

// DefaultSettings are the settings of a new user.
func DefaultSettings() Settings {
	return Settings{
		ExpiryWarningDays:     7,
		ClipboardClearSeconds: 90, // time to find the HTTP action's Headers field and paste
		Notifications:         true,
	}
}
