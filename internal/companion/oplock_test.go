package companion

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// TestPlatformChangesWhileSignInWaits: changing the platform while a
// sign-in waits for the browser proceeds at once (it used to wait for the
// sign-in, then fail on its deadline), and the sign-in, finished later,
// keeps nothing for the platform no longer in use.
func TestPlatformChangesWhileSignInWaits(t *testing.T) {
	e := newEnv(t)
	other, err := sandbox.Start(sandbox.Config{AutoApprove: "alice@example.com", Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })

	links := make(chan string, 1)
	type result struct {
		acct Account
		err  error
	}
	done := make(chan result, 1)
	go func() {
		acct, err := e.core.Login(context.Background(), LoginOptions{
			NoBrowser: true,
			Timeout:   time.Minute,
			OnURL:     func(link string, _ bool) { links <- link },
		})
		done <- result{acct, err}
	}()
	var link string
	select {
	case link = <-links:
	case r := <-done:
		t.Fatalf("Login ended before waiting for the browser: %+v, %v", r.acct, r.err)
	case <-time.After(20 * time.Second):
		t.Fatal("the sign-in link never came")
	}

	// The sign-in now waits for the browser; the platform changes anyway.
	changed := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		changed <- e.core.SetPlatform(ctx, other.URL(), false)
	}()
	select {
	case err := <-changed:
		if err != nil {
			t.Fatalf("SetPlatform during the sign-in: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("SetPlatform waited for the sign-in's browser")
	}

	follow(link) // the browser comes back, for the previous platform
	r := <-done
	if !errors.Is(r.err, ErrPlatformChanged) {
		t.Fatalf("Login = %+v, %v; want ErrPlatformChanged", r.acct, r.err)
	}
	if got := e.core.Settings(); got.Platform != other.URL() || got.Account != "" {
		t.Errorf("settings after the sign-in: %+v", got)
	}
	if e.has("session") {
		t.Error("a session of the previous platform was stored")
	}
	if n := e.srv.Count(sandbox.EndpointRevoke); n != 1 {
		t.Errorf("%d revocations on the previous platform, want 1 (the unused session)", n)
	}
}

// TestOperationLockHonoursContext: waiting for the operation lock ends
// with the caller's context.
func TestOperationLockHonoursContext(t *testing.T) {
	e := newEnv(t)
	if err := e.core.op.lock(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error, 1)
	go func() { got <- e.core.SetPlatform(ctx, e.srv.URL(), false) }()
	cancel()
	if err := <-got; !errors.Is(err, context.Canceled) {
		t.Fatalf("SetPlatform while the lock is held, then cancelled = %v, want context.Canceled", err)
	}
	e.core.op.unlock()
	if err := e.core.SetPlatform(context.Background(), e.srv.URL(), false); err != nil {
		t.Fatalf("SetPlatform once the lock is free: %v", err)
	}
}

// TestLoginReportsASessionLeftBehind: when the settings cannot be saved
// after the sign-in, the session is removed again; if that fails too, the
// error says so instead of dropping it.
func TestLoginReportsASessionLeftBehind(t *testing.T) {
	stuck := errors.New("the keychain refuses to delete")
	e := newEnv(t, func(_ *sandbox.Config, c *Config) {
		c.Keychain = &faultyKeychain{Keychain: c.Keychain, delErr: stuck}
	})
	// The settings folder becomes a file: settings.json cannot be written.
	if err := os.RemoveAll(e.dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.dir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := e.core.Login(context.Background(), LoginOptions{Timeout: 20 * time.Second})
	var se *SettingsError
	if !errors.As(err, &se) {
		t.Fatalf("Login = %v, want the settings error", err)
	}
	if !errors.Is(err, stuck) {
		t.Fatalf("Login = %v: the session left in the keychain is not reported", err)
	}
	if !e.has("session") {
		t.Fatal("the fake keychain deleted the session after all: the test proves nothing")
	}
}
