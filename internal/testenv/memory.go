package testenv

import (
	"strings"
	"sync"

	"github.com/zalando/go-keyring"
)

// MemKeychain is a keychain backend in memory (keychain.WithBackend), one
// per test: go-keyring's own mock is global to the process, so tests that
// run in parallel need their own.
type MemKeychain struct {
	mu sync.Mutex
	m  map[string]string
}

func (k *MemKeychain) key(service, account string) string { return service + "\x00" + account }

// Get returns the secret, or keyring.ErrNotFound.
func (k *MemKeychain) Get(service, account string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.m[k.key(service, account)]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

// Set keeps the secret.
func (k *MemKeychain) Set(service, account, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil {
		k.m = map[string]string{}
	}
	k.m[k.key(service, account)] = secret
	return nil
}

// Delete removes the secret, or says keyring.ErrNotFound.
func (k *MemKeychain) Delete(service, account string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.m[k.key(service, account)]; !ok {
		return keyring.ErrNotFound
	}
	delete(k.m, k.key(service, account))
	return nil
}

// SyncBuffer is a log that several goroutines may write to.
type SyncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is what was written.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
