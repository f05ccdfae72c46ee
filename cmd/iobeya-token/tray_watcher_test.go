package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

// trayWatcher stands in for a desktop panel's tray host: it owns
// org.kde.StatusNotifierWatcher on the private bus, as KDE Plasma, the
// GNOME AppIndicator extension or waybar do, and records the items that
// register with it.
type trayWatcher struct {
	conn  *dbus.Conn
	items chan string // bus names of registered items
}

const (
	watcherName  = "org.kde.StatusNotifierWatcher"
	watcherPath  = dbus.ObjectPath("/StatusNotifierWatcher")
	sniInterface = "org.kde.StatusNotifierItem"
	menuIface    = "com.canonical.dbusmenu"
)

func newTrayWatcher(t *testing.T, conn *dbus.Conn) *trayWatcher {
	t.Helper()
	w := &trayWatcher{conn: conn, items: make(chan string, 8)}
	if err := conn.Export(watcherMethods{w}, watcherPath, watcherName); err != nil {
		t.Fatal(err)
	}
	props := prop.Map{watcherName: {
		"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitTrue},
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitTrue},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitTrue},
	}}
	if _, err := prop.Export(conn, watcherPath, props); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(watcherName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("could not own %s on the private bus (reply %v): %v", watcherName, reply, err)
	}
	return w
}

// watcherMethods is the exported D-Bus interface.
type watcherMethods struct{ w *trayWatcher }

// RegisterStatusNotifierItem is called by an application's tray item. The
// item passes its object path or its bus name; the sender is what we keep.
func (m watcherMethods) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	select {
	case m.w.items <- string(sender):
	default:
	}
	return nil
}

// RegisterStatusNotifierHost is part of the interface; nothing to record.
func (m watcherMethods) RegisterStatusNotifierHost(service string) *dbus.Error { return nil }

// waitForItem returns the bus name of the next item that registers.
func (w *trayWatcher) waitForItem(t *testing.T, limit time.Duration) string {
	t.Helper()
	select {
	case name := <-w.items:
		return name
	case <-time.After(limit):
		t.Fatalf("no tray item registered with the StatusNotifierWatcher within %s", limit)
		return ""
	}
}

// menuEntry is one entry of an item's menu as a panel sees it.
type menuEntry struct {
	ID        int32
	Label     string
	Enabled   bool
	Separator bool
}

// trayMenu reads an item's menu over com.canonical.dbusmenu, the way a panel
// does when the user opens it.
func (w *trayWatcher) trayMenu(item string) ([]menuEntry, error) {
	var menuPath dbus.ObjectPath
	v, err := w.conn.Object(item, "/StatusNotifierItem").GetProperty(sniInterface + ".Menu")
	if err != nil {
		return nil, fmt.Errorf("reading the item's Menu property: %w", err)
	}
	if err := v.Store(&menuPath); err != nil {
		return nil, err
	}
	var rev uint32
	var root struct {
		ID       int32
		Props    map[string]dbus.Variant
		Children []dbus.Variant
	}
	call := w.conn.Object(item, menuPath).Call(menuIface+".GetLayout", 0, int32(0), int32(-1), []string{})
	if err := call.Store(&rev, &root); err != nil {
		return nil, fmt.Errorf("GetLayout: %w", err)
	}
	var out []menuEntry
	for _, c := range root.Children {
		fields, ok := c.Value().([]any)
		if !ok || len(fields) != 3 {
			return nil, fmt.Errorf("unexpected menu layout entry %v", c)
		}
		var e menuEntry
		var props map[string]dbus.Variant
		if err := dbus.Store(fields[:2], &e.ID, &props); err != nil {
			return nil, err
		}
		if l, ok := props["label"]; ok {
			_ = l.Store(&e.Label)
		}
		e.Enabled = true
		if en, ok := props["enabled"]; ok {
			_ = en.Store(&e.Enabled)
		}
		if ty, ok := props["type"]; ok {
			var s string
			_ = ty.Store(&s)
			e.Separator = s == "separator"
		}
		out = append(out, e)
	}
	return out, nil
}

// click sends the "clicked" event a panel sends when a menu entry is chosen.
func (w *trayWatcher) click(item string, id int32) error {
	return w.conn.Object(item, "/StatusNotifierMenu").Call(menuIface+".Event", 0,
		id, "clicked", dbus.MakeVariant(""), uint32(time.Now().Unix())).Err
}

// iconPixmap reads the item's current icon (the largest pixmap's bytes), so
// a test can tell two states' icons apart.
func (w *trayWatcher) iconPixmap(item string) ([]byte, error) {
	v, err := w.conn.Object(item, "/StatusNotifierItem").GetProperty(sniInterface + ".IconPixmap")
	if err != nil {
		return nil, err
	}
	var pix []struct {
		W, H int32
		Data []byte
	}
	if err := v.Store(&pix); err != nil {
		return nil, err
	}
	var best []byte
	var area int32
	for _, p := range pix {
		if p.W*p.H > area {
			area, best = p.W*p.H, p.Data
		}
	}
	return best, nil
}
