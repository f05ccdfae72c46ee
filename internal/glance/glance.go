// Package glance is what the token's state looks like at a glance, shared
// by the window (package app) and the tray program (cmd/iobeya-token-tray),
// neither of which may decide it differently: the state to show as the
// clock moves on, the status line, the tray menu's items, when the next
// wake-up is due, how often the platform is asked, and which notification a
// state calls for. It imports no GUI toolkit.
package glance

import (
	"errors"
	"time"

	"github.com/iobeya-token/iobeya-token/assets"
	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// Day is 24 hours, the unit of the warning window and of notifications.
const Day = 24 * time.Hour

// DisplayState is the state to show at now. The core decided the state at
// its last check; as time passes without a check, a valid token enters the
// warning window and any token passes its expiry date, which the local clock
// knows without asking the platform.
func DisplayState(st companion.Status, now time.Time, warnDays int) companion.State {
	return companion.StateAt(st, now, warnDays)
}

// Shown is st with its State replaced by the state to show at now.
func Shown(st companion.Status, now time.Time, warnDays int) companion.Status {
	st.State = DisplayState(st, now, warnDays)
	return st
}

// UsableState says whether a token in state s can be copied: it works, or
// it could not be checked and may well work.
func UsableState(s companion.State) bool {
	return s == companion.StateValid || s == companion.StateExpiring || s == companion.StateUnknown
}

// Icon names the tray's picture of a state.
type Icon string

// Tray icons.
const (
	IconValid    Icon = "valid"
	IconExpiring Icon = "expiring"
	IconExpired  Icon = "expired"
	IconUnknown  Icon = "unknown"
	IconNone     Icon = "none"
)

// TrayIcon is the tray's picture of a state to show: expired and revoked
// share one.
func TrayIcon(s companion.State) Icon {
	switch s {
	case companion.StateValid:
		return IconValid
	case companion.StateExpiring:
		return IconExpiring
	case companion.StateExpired, companion.StateRevoked, companion.StateNoAccess:
		// Flows fail either way; the menu's words say which.
		return IconExpired
	case companion.StateUnknown:
		return IconUnknown
	}
	return IconNone
}

// PNG is the icon's picture, as tray hosts take it.
func (i Icon) PNG() []byte {
	switch i {
	case IconValid:
		return assets.TrayValidPNG
	case IconExpiring:
		return assets.TrayExpiringPNG
	case IconExpired:
		return assets.TrayExpiredPNG
	case IconUnknown:
		return assets.TrayUnknownPNG
	}
	return assets.TrayNonePNG
}

// Take is the status to show after a status call answered st or err, prev
// being the one shown: an answer replaces it; "no platform" empties it;
// "signed out" keeps the token but not the session; any other error keeps
// prev. answered is false for that last case: nothing new was learnt.
func Take(prev, st companion.Status, err error) (next companion.Status, answered bool) {
	switch {
	case err == nil:
		return st, true
	case errors.Is(err, companion.ErrNotConfigured):
		return companion.Status{}, true
	case errors.Is(err, companion.ErrNotSignedIn), errors.Is(err, companion.ErrSessionEnded):
		prev.SignedIn = false
		return prev, true
	}
	return prev, false
}
