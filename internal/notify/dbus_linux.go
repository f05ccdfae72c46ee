package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/godbus/dbus/v5"

	"github.com/iobeya-token/iobeya-token/assets"
)

// The notification service of the Desktop Notifications Specification.
const (
	service = "org.freedesktop.Notifications"
	path    = dbus.ObjectPath("/org/freedesktop/Notifications")
	method  = service + ".Notify"
)

// Notifier sends notifications to the session's notification service.
type Notifier struct {
	icon string

	mu   sync.Mutex
	conn *dbus.Conn
	last uint32 // the ID of the last notice shown, replaced by the next
}

// New makes a Notifier. It connects to the session bus on first use, and
// again after the connection is lost.
func New(opts ...Option) (*Notifier, error) {
	var o options
	for _, f := range opts {
		f(&o)
	}
	if o.icon == "" {
		o.icon = iconFile()
	}
	return &Notifier{icon: o.icon}, nil
}

// Send shows a notice with title and body, replacing this Notifier's
// previous one, within ctx's deadline (DefaultTimeout if none).
func (n *Notifier) Send(ctx context.Context, title, body string) error {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	n.mu.Lock()
	defer n.mu.Unlock()
	conn, err := n.connect(ctx)
	if err != nil {
		return fmt.Errorf("could not show a notification: %w", err)
	}
	hints := map[string]dbus.Variant{"desktop-entry": dbus.MakeVariant(AppID)}
	call := conn.Object(service, path).CallWithContext(ctx, method, 0,
		AppName, n.last, n.icon, title, body, []string{}, hints, int32(-1))
	var id uint32
	if err := call.Store(&id); err != nil {
		var dbusErr dbus.Error
		if errors.As(err, &dbusErr) && dbusErr.Name == "org.freedesktop.DBus.Error.ServiceUnknown" {
			return ErrNoServer
		}
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return fmt.Errorf("could not show a notification: %w", err)
	}
	n.last = id
	return nil
}

// Close ends the connection to the bus.
func (n *Notifier) Close() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.conn == nil {
		return nil
	}
	err := n.conn.Close()
	n.conn = nil
	return err
}

// connect returns the bus connection, opening it if needed. It never
// starts a bus of its own (no dbus-launch): without a session bus there is
// nobody to show a notice.
func (n *Notifier) connect(ctx context.Context) (*dbus.Conn, error) {
	if n.conn != nil && n.conn.Connected() {
		return n.conn, nil
	}
	type result struct {
		conn *dbus.Conn
		err  error
	}
	done := make(chan result, 1)
	go func() {
		conn, err := dbus.SessionBusPrivateNoAutoStartup()
		if err == nil {
			if err = conn.Auth(nil); err == nil {
				err = conn.Hello()
			}
			if err != nil {
				conn.Close()
			}
		}
		done <- result{conn, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		n.conn = r.conn
		return r.conn, nil
	case <-ctx.Done():
		go func() { // close it if it ever connects
			if r := <-done; r.err == nil {
				r.conn.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// iconFile writes the app's icon to the user's cache folder once (named by
// its content, so a new icon gets a new file) and returns its path, or the
// icon theme's name for the app when that fails.
func iconFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return AppID
	}
	sum := sha256.Sum256(assets.IconPNG)
	p := filepath.Join(dir, "iobeya-token", "icon-"+hex.EncodeToString(sum[:6])+".png")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return AppID
	}
	// Through a file of its own, so the tray and the window writing at
	// once never leave half an icon.
	f, err := os.CreateTemp(filepath.Dir(p), ".icon-*")
	if err != nil {
		return AppID
	}
	defer os.Remove(f.Name()) // nothing left to remove after the rename
	_, err = f.Write(assets.IconPNG)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		return AppID
	}
	return p
}

// withDeadline gives ctx DefaultTimeout when it has no deadline.
func withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, DefaultTimeout)
}
