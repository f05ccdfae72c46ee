package cli

import (
	"context"
	"io"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// benchEnv is a signed-in user with a token, on the mock keychain.
func benchEnv(b *testing.B) *env {
	b.Helper()
	e := newEnv(b, sandbox.Config{})
	e.login()
	e.must("generate", "--yes")
	return e
}

// BenchmarkStatusOffline measures `iobeya-token status --offline`: settings
// file, keychain reads (session, token), token inspection, formatting.
func BenchmarkStatusOffline(b *testing.B) {
	e := benchEnv(b)
	stdio := e.io("", false, io.Discard, io.Discard)
	for b.Loop() {
		if code := Run(context.Background(), []string{"status", "--offline"}, stdio); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCopyPath measures `iobeya-token copy --clear-after 0` with a fake
// clipboard: keychain read, format, clipboard write.
func BenchmarkCopyPath(b *testing.B) {
	e := benchEnv(b)
	stdio := e.io("", false, io.Discard, io.Discard)
	for b.Loop() {
		if code := Run(context.Background(), []string{"copy", "--format", "powerautomate", "--clear-after", "0"}, stdio); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	if got := e.cb.content; len(got) < 100 || got[0] != '{' {
		b.Fatalf("the clipboard holds %q", got)
	}
}
