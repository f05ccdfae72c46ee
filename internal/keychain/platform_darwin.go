package keychain

// backendName is what BackendName reports on this OS.
const backendName = "macOS Keychain"

const (
	noSessionSituation = "The macOS Keychain could not be opened."
	noSessionHint      = "Open Keychain Access, unlock your login keychain, then try again."
	lockedHint         = "Unlock it in Keychain Access and try again."
	unavailableHint    = "The macOS Keychain could not be opened. Open Keychain Access, unlock your login keychain, then try again."
	timeoutHint        = "It did not answer in time. If a Keychain prompt is open, answer it (\"Always Allow\" avoids it next time), then try again."
)

// sessionMissing: the keychain needs no session bus on this OS.
func sessionMissing() bool { return false }
