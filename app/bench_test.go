package app

import (
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// BenchmarkTick measures one countdown wake-up on the token card: what the
// app does once a minute at most while it sits in the tray.
func BenchmarkTick(b *testing.B) {
	h := newHarness(b, statusWith(companion.StateValid)).start()
	b.ResetTimer()
	for b.Loop() {
		h.clock.Advance(time.Minute)
	}
}
