package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

// trayHost stands in for a desktop panel: it owns
// org.kde.StatusNotifierWatcher on the session bus, so that programs put
// their item in the tray (and the app hides its window on close instead of
// quitting), and it records which processes registered an item.
type trayHost struct {
	conn *dbus.Conn

	mu      sync.Mutex
	pids    map[uint32]bool
	names   map[uint32]string // each process's item: its bus name
	changed chan struct{}     // closed and replaced whenever pids grows
}

const (
	watcherName = "org.kde.StatusNotifierWatcher"
	watcherPath = dbus.ObjectPath("/StatusNotifierWatcher")
)

func startTrayHost(conn *dbus.Conn) (*trayHost, error) {
	h := &trayHost{conn: conn, pids: map[uint32]bool{}, names: map[uint32]string{}, changed: make(chan struct{})}
	if err := conn.Export(watcher{h}, watcherPath, watcherName); err != nil {
		return nil, err
	}
	props := prop.Map{watcherName: {
		"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitTrue},
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitTrue},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitTrue},
	}}
	if _, err := prop.Export(conn, watcherPath, props); err != nil {
		return nil, err
	}
	reply, err := conn.RequestName(watcherName, dbus.NameFlagDoNotQueue)
	if err != nil {
		return nil, err
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		return nil, fmt.Errorf("%s already has an owner on this bus", watcherName)
	}
	return h, nil
}

// waitFor waits until process pid has registered a tray item.
func (h *trayHost) waitFor(pid int, limit time.Duration) error {
	deadline := time.After(limit)
	for {
		h.mu.Lock()
		ok, changed := h.pids[uint32(pid)], h.changed
		h.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-changed:
		case <-deadline:
			return fmt.Errorf("process %d registered no tray item within %s", pid, limit)
		}
	}
}

// watcher is the exported D-Bus interface.
type watcher struct{ h *trayHost }

// RegisterStatusNotifierItem records the process behind the calling
// connection. It runs on godbus's dispatch goroutine, so the bus is asked
// from another one.
func (w watcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	go w.h.record(string(sender))
	return nil
}

func (h *trayHost) record(sender string) {
	var pid uint32
	if err := h.conn.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, sender).Store(&pid); err != nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pids[pid] = true
	h.names[pid] = sender
	close(h.changed)
	h.changed = make(chan struct{})
}

// RegisterStatusNotifierHost is part of the interface; nothing to record.
func (w watcher) RegisterStatusNotifierHost(service string) *dbus.Error { return nil }

// itemOf is the bus name of the item process pid registered.
func (h *trayHost) itemOf(pid int) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.names[uint32(pid)]
}

// click chooses the menu entry labelled label in the item's menu, as a
// panel does when the user picks it.
func (h *trayHost) click(item, label string) error {
	menu := h.conn.Object(item, "/StatusNotifierMenu")
	var rev uint32
	var root struct {
		ID       int32
		Props    map[string]dbus.Variant
		Children []dbus.Variant
	}
	if err := menu.Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{}).Store(&rev, &root); err != nil {
		return err
	}
	for _, c := range root.Children {
		fields, ok := c.Value().([]any)
		if !ok || len(fields) != 3 {
			continue
		}
		var id int32
		var props map[string]dbus.Variant
		if err := dbus.Store(fields[:2], &id, &props); err != nil {
			continue
		}
		var l string
		if v, ok := props["label"]; ok && v.Store(&l) == nil && l == label {
			return menu.Call("com.canonical.dbusmenu.Event", 0, id, "clicked", dbus.MakeVariant(""), uint32(time.Now().Unix())).Err
		}
	}
	return fmt.Errorf("the tray menu has no %q", label)
}
