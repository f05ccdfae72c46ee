// Package notify sends desktop notifications without Fyne, for the tray
// program: on Linux through org.freedesktop.Notifications on the session
// D-Bus. Each Notifier's notices replace one another, so a repeated warning
// does not pile up. Other systems answer ErrUnsupported for now.
package notify

import (
	"errors"
	"time"
)

// AppName is the name notifications are sent under.
const AppName = "iObeya Token"

// AppID names the installed desktop entry and icon (as in FyneApp.toml).
const AppID = "io.github.iobeya_token.iobeya_token"

// DefaultTimeout bounds a call whose context has no deadline of its own.
// The notification server may be started on demand by the bus: give it time.
const DefaultTimeout = 5 * time.Second

// ErrUnsupported is returned where this package cannot notify yet.
var ErrUnsupported = errors.New("desktop notifications are not supported on this system yet")

// ErrNoServer says nothing on the session shows notifications.
var ErrNoServer = errors.New("no notification service is running in this session")

// Option changes a Notifier.
type Option func(*options)

type options struct {
	icon string
}
