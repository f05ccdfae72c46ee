package keychain

// backendName is what BackendName reports on this OS.
const backendName = "macOS Keychain"

const (
	unavailableHint = "The macOS Keychain could not be opened. Open Keychain Access, unlock your login keychain, then try again."
	timeoutHint     = "It did not answer in time. If a Keychain prompt is open, answer it (\"Always Allow\" avoids it next time), then try again."
)
