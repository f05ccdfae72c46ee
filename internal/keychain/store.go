package keychain

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Default deadlines. A read that takes longer than a few seconds means a
// stuck keychain; a write may sit behind an unlock prompt for a while.
const (
	DefaultReadTimeout  = 3 * time.Second
	DefaultWriteTimeout = 10 * time.Second
)

// maxInFlight bounds the backend calls of one Store that may be running at
// once, hung ones included (see Store.call).
const maxInFlight = 4

// Service and account of the entry Check writes and removes.
const (
	checkService = "iobeya-token:keychain-check"
	checkAccount = "check"
)

// Store reads and writes secrets in the OS keychain with a deadline on
// every call. A Store is safe for concurrent use; the backend it talks to
// may not be (go-keyring's mock is not).
type Store struct {
	backend      Backend
	readTimeout  time.Duration
	writeTimeout time.Duration
	entrySize    int
	slots        chan struct{}
}

// Option tunes a Store.
type Option func(*Store)

// WithReadTimeout bounds Get (default 3 s). It must be positive.
func WithReadTimeout(d time.Duration) Option { return func(s *Store) { s.readTimeout = d } }

// WithWriteTimeout bounds Set, Delete and Check (default 10 s). It must be
// positive.
func WithWriteTimeout(d time.Duration) Option { return func(s *Store) { s.writeTimeout = d } }

// WithChunkSize sets the largest entry written, framing included (default
// DefaultEntrySize, at least MinEntrySize). Tests use small sizes to
// exercise chunking with small secrets.
func WithChunkSize(n int) Option { return func(s *Store) { s.entrySize = n } }

// WithBackend replaces the OS keychain, for tests (a backend that hangs,
// or counts calls). It must not be nil.
func WithBackend(b Backend) Option { return func(s *Store) { s.backend = b } }

// New returns a Store over the OS keychain. It panics on an invalid option,
// which is a programming error caught on the first run.
func New(opts ...Option) *Store {
	s := &Store{
		backend:      goKeyring{},
		readTimeout:  DefaultReadTimeout,
		writeTimeout: DefaultWriteTimeout,
		entrySize:    DefaultEntrySize,
		slots:        make(chan struct{}, maxInFlight),
	}
	for _, opt := range opts {
		opt(s)
	}
	switch {
	case s.backend == nil:
		panic("keychain: WithBackend(nil)")
	case s.readTimeout <= 0, s.writeTimeout <= 0:
		panic(fmt.Sprintf("keychain: timeouts must be positive (read %v, write %v)", s.readTimeout, s.writeTimeout))
	case s.entrySize < MinEntrySize:
		panic(fmt.Sprintf("keychain: WithChunkSize(%d): at least %d bytes", s.entrySize, MinEntrySize))
	}
	return s
}

// ServiceFor names the keychain service of a platform, so that several
// platforms coexist: "iobeya-token:" + host.
func ServiceFor(host string) string { return "iobeya-token:" + host }

// BackendName names the OS keychain in use, for diagnostics.
func (s *Store) BackendName() string {
	if n, ok := s.backend.(interface{ Name() string }); ok {
		return n.Name()
	}
	return backendName
}

// chunkSuffix matches account names reserved for chunks.
var chunkSuffix = regexp.MustCompile(`#[0-9]+$`)

func checkNames(service, account string) error {
	if service == "" || account == "" {
		return errors.New("keychain: service and account must not be empty")
	}
	if chunkSuffix.MatchString(account) {
		return fmt.Errorf("keychain: account %q ends like a chunk's name (#<number>)", account)
	}
	return nil
}

// Get returns the secret stored under service and account. Errors are
// *Error (or a plain error for an empty or reserved name): ErrNotFound when nothing is stored (a normal state), ErrCorrupt
// when a chunked secret is incomplete or mixed, ErrUnavailable, ErrTimeout.
func (s *Store) Get(ctx context.Context, service, account string) (string, error) {
	if err := checkNames(service, account); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, s.readTimeout)
	defer cancel()
	secret, err := s.get(ctx, service, account)
	return secret, wrap(OpGet, err)
}

func (s *Store) get(ctx context.Context, service, account string) (string, error) {
	first, err := s.call(ctx, func() (string, error) { return s.backend.Get(service, account) })
	if err != nil {
		if s.gone(ctx, service, account, err) {
			return "", ErrNotFound
		}
		return "", err
	}
	return assemble(first, func(k int) (string, error) {
		entry, err := s.call(ctx, func() (string, error) { return s.backend.Get(service, chunkAccount(account, k)) })
		if classify(err) == ErrNotFound {
			return "", errChunkMissing
		}
		return entry, err
	})
}

// Set stores secret under service and account, replacing what was there.
// Secrets over MaxSecretSize are refused with ErrTooLarge. Large secrets
// are split across entries (see frame.go); chunks are written before the
// first entry, so an interrupted write is detected by the next Get rather
// than returned.
func (s *Store) Set(ctx context.Context, service, account, secret string) error {
	if err := checkNames(service, account); err != nil {
		return err
	}
	if len(secret) > MaxSecretSize {
		return NewError(OpSet, ErrTooLarge, fmt.Errorf("%d bytes, at most %d", len(secret), MaxSecretSize))
	}
	ctx, cancel := context.WithTimeout(ctx, s.writeTimeout)
	defer cancel()
	return wrap(OpSet, s.set(ctx, service, account, secret))
}

func (s *Store) set(ctx context.Context, service, account, secret string) error {
	entries := split(secret, s.entrySize, newWriteID())
	for k := len(entries); k >= 1; k-- {
		name := account
		if k > 1 {
			name = chunkAccount(account, k)
		}
		if _, err := s.call(ctx, func() (string, error) { return "", s.backend.Set(service, name, entries[k-1]) }); err != nil {
			return err
		}
	}
	// Chunks of a longer earlier secret are left over. They cannot be read
	// as part of this one (their write id differs), and they live in the
	// keychain anyway, so failing to remove them does not fail the write.
	_ = s.deleteChunksFrom(ctx, service, account, len(entries)+1, 0)
	return nil
}

// Delete removes the secret under service and account, all its chunks
// included. Deleting what is not there is not an error: it returns nil.
func (s *Store) Delete(ctx context.Context, service, account string) error {
	if err := checkNames(service, account); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.writeTimeout)
	defer cancel()
	return wrap(OpDelete, s.delete(ctx, service, account))
}

func (s *Store) delete(ctx context.Context, service, account string) error {
	first, err := s.call(ctx, func() (string, error) { return s.backend.Get(service, account) })
	if err != nil && s.gone(ctx, service, account, err) {
		err = ErrNotFound
	}
	known := 0 // chunks the header announces; a damaged header announces none
	switch kind := classify(err); {
	case err == nil:
		if n, _, _, _, perr := parseHeader(first); perr == nil {
			known = n
		}
		if err := s.deleteEntry(ctx, service, account); err != nil {
			return err
		}
	case kind != ErrNotFound:
		return err
	}
	// Also when entry 1 is gone: chunks of an interrupted write may remain.
	return s.deleteChunksFrom(ctx, service, account, 2, known)
}

// deleteChunksFrom deletes chunk from, from+1, … of account: every chunk up
// to known, then on until one is missing.
func (s *Store) deleteChunksFrom(ctx context.Context, service, account string, from, known int) error {
	for k := from; k <= maxChunks; k++ {
		_, err := s.call(ctx, func() (string, error) { return "", s.backend.Delete(service, chunkAccount(account, k)) })
		if err != nil && s.gone(ctx, service, chunkAccount(account, k), err) {
			err = ErrNotFound
		}
		if err == nil || (classify(err) == ErrNotFound && k <= known) {
			continue
		}
		if classify(err) == ErrNotFound {
			return nil
		}
		return err
	}
	return nil
}

func (s *Store) deleteEntry(ctx context.Context, service, account string) error {
	_, err := s.call(ctx, func() (string, error) { return "", s.backend.Delete(service, account) })
	if classify(err) == ErrNotFound || err != nil && s.gone(ctx, service, account, err) {
		return nil
	}
	return err
}

// gone says whether err, which looks like an unavailable keychain, was in
// fact an entry deleted under our feet: the Secret Service finds an item,
// then reports "no such object" when another process deleted it before the
// item could be read or deleted. Asking once more tells the two apart, so
// "already gone" is never reported as "no keychain service is running".
func (s *Store) gone(ctx context.Context, service, account string, err error) bool {
	if classify(err) != ErrUnavailable || errors.Is(err, errNoSession) {
		return false
	}
	_, again := s.call(ctx, func() (string, error) { return s.backend.Get(service, account) })
	return classify(again) == ErrNotFound
}

// Check stores a dummy secret large enough to be chunked under a service
// of its own, reads it back and deletes it: the keychain health check of
// `iobeya-token doctor`.
func (s *Store) Check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.writeTimeout)
	defer cancel()
	return wrap(OpCheck, s.check(ctx))
}

func (s *Store) check(ctx context.Context) error {
	var dummy []byte
	for len(dummy) <= s.entrySize {
		dummy = append(dummy, newWriteID()...)
	}
	if err := s.set(ctx, checkService, checkAccount, string(dummy)); err != nil {
		return err
	}
	got, err := s.get(ctx, checkService, checkAccount)
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(got), dummy) != 1 {
		return corrupt("the secret read back differs from the one saved")
	}
	return s.delete(ctx, checkService, checkAccount)
}

// call runs one backend call with ctx's deadline. go-keyring takes no
// context, so the call runs on its own goroutine and call returns when ctx
// ends, leaving a hung call's goroutine behind. That leak is bounded: at
// most maxInFlight calls of a Store run at once, and when all of them hang
// further calls wait for a free slot until their own deadline instead of
// starting a goroutine.
func (s *Store) call(ctx context.Context, f func() (string, error)) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	type result struct {
		value string
		err   error
	}
	done := make(chan result, 1) // buffered: a late answer never blocks the goroutine
	go func() {
		defer func() { <-s.slots }()
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.value, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
