package companion

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// TestOperationsBoundThemselves: front ends pass a context without a
// deadline (context.Background here); a keychain or a platform that never
// answers still ends each operation, on the core's own deadlines.
func TestOperationsBoundThemselves(t *testing.T) {
	const short = 100 * time.Millisecond
	ops := []struct {
		name string
		run  func(c *Core) error
	}{
		{"status", func(c *Core) error { _, err := c.Status(context.Background(), false); return err }},
		{"header", func(c *Core) error { _, err := c.Header(context.Background(), FormatBearer); return err }},
		{"generate", func(c *Core) error { _, err := c.Generate(context.Background(), true); return err }},
		{"revoke", func(c *Core) error { return c.Revoke(context.Background()) }},
		{"login", func(c *Core) error {
			_, err := c.Login(context.Background(), LoginOptions{NoBrowser: true, Timeout: time.Hour})
			return err
		}},
	}
	for _, op := range ops {
		t.Run("keychain hangs/"+op.name, func(t *testing.T) {
			e := newEnv(t, func(_ *sandbox.Config, c *Config) { c.KeychainTimeout = short })
			e.generate()
			e.core.cfg.Keychain = &faultyKeychain{Keychain: e.kc, hang: true}
			if err := within(t, func() error { return op.run(e.core) }); !errors.Is(err, keychain.ErrTimeout) {
				t.Fatalf("%s = %v, want keychain.ErrTimeout", op.name, err)
			}
		})
	}
	t.Run("platform hangs/set platform", func(t *testing.T) {
		e := newEnv(t, func(_ *sandbox.Config, c *Config) { c.CallTimeout = short })
		e.srv.SetLatency(time.Hour)
		defer e.srv.SetLatency(0)
		if err := within(t, func() error { return e.core.SetPlatform(context.Background(), e.srv.URL(), false) }); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("SetPlatform = %v, want a deadline", err)
		}
	})
}

// within runs f and fails the test if it has not returned after a while:
// far longer than the deadlines under test, so only a missing one trips it.
func within(t *testing.T, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("still waiting after 30 s: no deadline ended it")
		return nil
	}
}
