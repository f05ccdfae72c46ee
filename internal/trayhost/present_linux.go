package trayhost

import (
	"context"
	"time"

	"github.com/godbus/dbus/v5"
)

// Present reports whether a panel shows tray items: on Linux desktops,
// whether something owns org.kde.StatusNotifierWatcher on the session bus
// (KDE Plasma, the GNOME AppIndicator extension, waybar, …). It is asked
// when the window closes, so a panel that starts late still counts.
func Present() bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	conn, err := dbus.SessionBusPrivate(dbus.WithContext(ctx))
	if err != nil {
		return false
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return false
	}
	if err := conn.Hello(); err != nil {
		return false
	}
	var has bool
	err = conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0,
		"org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}
