package signin

import (
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// BenchmarkSignIn measures one complete sign-in against the in-process
// sandbox with the HTTP browser double: discovery (cached after the first),
// listener, authorization, callback, code exchange, and closing.
func BenchmarkSignIn(b *testing.B) {
	srv := startSandbox(b, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(b, srv.URL())
	b.ReportAllocs()
	for b.Loop() {
		br := newBrowser(b)
		if _, err := SignIn(b.Context(), Config{Client: c, Opener: br}); err != nil {
			b.Fatal(err)
		}
	}
}
