package keychain_test

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/iobeya-token/iobeya-token/internal/keychain"
)

// memBackend is an in-memory keychain whose entries tests can look at and
// damage. failSetAfter > 0 makes every Set after that many fail.
type memBackend struct {
	mu           sync.Mutex
	entries      map[string]string // service + "\n" + account → secret
	sets         int
	failSetAfter int
}

func newMem() *memBackend { return &memBackend{entries: map[string]string{}} }

func key(service, account string) string { return service + "\n" + account }

func (m *memBackend) Get(service, account string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[key(service, account)]
	if !ok {
		return "", keychain.ErrNotFound
	}
	return v, nil
}

func (m *memBackend) Set(service, account, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sets++
	if m.failSetAfter > 0 && m.sets > m.failSetAfter {
		return errBackend
	}
	m.entries[key(service, account)] = secret
	return nil
}

func (m *memBackend) Delete(service, account string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.entries[key(service, account)]; !ok {
		return keychain.ErrNotFound
	}
	delete(m.entries, key(service, account))
	return nil
}

// accounts lists the accounts stored under service, sorted.
func (m *memBackend) accounts(service string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m.entries)) {
		if s, a, _ := strings.Cut(k, "\n"); s == service {
			out = append(out, a)
		}
	}
	return out
}

func (m *memBackend) raw(service, account string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[key(service, account)]
	return v, ok
}

func (m *memBackend) put(service, account, v string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[key(service, account)] = v
}

func (m *memBackend) remove(service, account string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.entries, key(service, account))
}

// hungBackend never answers until released. Every call that reaches it is
// announced on entered.
type hungBackend struct {
	entered chan string
	release chan struct{}
}

func newHung() *hungBackend {
	return &hungBackend{entered: make(chan string, 64), release: make(chan struct{})}
}

func (h *hungBackend) wait(op string) {
	h.entered <- op
	<-h.release
}

func (h *hungBackend) Get(string, string) (string, error) { h.wait("get"); return "", errBackend }
func (h *hungBackend) Set(string, string, string) error   { h.wait("set"); return errBackend }
func (h *hungBackend) Delete(string, string) error        { h.wait("delete"); return errBackend }

// namedBackend reports its own name to BackendName.
type namedBackend struct{ *memBackend }

func (namedBackend) Name() string { return "test keychain" }
