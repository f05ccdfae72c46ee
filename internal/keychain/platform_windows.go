package keychain

// backendName is what BackendName reports on this OS.
const backendName = "Windows Credential Manager"

const (
	noSessionSituation = "Windows Credential Manager could not be used."
	noSessionHint      = "Make sure you are signed in to Windows with your own account and that the Credential Manager service is running, then try again."
	lockedHint         = "Sign in to Windows again and try again."
	unavailableHint    = "Windows Credential Manager could not be used. Make sure you are signed in to Windows with your own account and that the Credential Manager service is running, then try again."
	timeoutHint        = "It did not answer in time. Try again; if it keeps happening, restart Windows."
)

// sessionMissing: the keychain needs no session bus on this OS.
func sessionMissing() bool { return false }
