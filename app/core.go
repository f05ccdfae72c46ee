// Package app is the desktop front end: the window, its screens and dialogs,
// the tray menu and the notifications. It holds no logic of its own beyond
// putting things in words; every use case is the core's (internal/companion),
// reached through the small interface below.
package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// Core is what the desktop app needs from internal/companion. Every method
// that may touch the network or the keychain takes a context and sets its own
// deadline; the app calls them off the UI goroutine, with a context that
// ends when the app quits.
type Core interface {
	// Status reports the platform, session and token; offline skips the
	// platform and answers from the keychain and the token's expiry date.
	Status(ctx context.Context, offline bool) (companion.Status, error)
	Login(ctx context.Context, opts companion.LoginOptions) (companion.Account, error)
	Logout(ctx context.Context) (companion.LogoutResult, error)
	Generate(ctx context.Context, confirmed bool) (companion.Generated, error)
	Regenerate(ctx context.Context, confirmed bool) (companion.Generated, error)
	Revoke(ctx context.Context) error
	// Header returns the stored token in the given format, for the clipboard.
	Header(ctx context.Context, f companion.Format) (string, error)
	Settings() companion.Settings
	UpdateSettings(func(*companion.Settings)) error
	// ValidateAddress checks a platform address as typed, without any
	// network call, so the app can explain what is wrong as the user types;
	// using is the address kept when a browser page was pasted.
	ValidateAddress(address string) (using string, err error)
	// SetPlatform checks the address, checks the platform answers, and
	// saves it; errors are put in words by companion.Explain.
	SetPlatform(ctx context.Context, address string, demo bool) error
	// SettingsPath is the settings file; About shows its folder.
	SettingsPath() string
	// Doctor checks what the app depends on, for IT support; its report
	// holds no secret.
	Doctor(ctx context.Context) companion.Report
	// Subscribe calls f, from any goroutine, whenever the status changes.
	Subscribe(f func(companion.Status)) (cancel func())
}

// Deps is what New needs from the program that runs the app.
type Deps struct {
	Core Core
	// StartDemo starts the built-in demo platform on loopback and returns
	// its address. Nil hides "Try the demo platform".
	StartDemo func(ctx context.Context) (platformURL string, err error)
	// Clock tells the time and sets timers; nil means the real clock.
	Clock Clock
	// HasTray says whether a tray host will show the app's item (on Linux,
	// whether a StatusNotifierWatcher is on the session bus). Without one,
	// closing the window quits rather than hiding it out of reach. Nil
	// trusts the driver.
	HasTray func() bool
	// Agent is true when the tray program (cmd/iobeya-token-tray) runs
	// beside the window: the window then makes no tray item of its own,
	// sends no notifications (the tray program does), and closing it ends
	// the window's process.
	Agent bool
	// Changed is called, on a goroutine of its own, after each change the
	// user makes (sign-in, generate, revoke, settings, platform), so the
	// tray program reads the state again at once. Nil: nothing.
	Changed func()
	// Watch, when not nil, runs the clipboard pick-up of "Get a token from
	// the iObeya web app" in the tray program, which outlives the window;
	// its reports reach the window through UI.Watched. Nil, or a Start
	// that fails: the window watches the clipboard itself.
	Watch AgentWatch
	// Autostart turns starting at login on and off (package
	// internal/autostart). Nil hides the switch and the question after the
	// first token.
	Autostart Autostart
	// Settled is called once, on the UI goroutine, when the first status
	// is on screen and the burst of start-up work is over. Nil: nothing.
	Settled func()
	// Clipboard is the clipboard the app copies to, on the UI goroutine;
	// nil means Fyne's. On Windows it marks each copy so that clipboard
	// history and the cloud clipboard leave it out.
	Clipboard fyne.Clipboard
}

// Clock is the time source of the app: the countdowns, the periodic checks
// and the clipboard clearing all run on it, so tests can drive them.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f on its own goroutine after d; stop cancels it and
	// reports whether it did so before f started.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}
