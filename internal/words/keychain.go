package words

// The keychain's failures (internal/keychain's Error) in words: what
// failed, by operation, and what to do next, by situation and by the
// system whose keychain it is (each names its own tools).

// Operations and situations of KeychainSummary and KeychainHint, as
// internal/keychain names them.
const (
	SituationNoSession   = "nosession"
	SituationLocked      = "locked"
	SituationUnavailable = "unavailable"
	SituationTimeout     = "timeout"
	SituationNotFound    = "notfound"
	SituationTooLarge    = "toolarge"
	SituationCorrupt     = "corrupt"
	SituationCancelled   = "cancelled"
)

var keychainOps = map[string]*Message{
	"get":    msg("KeychainOpGet", "Could not read from the keychain"),
	"set":    msg("KeychainOpSet", "Could not save to the keychain"),
	"delete": msg("KeychainOpDelete", "Could not delete from the keychain"),
	"check":  msg("KeychainOpCheck", "The keychain check failed"),
	"":       msg("KeychainOpOther", "The keychain failed"),
}

// keychainHints are the next steps by system ("linux" stands for every
// system with a Secret Service) and situation.
var keychainHints = map[string]map[string]*Message{
	"linux": {
		SituationNoSession:   msg("KeychainHintNoSessionLinux", "Run iObeya Token from your desktop session (over ssh, start a D-Bus session with GNOME Keyring first)."),
		SituationLocked:      msg("KeychainHintLockedLinux", "Unlock it (signing in to your desktop session usually does; or open Passwords and Keys) and try again."),
		SituationUnavailable: msg("KeychainHintUnavailableLinux", "No keychain service is running. On Linux, install and start GNOME Keyring or KWallet."),
		SituationTimeout:     msg("KeychainHintTimeoutLinux", "It did not answer in time. If a keychain password prompt is open, answer it; otherwise restart GNOME Keyring or KWallet (or sign out and back in), then try again."),
	},
	"darwin": {
		SituationNoSession:   msg("KeychainHintNoSessionMac", "Open Keychain Access, unlock your login keychain, then try again."),
		SituationLocked:      msg("KeychainHintLockedMac", "Unlock it in Keychain Access and try again."),
		SituationUnavailable: msg("KeychainHintUnavailableMac", "The macOS Keychain could not be opened. Open Keychain Access, unlock your login keychain, then try again."),
		SituationTimeout:     msg("KeychainHintTimeoutMac", "It did not answer in time. If a Keychain prompt is open, answer it (\"Always Allow\" avoids it next time), then try again."),
	},
	"windows": {
		SituationNoSession:   msg("KeychainHintNoSessionWindows", "Make sure you are signed in to Windows with your own account and that the Credential Manager service is running, then try again."),
		SituationLocked:      msg("KeychainHintLockedWindows", "Sign in to Windows again and try again."),
		SituationUnavailable: msg("KeychainHintUnavailableWindows", "Windows Credential Manager could not be used. Make sure you are signed in to Windows with your own account and that the Credential Manager service is running, then try again."),
		SituationTimeout:     msg("KeychainHintTimeoutWindows", "It did not answer in time. Try again; if it keeps happening, restart Windows."),
	},
}

// keychainKinds are the next steps every system shares.
var keychainKinds = map[string]*Message{
	SituationNotFound:  msg("KeychainHintNotFound", "Nothing is stored there yet."),
	SituationTooLarge:  msg("KeychainHintTooLarge", "The secret is larger than the 64 KiB the keychain is asked to hold."),
	SituationCorrupt:   msg("KeychainHintCorrupt", "The stored entry is damaged: part of it is missing or comes from another save. Delete it and save it again."),
	SituationCancelled: msg("KeychainHintCancelled", "It was cancelled."),
	"":                 msg("KeychainHintOther", "Something unexpected happened. Try again."),
}

// KeychainSummary says which keychain operation failed ("get", "set",
// "delete", "check"), without a full stop.
func (w *Words) KeychainSummary(op string) string {
	m := keychainOps[op]
	if m == nil {
		m = keychainOps[""]
	}
	return w.Say(m, nil)
}

// KeychainHint is the next step after a keychain failure in a situation
// (SituationNoSession…) on a system (runtime.GOOS).
func (w *Words) KeychainHint(goos, situation string) string {
	if goos != "darwin" && goos != "windows" {
		goos = "linux"
	}
	if m := keychainHints[goos][situation]; m != nil {
		return w.Say(m, nil)
	}
	m := keychainKinds[situation]
	if m == nil {
		m = keychainKinds[""]
	}
	return w.Say(m, nil)
}
