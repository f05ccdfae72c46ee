package demo

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestStartServesAndKeepsState(t *testing.T) {
	// A first run: the settings folder does not exist yet.
	dir := filepath.Join(t.TempDir(), "config", "iobeya-token")
	addr := freeAddr(t)
	p, err := start(context.Background(), dir, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Shared() {
		t.Fatal("the first start should serve the platform itself")
	}
	resp, err := http.Get(p.URL() + "/.well-known/oauth-authorization-server")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("discovery answered %d", resp.StatusCode)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, StateFile))
	if err != nil {
		t.Fatalf("the demo platform kept no state: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestSecondStartUsesTheRunningPlatform(t *testing.T) {
	addr := freeAddr(t)
	first, err := start(context.Background(), t.TempDir(), addr)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := start(context.Background(), t.TempDir(), addr)
	if err != nil {
		t.Fatalf("a second process should use the running demo platform: %v", err)
	}
	if !second.Shared() || second.URL() != first.URL() {
		t.Fatalf("second start: shared=%v url=%s, want the first's %s", second.Shared(), second.URL(), first.URL())
	}
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	// Closing the shared handle must not stop the platform.
	resp, err := http.Get(first.URL() + "/.well-known/oauth-authorization-server")
	if err != nil {
		t.Fatalf("the platform stopped when a user of it closed: %v", err)
	}
	resp.Body.Close()
}

func TestPortHeldByAnotherProgram(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>someone else</html>"))
	})}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	_, err = start(context.Background(), t.TempDir(), ln.Addr().String())
	if !errors.Is(err, ErrPortTaken) {
		t.Fatalf("got %v, want ErrPortTaken", err)
	}
}

func TestKeeperTakesOverWhenTheServingProcessQuits(t *testing.T) {
	addr := freeAddr(t)
	dir := t.TempDir()
	// Another process serves the demo platform (here: another Keeper).
	owner := NewKeeper(dir, addr)
	if _, err := owner.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	user := NewKeeper(dir, addr)
	url, err := user.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer user.Close()
	hc := &http.Client{Transport: user.Transport(nil)}

	// The owner quits; the user's next request still gets an answer.
	if err := owner.Close(); err != nil {
		t.Fatal(err)
	}
	resp, err := hc.Get(url + "/.well-known/oauth-authorization-server")
	if err != nil {
		t.Fatalf("the demo platform was not taken over: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("discovery answered %d after the take-over", resp.StatusCode)
	}
	if user.p.Shared() {
		t.Fatal("after the take-over this process should serve the platform")
	}
}

func TestKeeperLeavesOtherPlatformsAlone(t *testing.T) {
	addr := freeAddr(t)
	k := NewKeeper(t.TempDir(), addr)
	hc := &http.Client{Transport: k.Transport(nil)}
	// Nothing listens at another loopback address: the error is returned
	// as is, and no demo platform is started.
	_, err := hc.Get("http://" + freeAddr(t) + "/")
	if err == nil {
		t.Fatal("expected a refused connection")
	}
	if k.p != nil {
		t.Fatal("a request to another platform started the demo platform")
	}
	// Nor does a refused connection to the demo address when this
	// process never asked for the demo platform.
	if _, err := hc.Get("http://" + addr + "/"); err == nil {
		t.Fatal("expected a refused connection")
	}
	if k.p != nil {
		t.Fatal("the demo platform was started without being asked for")
	}
}

func TestAddrFromEnv(t *testing.T) {
	tests := []struct {
		value, want string
		ok          bool
	}{
		{"", Addr, true},
		{"127.0.0.1:50000", "127.0.0.1:50000", true},
		{" 127.0.0.1:50000 ", "127.0.0.1:50000", true},
		{"0.0.0.0:50000", "", false},
		{"192.168.1.2:50000", "", false},
		{"localhost:50000", "", false},
		{"127.0.0.1", "", false},
		{"127.0.0.1:0", "", false},
		{"127.0.0.1:70000", "", false},
		{"127.0.0.1:http", "", false},
	}
	for _, tt := range tests {
		got, err := AddrFromEnv(func(k string) string {
			if k != AddrEnv {
				t.Fatalf("read %s", k)
			}
			return tt.value
		})
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("%q: got %q, %v; want %q, ok=%v", tt.value, got, err, tt.want, tt.ok)
		}
	}
}

// TestCommandWiring: before Start a command's requests go straight out;
// after it, the demo platform is served at the address the environment
// names, reachable through the command's client, until stopped.
func TestCommandWiring(t *testing.T) {
	addr := freeAddr(t)
	c := NewCommand(func(k string) string {
		if k == AddrEnv {
			return addr
		}
		return ""
	})
	hc := c.HTTPClient()
	discovery := "http://" + addr + "/.well-known/oauth-authorization-server"
	if resp, err := hc.Get(discovery); err == nil {
		resp.Body.Close()
		t.Fatal("the demo platform answered before Start")
	}
	url, stop, err := c.Start(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if url != "http://"+addr {
		t.Errorf("Start = %s, want http://%s", url, addr)
	}
	resp, err := hc.Get(discovery)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("discovery answered %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestKeeperFromEnvFallsBackToAddr(t *testing.T) {
	k, err := KeeperFromEnv(t.TempDir(), func(string) string { return "0.0.0.0:1" })
	if err == nil || k.addr != Addr {
		t.Fatalf("KeeperFromEnv with a non-loopback address = %s, %v; want Addr and an error", k.addr, err)
	}
}
