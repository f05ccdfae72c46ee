package main

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
)

// memClipboard is a clipboard in memory.
type memClipboard struct {
	mu   sync.Mutex
	text string
}

func (m *memClipboard) Write(_ context.Context, text string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.text = text
	return nil
}

func (m *memClipboard) Read(context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.text, nil
}

func (m *memClipboard) get() string { s, _ := m.Read(context.Background()); return s }

func newTestKeeper(cb *memClipboard) *clipKeeper {
	return &clipKeeper{
		post:   func(f func()) { f() },
		system: func() (clipboard.Clipboard, error) { return cb, nil },
	}
}

func put(t *testing.T, k *clipKeeper, value string, delay time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	k.put(value, delay, func(err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// waitClipboard waits until the clipboard holds want.
func waitClipboard(t *testing.T, cb *memClipboard, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for cb.get() != want {
		if time.Now().After(deadline) {
			t.Fatalf("the clipboard holds %q, want %q", cb.get(), want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestClipboardCountdown: the copy is cleared after the delay if the
// clipboard still holds it; what the user copied since is left alone.
func TestClipboardCountdown(t *testing.T) {
	cb := &memClipboard{}
	k := newTestKeeper(cb)
	put(t, k, "Bearer one", 50*time.Millisecond)
	waitClipboard(t, cb, "")

	put(t, k, "Bearer two", 50*time.Millisecond)
	_ = cb.Write(context.Background(), "the user's own text")
	time.Sleep(200 * time.Millisecond) // past the countdown: nothing to wait for
	if got := cb.get(); got != "the user's own text" {
		t.Fatalf("the user's text became %q", got)
	}
}

// TestClipboardQuit: quitting clears our copy at once; a delay of 0 never
// clears.
func TestClipboardQuit(t *testing.T) {
	cb := &memClipboard{}
	k := newTestKeeper(cb)
	put(t, k, "Bearer one", time.Hour)
	k.quit()
	if got := cb.get(); got != "" {
		t.Fatalf("after quit the clipboard holds %q", got)
	}
	put(t, k, "Bearer kept", 0)
	k.quit()
	if got := cb.get(); got != "Bearer kept" {
		t.Fatalf("with no countdown, quit changed the clipboard to %q", got)
	}
}
