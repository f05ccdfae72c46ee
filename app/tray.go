package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TrayActions are what the tray menu's items do.
type TrayActions struct {
	Copy, Open, Check, Revoke, Quit func()
}

// TrayMenu is the tray menu for a status whose State is the state to show:
// a disabled status line, then the actions that make sense in that state.
func TrayMenu(st companion.Status, now time.Time, actions TrayActions) *fyne.Menu {
	line := fyne.NewMenuItem(statusLine(st, now), nil)
	line.Disabled = true
	items := []*fyne.MenuItem{line}
	if st.Demo {
		demo := fyne.NewMenuItem("Demo platform", nil)
		demo.Disabled = true
		items = append(items, demo)
	}
	item := func(label string, action func(), enabled bool) *fyne.MenuItem {
		i := fyne.NewMenuItem(label, action)
		i.Disabled = !enabled
		return i
	}
	quit := fyne.NewMenuItem("Quit", actions.Quit)
	quit.IsQuit = true
	items = append(items,
		fyne.NewMenuItemSeparator(),
		item("Copy for Power Automate", actions.Copy, usableState(st.State)),
		item("Open iObeya Token", actions.Open, true),
		item("Check now", actions.Check, st.Platform != ""),
		item("Revoke…", actions.Revoke, (st.SignedIn || st.BroughtIn) && st.State != companion.StateNone && st.State != ""),
		fyne.NewMenuItemSeparator(),
		quit)
	return fyne.NewMenu(appName, items...)
}

// trayIcon is the tray's picture of a state (already the state to show).
func trayIcon(st companion.Status) fyne.Resource {
	switch st.State {
	case companion.StateValid:
		return trayValid
	case companion.StateExpiring:
		return trayExpiring
	case companion.StateExpired, companion.StateRevoked, companion.StateNoAccess:
		// The "expired" bitmap: flows fail either way; the menu's
		// words say which.
		return trayExpired
	case companion.StateUnknown:
		return trayUnknown
	}
	return trayNone
}

// setUpTray gives the window its tray item when the driver has a tray.
func (u *UI) setUpTray() {
	desk, ok := u.app.(desktop.App)
	if !ok {
		u.win.SetCloseIntercept(u.Quit)
		return
	}
	u.desk = desk
	// The menu and the state's icon first: the tray then starts with them,
	// instead of converting the large app icon only to replace it.
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
