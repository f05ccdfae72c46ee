//go:build !darwin && !windows

package keychain

import (
	"fmt"
	"os"
)

// backendName is what BackendName reports on this OS.
const backendName = "Secret Service (D-Bus)"

const (
	noSessionSituation = "There is no desktop session here, so the keychain cannot be reached."
	noSessionHint      = "Run iObeya Token from your desktop session (over ssh, start a D-Bus session with GNOME Keyring first)."
	lockedHint         = "Unlock it (signing in to your desktop session usually does; or open Passwords and Keys) and try again."
	unavailableHint    = "No keychain service is running. On Linux, install and start GNOME Keyring or KWallet."
	timeoutHint        = "It did not answer in time. If a keychain password prompt is open, answer it; otherwise restart GNOME Keyring or KWallet (or sign out and back in), then try again."
)

// sessionMissing reports whether there is no D-Bus session bus to find the
// Secret Service on. Asked anyway, the D-Bus library would run
// dbus-launch --autolaunch, which starts a bus (and a locked keyring) that
// outlive the command: one more at every run.
func sessionMissing() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return false
	}
	_, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid()))
	return err != nil
}
