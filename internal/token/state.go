package token

// State is where a personal access token stands, as the desktop app and the
// command line show it. The values are also the `state` field of
// `iobeya-token status --json`, so they never change once released.
type State string

// The states of the status model (docs/platform-api.md, section 6).
const (
	StateNone     State = "none"     // no token in the keychain
	StateValid    State = "valid"    // works, and expires after the warning window
	StateExpiring State = "expiring" // works, expires within the warning window
	StateExpired  State = "expired"  // its expiry date has passed
	StateRevoked  State = "revoked"  // the platform no longer accepts it
	StateUnknown  State = "unknown"  // could not be checked, or the stored copy is damaged
	// StateNoAccess: the platform knows the token but refuses it the API
	// (403): the plan or the account's permissions do not include it.
	StateNoAccess State = "no-api-access"
)
