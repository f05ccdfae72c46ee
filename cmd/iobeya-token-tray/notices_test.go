package main

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// fakeSender records notices.
type fakeSender struct {
	mu     sync.Mutex
	titles []string
	sent   chan struct{}
}

func (f *fakeSender) Send(_ context.Context, title, _ string) error {
	f.mu.Lock()
	f.titles = append(f.titles, title)
	f.mu.Unlock()
	f.sent <- struct{}{}
	return nil
}

func newFakeNotices(dir string) (*notices, *fakeSender) {
	s := &fakeSender{sent: make(chan struct{}, 8)}
	n := &notices{path: filepath.Join(dir, noticesFile), sent: map[string]glance.Sent{}, expiry: s, other: s}
	return n, s
}

// TestExpiryNoticeOnce: the warning goes once per token, also across a
// restart of the tray program, and again for another token a day later.
func TestExpiryNoticeOnce(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	st := companion.Status{Platform: "acme.iobeya.com", SignedIn: true, State: companion.StateExpiring, TokenID: "pat-1", ExpiresAt: now.Add(3 * glance.Day)}

	n, s := newFakeNotices(dir)
	n.maybe(words.English(), st, now)
	<-s.sent
	n.maybe(words.English(), st, now.Add(time.Hour))

	again, s2 := newFakeNotices(dir)
	loaded := newNotices(dir) // what a restart reads back
	again.sent = loaded.sent
	again.maybe(words.English(), st, now.Add(2*time.Hour))
	other := st
	other.TokenID = "pat-2"
	again.maybe(words.English(), other, now.Add(3*time.Hour)) // the same day: not yet
	again.maybe(words.English(), other, now.Add(25*time.Hour))
	<-s2.sent
	select {
	case <-s.sent:
		t.Fatal("the warning was sent twice for one token")
	case <-s2.sent:
		t.Fatal("a notice was sent twice within a day")
	case <-time.After(200 * time.Millisecond):
	}
	if len(s.titles) != 1 || len(s2.titles) != 1 || s.titles[0] != "Your iObeya token expires in 3 days" {
		t.Fatalf("sent %q then %q", s.titles, s2.titles)
	}
}
