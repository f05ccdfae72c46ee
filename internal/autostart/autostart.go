// Package autostart turns "start iObeya Token when I log in" on and off
// with the platform's own mechanism: an XDG autostart entry on Linux, the
// per-user Run registry value on Windows, a LaunchAgent on macOS. The
// entry starts the app with BackgroundFlag. Enabled reads the real state
// back each time, so a change made by hand (or by the system's settings)
// shows.
package autostart

import (
	"errors"
	"fmt"
	"path/filepath"
	"unicode/utf8"
)

// The app as FyneApp.toml describes it (a test checks they agree).
const (
	// AppID names the entry's file (and the LaunchAgent's label).
	AppID = "io.github.iobeya_token.iobeya_token"
	// Name is the name people see in their session's startup list (and
	// the Run registry value's name).
	Name = "iObeya Token"
	// Comment says what the entry is for.
	Comment = "Keep your iObeya personal access token in the keychain and copy it for Power Automate"
)

// BackgroundFlag is the argument the entry passes: start in the tray, map
// no window.
const BackgroundFlag = "--background"

// ErrUnsupported is returned where the platform has no mechanism yet.
var ErrUnsupported = errors.New("starting at login is not supported on this system")

// Enable makes the session start exe (an absolute path) with
// BackgroundFlag at each login, replacing an earlier entry.
func Enable(exe string) error {
	if !filepath.IsAbs(exe) || !utf8.ValidString(exe) {
		return fmt.Errorf("could not turn on starting at login: %q is not the full path of the program; start iObeya Token from its installed place and try again", exe)
	}
	return enable(exe)
}

// Disable removes the entry; without one it does nothing.
func Disable() error { return disable() }

// Enabled reports whether the session will start the app at login, as the
// system sees it now.
func Enabled() (bool, error) { return enabled() }
