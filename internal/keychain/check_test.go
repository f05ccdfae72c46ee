package keychain

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

// staleBackend silently keeps the first value written to each entry, like
// a keychain that drops updates.
type staleBackend struct {
	mu      sync.Mutex
	entries map[string]string
}

func (b *staleBackend) Get(service, account string) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if v, ok := b.entries[service+"\n"+account]; ok {
		return v, nil
	}
	return "", ErrNotFound
}

func (b *staleBackend) Set(service, account, secret string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.entries[service+"\n"+account]; !ok {
		b.entries[service+"\n"+account] = secret
	}
	return nil
}

func (b *staleBackend) Delete(string, string) error { return nil }

func TestCheckDetectsDroppedWrites(t *testing.T) {
	b := &staleBackend{entries: map[string]string{}}
	// A consistent, complete dummy from an earlier check.
	for k, e := range split(strings.Repeat("e", DefaultEntrySize+100), DefaultEntrySize, newWriteID()) {
		name := checkAccount
		if k > 0 {
			name = chunkAccount(checkAccount, k+1)
		}
		b.entries[checkService+"\n"+name] = e
	}
	err := New(WithBackend(b)).Check(context.Background())
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(errors.Unwrap(err).Error(), "differs") {
		t.Errorf("Check = %v, want ErrCorrupt saying the secret read back differs", err)
	}
}
