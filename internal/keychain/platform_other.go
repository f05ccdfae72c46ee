//go:build !darwin && !windows

package keychain

// backendName is what BackendName reports on this OS.
const backendName = "Secret Service (D-Bus)"

const (
	lockedHint      = "The keychain is locked. Unlock it (signing in to your desktop session usually does; or open Passwords and Keys) and try again."
	unavailableHint = "No keychain service is running. On Linux, install and start GNOME Keyring or KWallet."
	timeoutHint     = "It did not answer in time. If a keychain password prompt is open, answer it; otherwise restart GNOME Keyring or KWallet (or sign out and back in), then try again."
)
