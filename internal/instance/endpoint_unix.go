//go:build unix

package instance

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
)

// listenEndpoint makes the endpoint, a Unix domain socket in the private
// dir, and returns it with its name. The caller holds the lock, so any
// socket there is a leftover of an agent that died without cleaning up.
func listenEndpoint(ctx context.Context, dir string) (net.Listener, string, error) {
	path := filepath.Join(dir, "agent.sock")
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, "", err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "unix", path)
	return ln, path, err
}

// dialEndpoint connects to the endpoint in dir.
func dialEndpoint(ctx context.Context, dir string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "unix", filepath.Join(dir, "agent.sock"))
}

// removeEndpoint removes the socket file once the listener is closed.
func removeEndpoint(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
