package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
)

// TrayActions are what the tray menu's items do.
type TrayActions struct {
	Copy, Open, Check, Revoke, Quit func()
}

// TrayMenu is the tray menu for a status whose State is the state to show:
// glance's items, shared with the tray program, as a Fyne menu.
func TrayMenu(st companion.Status, now time.Time, actions TrayActions) *fyne.Menu {
	do := map[glance.Action]func(){
		glance.ActCopy: actions.Copy, glance.ActOpen: actions.Open, glance.ActCheck: actions.Check,
		glance.ActRevoke: actions.Revoke, glance.ActQuit: actions.Quit,
	}
	var items []*fyne.MenuItem
	for _, it := range glance.Menu(say(), st, now) {
		if it.Separator {
			items = append(items, fyne.NewMenuItemSeparator())
			continue
		}
		i := fyne.NewMenuItem(it.Label, do[it.Action])
		i.Disabled = !it.Enabled
		i.IsQuit = it.Action == glance.ActQuit
		items = append(items, i)
	}
	return fyne.NewMenu(appName, items...)
}

// trayIcons are glance's tray pictures as Fyne resources.
var trayIcons = map[glance.Icon]fyne.Resource{
	glance.IconValid: trayValid, glance.IconExpiring: trayExpiring, glance.IconExpired: trayExpired,
	glance.IconUnknown: trayUnknown, glance.IconNone: trayNone,
}

// trayIcon is the tray's picture of a state (already the state to show).
func trayIcon(st companion.Status) fyne.Resource {
	return trayIcons[glance.TrayIcon(st.State)]
}

// setUpTray gives the window its tray item when the driver has a tray.
func (u *UI) setUpTray() {
	desk, ok := u.app.(desktop.App)
	if !ok || u.deps.Agent {
		// Without a tray, or with the tray program owning it, the window
		// is all there is of this process: closing it quits.
		u.win.SetCloseIntercept(u.Quit)
		return
	}
	u.desk = desk
	// On Windows fyne.io/systray starts the tray as soon as the first menu
	// is set, and Fyne asks for the icon at once, on another goroutine:
	// before updateTray sets the state's picture, it falls back to the
	// app's icon, and without one to an SVG it cannot convert ("Failed to
	// convert systray icon"). The state's picture stands as the app's icon
	// until New sets the real one, so the tray shows it from the first
	// frame (and is spared converting the large app icon to replace it).
	u.app.SetIcon(trayIcon(u.arb.shown(u.clock.Now(), u.settings.ExpiryWarningDays)))
	u.updateTray()
	desk.SetSystemTrayWindow(u.win)
	// With a tray host, closing the window only hides it; Quit is in the
	// menu. Without one (asked at that moment, since a panel can come and
	// go) the window would be out of reach, so closing quits.
	u.win.SetCloseIntercept(func() {
		if u.hasTray() {
			u.win.Hide()
		} else {
			u.Quit()
		}
	})
}

// hasTray says whether the tray item can be seen now.
func (u *UI) hasTray() bool {
	return u.desk != nil && (u.deps.HasTray == nil || u.deps.HasTray())
}

// updateTray sets the tray menu and icon when what they show has changed.
func (u *UI) updateTray() {
	if u.desk == nil {
		return
	}
	now := u.clock.Now()
	st := u.arb.shown(now, u.settings.ExpiryWarningDays)
	menu := TrayMenu(st, now, TrayActions{
		Copy:   func() { u.copyToken(companion.FormatBearer) },
		Open:   u.open,
		Check:  u.checkNow,
		Revoke: u.revokeFromTray,
		Quit:   u.Quit,
	})
	icon := trayIcon(st)
	var key strings.Builder
	key.WriteString(icon.Name())
	for _, i := range menu.Items {
		key.WriteString("|" + i.Label)
		if i.Disabled {
			key.WriteString("-")
		}
	}
	if key.String() == u.trayKey {
		return
	}
	u.trayKey = key.String()
	u.desk.SetSystemTrayMenu(menu)
	u.desk.SetSystemTrayIcon(icon)
}

// Raise shows the window in front; the tray program asks for it. Call it
// on the UI goroutine.
func (u *UI) Raise() { u.open() }

// AskRevoke shows the window on the token card with the revoke
// confirmation, as the tray program's "Revoke…" asks. Call it on the UI
// goroutine.
func (u *UI) AskRevoke() { u.revokeFromTray() }

// open shows the window in front.
func (u *UI) open() {
	u.win.Show()
	u.win.RequestFocus()
}

// revokeFromTray opens the window on the token card with the confirmation.
func (u *UI) revokeFromTray() {
	u.open()
	if u.page != pageAuto {
		u.setPage(pageAuto)
	}
	u.askRevoke()
}
