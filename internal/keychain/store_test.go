package keychain_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/iobeya-token/iobeya-token/internal/keychain"
)

var errBackend = errors.New("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files")

const (
	service = "iobeya-token:acme.iobeya.com"
	account = "pat"
)

// secretOf returns a random secret of n bytes, JWT-like (base64url text).
func secretOf(n int) string {
	s := strings.Repeat(rand.Text(), n/26+1)
	return s[:n]
}

// assertKind checks err is a *keychain.Error of kind for op, in plain
// language, without secret in it.
func assertKind(t *testing.T, err error, op string, kind error, secret string) {
	t.Helper()
	var ke *keychain.Error
	if !errors.As(err, &ke) {
		t.Fatalf("error %v (%T), want a *keychain.Error", err, err)
	}
	if !errors.Is(err, kind) || ke.Op != op {
		t.Errorf("error {Op: %q, Kind: %v}, want {%q, %v}", ke.Op, ke.Kind, op, kind)
	}
	if secret != "" && strings.Contains(err.Error(), secret) {
		t.Errorf("error %q contains the secret", err)
	}
}

func TestServiceFor(t *testing.T) {
	if got := keychain.ServiceFor("acme.iobeya.com"); got != "iobeya-token:acme.iobeya.com" {
		t.Errorf("ServiceFor = %q", got)
	}
}

func TestRoundTripAtManySizes(t *testing.T) {
	sizes := []int{0, 1, 100, 1000, 2047, 2048, 2049, 3000, 5000, 10_000, 40_000, keychain.MaxSecretSize}
	for _, entry := range []int{keychain.MinEntrySize, 300, keychain.DefaultEntrySize} {
		for _, n := range sizes {
			t.Run(fmt.Sprintf("entry %d, secret %d", entry, n), func(t *testing.T) {
				mem := newMem()
				s := keychain.New(keychain.WithBackend(mem), keychain.WithChunkSize(entry))
				secret := secretOf(n)
				ctx := context.Background()
				if err := s.Set(ctx, service, account, secret); err != nil {
					t.Fatal(err)
				}
				got, err := s.Get(ctx, service, account)
				if err != nil || got != secret {
					t.Fatalf("Get = %d bytes, %v; want the %d bytes stored", len(got), err, n)
				}
				accounts := mem.accounts(service)
				wantChunks := n > entry
				if gotChunks := len(accounts) > 1; gotChunks != wantChunks {
					t.Errorf("stored as %d entries; chunked = %v, want %v", len(accounts), gotChunks, wantChunks)
				}
				for _, a := range accounts {
					if v, _ := mem.raw(service, a); len(v) > entry {
						t.Errorf("entry %q is %d bytes, over %d", a, len(v), entry)
					}
					if a != account && !strings.HasPrefix(a, account+"#") {
						t.Errorf("unexpected account %q", a)
					}
				}
				if err := s.Delete(ctx, service, account); err != nil {
					t.Fatal(err)
				}
				if left := mem.accounts(service); len(left) != 0 {
					t.Errorf("after Delete, entries left: %q", left)
				}
			})
		}
	}
}

func TestSmallSecretIsStoredPlain(t *testing.T) {
	mem := newMem()
	s := keychain.New(keychain.WithBackend(mem))
	secret := "eyJhbGciOiJSUzI1NiJ9." + secretOf(200)
	if err := s.Set(context.Background(), service, account, secret); err != nil {
		t.Fatal(err)
	}
	if v, _ := mem.raw(service, account); v != secret {
		t.Errorf("stored %q, want the secret as-is", v)
	}
}

func TestSecretLookingLikeAHeaderRoundTrips(t *testing.T) {
	for _, secret := range []string{"iobeya-chunk", "iobeya-chunked:v1:0001:0123456789abcdef:", "iobeya-chunk:v1:0002:0123456789abcdef:x"} {
		mem := newMem()
		s := keychain.New(keychain.WithBackend(mem))
		ctx := context.Background()
		if err := s.Set(ctx, service, account, secret); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Get(ctx, service, account); err != nil || got != secret {
			t.Errorf("Get(%q) = %q, %v", secret, got, err)
		}
		if v, _ := mem.raw(service, account); v == secret {
			t.Errorf("%q was stored plain, where it would read as a header", secret)
		}
	}
}

func TestOverwriteRemovesStaleChunks(t *testing.T) {
	mem := newMem()
	s := keychain.New(keychain.WithBackend(mem))
	ctx := context.Background()
	steps := []struct {
		size    int
		entries int
	}{{10_000, 6}, {5000, 3}, {100, 1}, {5000, 3}, {5000, 3}}
	for _, step := range steps {
		secret := secretOf(step.size)
		if err := s.Set(ctx, service, account, secret); err != nil {
			t.Fatal(err)
		}
		if got := mem.accounts(service); len(got) != step.entries {
			t.Errorf("after storing %d bytes: entries %q, want %d", step.size, got, step.entries)
		}
		if got, err := s.Get(ctx, service, account); err != nil || got != secret {
			t.Fatalf("Get after storing %d bytes = %d bytes, %v", step.size, len(got), err)
		}
	}
}

func TestPlatformsAndAccountsCoexist(t *testing.T) {
	mem := newMem()
	s := keychain.New(keychain.WithBackend(mem))
	ctx := context.Background()
	entries := map[[2]string]string{
		{keychain.ServiceFor("acme.iobeya.com"), "pat"}:           secretOf(900),
		{keychain.ServiceFor("acme.iobeya.com"), "refresh-token"}: secretOf(5000),
		{keychain.ServiceFor("other.iobeya.com"), "pat"}:          secretOf(4000),
	}
	for k, v := range entries {
		if err := s.Set(ctx, k[0], k[1], v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete(ctx, keychain.ServiceFor("other.iobeya.com"), "pat"); err != nil {
		t.Fatal(err)
	}
	for k, v := range entries {
		got, err := s.Get(ctx, k[0], k[1])
		if k[0] == keychain.ServiceFor("other.iobeya.com") {
			assertKind(t, err, keychain.OpGet, keychain.ErrNotFound, v)
			continue
		}
		if err != nil || got != v {
			t.Errorf("Get(%q, %q) = %d bytes, %v", k[0], k[1], len(got), err)
		}
	}
}

func TestDamagedEntriesAreReportedNotReturned(t *testing.T) {
	tests := []struct {
		name   string
		damage func(mem *memBackend, s *keychain.Store)
	}{
		{"missing chunk", func(mem *memBackend, _ *keychain.Store) { mem.remove(service, account+"#2") }},
		{"missing last chunk", func(mem *memBackend, _ *keychain.Store) { mem.remove(service, account+"#3") }},
		{"mixed writes", func(mem *memBackend, s *keychain.Store) {
			old, _ := mem.raw(service, account+"#2")
			if err := s.Set(context.Background(), service, account, secretOf(5000)); err != nil {
				panic(err)
			}
			mem.put(service, account+"#2", old)
		}},
		{"tampered checksum", func(mem *memBackend, _ *keychain.Store) {
			v, _ := mem.raw(service, account)
			parts := strings.SplitN(v, ":", 6) // magic, v1, count, id, checksum, data
			parts[4] = strings.Repeat("0", len(parts[4]))
			mem.put(service, account, strings.Join(parts, ":"))
		}},
		{"tampered data", func(mem *memBackend, _ *keychain.Store) {
			v, _ := mem.raw(service, account+"#3")
			mem.put(service, account+"#3", v[:len(v)-1]+"~")
		}},
		{"garbage header", func(mem *memBackend, _ *keychain.Store) {
			mem.put(service, account, "iobeya-chunked:v1:garbage")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := newMem()
			s := keychain.New(keychain.WithBackend(mem))
			secret := secretOf(5000) // three entries
			ctx := context.Background()
			if err := s.Set(ctx, service, account, secret); err != nil {
				t.Fatal(err)
			}
			tt.damage(mem, s)
			got, err := s.Get(ctx, service, account)
			if got != "" {
				t.Errorf("Get returned %d bytes of a damaged secret", len(got))
			}
			assertKind(t, err, keychain.OpGet, keychain.ErrCorrupt, secret[:40])
			if !strings.Contains(err.Error(), "damaged") {
				t.Errorf("error %q does not say the entry is damaged", err)
			}
			// A damaged secret can still be deleted, every chunk of it.
			if err := s.Delete(ctx, service, account); err != nil {
				t.Fatal(err)
			}
			if left := mem.accounts(service); len(left) != 0 {
				t.Errorf("after Delete, entries left: %q", left)
			}
		})
	}
}

func TestInterruptedWrite(t *testing.T) {
	ctx := context.Background()
	t.Run("over a plain secret, the old one stays readable", func(t *testing.T) {
		mem := newMem()
		s := keychain.New(keychain.WithBackend(mem))
		old := secretOf(500)
		if err := s.Set(ctx, service, account, old); err != nil {
			t.Fatal(err)
		}
		mem.failSetAfter = mem.sets + 2 // two chunks land, the first entry does not
		err := s.Set(ctx, service, account, secretOf(9000))
		assertKind(t, err, keychain.OpSet, keychain.ErrUnavailable, "")
		if got, err := s.Get(ctx, service, account); err != nil || got != old {
			t.Errorf("Get = %d bytes, %v; want the old secret", len(got), err)
		}
	})
	t.Run("over a chunked secret, detected", func(t *testing.T) {
		mem := newMem()
		s := keychain.New(keychain.WithBackend(mem))
		if err := s.Set(ctx, service, account, secretOf(9000)); err != nil {
			t.Fatal(err)
		}
		mem.failSetAfter = mem.sets + 2
		_ = s.Set(ctx, service, account, secretOf(9000))
		_, err := s.Get(ctx, service, account)
		assertKind(t, err, keychain.OpGet, keychain.ErrCorrupt, "")
	})
}

func TestDeleteRemovesOrphanChunks(t *testing.T) {
	mem := newMem()
	s := keychain.New(keychain.WithBackend(mem))
	ctx := context.Background()
	if err := s.Set(ctx, service, account, secretOf(9000)); err != nil {
		t.Fatal(err)
	}
	mem.remove(service, account) // as if a delete had stopped half-way
	if err := s.Delete(ctx, service, account); err != nil {
		t.Fatal(err)
	}
	if left := mem.accounts(service); len(left) != 0 {
		t.Errorf("after Delete, entries left: %q", left)
	}
}

func TestDeleteNothingIsNotAnError(t *testing.T) {
	keychain.MockInit()
	if err := keychain.New().Delete(context.Background(), service, account); err != nil {
		t.Errorf("Delete of nothing = %v, want nil", err)
	}
}

func TestNotFound(t *testing.T) {
	keychain.MockInit()
	_, err := keychain.New().Get(context.Background(), service, account)
	assertKind(t, err, keychain.OpGet, keychain.ErrNotFound, "")
	if want := "Could not read from the keychain. Nothing is stored there yet."; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestMockRoundTrip(t *testing.T) {
	keychain.MockInit()
	s := keychain.New()
	ctx := context.Background()
	secret := secretOf(5000)
	if err := s.Set(ctx, service, account, secret); err != nil {
		t.Fatal(err)
	}
	// Through go-keyring itself: the chunks are where the format says.
	if _, err := keyring.Get(service, account+"#3"); err != nil {
		t.Errorf("chunk 3 of a 5000-byte secret: %v", err)
	}
	if got, err := s.Get(ctx, service, account); err != nil || got != secret {
		t.Errorf("Get = %d bytes, %v", len(got), err)
	}
}

func TestBackendFailures(t *testing.T) {
	hint := map[string]string{
		"linux":   "No keychain service is running. On Linux, install and start GNOME Keyring or KWallet.",
		"darwin":  "The macOS Keychain could not be opened.",
		"windows": "Windows Credential Manager could not be used.",
	}[runtime.GOOS]
	secret := secretOf(100)
	tests := []struct {
		name    string
		backend error
		kind    error
	}{
		{"no Secret Service", errBackend, keychain.ErrUnavailable},
		{"no D-Bus session", errors.New("dbus: couldn't determine address of session bus"), keychain.ErrUnavailable},
		{"locked", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), keychain.ErrUnavailable}, // its own hint: TestLockedMessage
		{"entry too big for the backend", keyring.ErrSetDataTooBig, keychain.ErrTooLarge},
	}
	ops := []struct {
		op  string
		run func(*keychain.Store) error
	}{
		{keychain.OpGet, func(s *keychain.Store) error { _, err := s.Get(context.Background(), service, account); return err }},
		{keychain.OpSet, func(s *keychain.Store) error { return s.Set(context.Background(), service, account, secret) }},
		{keychain.OpDelete, func(s *keychain.Store) error { return s.Delete(context.Background(), service, account) }},
		{keychain.OpCheck, func(s *keychain.Store) error { return s.Check(context.Background()) }},
	}
	for _, tt := range tests {
		for _, op := range ops {
			t.Run(tt.name+"/"+op.op, func(t *testing.T) {
				keychain.MockInitWithError(tt.backend)
				err := op.run(keychain.New())
				assertKind(t, err, op.op, tt.kind, secret)
				if tt.kind == keychain.ErrUnavailable && tt.name != "locked" && hint != "" && !strings.HasSuffix(err.Error(), hint) {
					t.Errorf("message %q does not end with the hint %q", err, hint)
				}
				if !errors.Is(err, tt.backend) {
					t.Errorf("the backend's error is not kept for diagnostics: %v", err)
				}
			})
		}
	}
}

func TestUnavailableMessage(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("skipped: the exact Linux wording is checked on Linux")
	}
	keychain.MockInitWithError(errBackend)
	_, err := keychain.New().Get(context.Background(), service, account)
	want := "Could not read from the keychain. No keychain service is running. On Linux, install and start GNOME Keyring or KWallet."
	if err == nil || err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestLockedMessage(t *testing.T) {
	// What GNOME Keyring answers when the login keyring is locked and no
	// prompt can unlock it.
	keychain.MockInitWithError(errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"))
	err := keychain.New().Set(context.Background(), service, account, "x")
	var ke *keychain.Error
	if !errors.As(err, &ke) || !ke.Locked() || !errors.Is(err, keychain.ErrUnavailable) {
		t.Fatalf("got %v, want a locked ErrUnavailable", err)
	}
	if !strings.Contains(err.Error(), "The keychain is locked. Unlock it") {
		t.Errorf("message %q does not say the keychain is locked", err)
	}
	// The parts travel as fields: no caller splits the text again.
	if ke.Summary != "Could not save to the keychain" || !strings.HasPrefix(ke.Hint, "Unlock it") ||
		err.Error() != ke.Summary+". The keychain is locked. "+ke.Hint {
		t.Errorf("Summary %q, Hint %q, text %q", ke.Summary, ke.Hint, err)
	}
	keychain.MockInitWithError(errBackend)
	err = keychain.New().Set(context.Background(), service, account, "x")
	if !errors.As(err, &ke) || ke.Locked() {
		t.Errorf("a missing Secret Service counts as locked: %v", err)
	}
}

func TestTooLarge(t *testing.T) {
	mem := newMem()
	s := keychain.New(keychain.WithBackend(mem))
	secret := secretOf(keychain.MaxSecretSize + 1)
	err := s.Set(context.Background(), service, account, secret)
	assertKind(t, err, keychain.OpSet, keychain.ErrTooLarge, secret[:100])
	if mem.sets != 0 {
		t.Errorf("%d entries were written for a refused secret", mem.sets)
	}
}

func TestHungBackendTimesOut(t *testing.T) {
	ops := []struct {
		op  string
		run func(context.Context, *keychain.Store) error
	}{
		{keychain.OpGet, func(ctx context.Context, s *keychain.Store) error { _, err := s.Get(ctx, service, account); return err }},
		{keychain.OpSet, func(ctx context.Context, s *keychain.Store) error { return s.Set(ctx, service, account, "x") }},
		{keychain.OpDelete, func(ctx context.Context, s *keychain.Store) error { return s.Delete(ctx, service, account) }},
		{keychain.OpCheck, func(ctx context.Context, s *keychain.Store) error { return s.Check(ctx) }},
	}
	for _, op := range ops {
		t.Run(op.op, func(t *testing.T) {
			hung := newHung()
			defer close(hung.release)
			s := keychain.New(keychain.WithBackend(hung),
				keychain.WithReadTimeout(20*time.Millisecond), keychain.WithWriteTimeout(20*time.Millisecond))
			err := op.run(context.Background(), s)
			assertKind(t, err, op.op, keychain.ErrTimeout, "")
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%v does not wrap context.DeadlineExceeded", err)
			}
			if !strings.Contains(err.Error(), "did not answer in time") {
				t.Errorf("message %q does not say it did not answer in time", err)
			}
		})
	}
}

func TestCallerDeadlineAndCancel(t *testing.T) {
	t.Run("deadline already passed: the backend is not called", func(t *testing.T) {
		hung := newHung()
		defer close(hung.release)
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		_, err := keychain.New(keychain.WithBackend(hung)).Get(ctx, service, account)
		assertKind(t, err, keychain.OpGet, keychain.ErrTimeout, "")
		if len(hung.entered) != 0 {
			t.Errorf("the backend was called %d times", len(hung.entered))
		}
	})
	t.Run("cancelled while the backend hangs", func(t *testing.T) {
		hung := newHung()
		defer close(hung.release)
		s := keychain.New(keychain.WithBackend(hung)) // default deadlines: seconds
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- s.Set(ctx, service, account, "x") }()
		<-hung.entered
		cancel()
		err := <-done
		assertKind(t, err, keychain.OpSet, context.Canceled, "")
		if errors.Is(err, keychain.ErrTimeout) {
			t.Errorf("a cancel is reported as a timeout: %v", err)
		}
	})
}

// A hung backend costs a bounded number of goroutines: once four calls
// hang, later calls wait for a free slot and never reach the backend.
func TestHungBackendLeakIsBounded(t *testing.T) {
	hung := newHung()
	defer close(hung.release)
	s := keychain.New(keychain.WithBackend(hung))
	get := func(d time.Duration) error {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		_, err := s.Get(ctx, service, account)
		return err
	}
	for i := range 4 {
		if err := get(10 * time.Millisecond); !errors.Is(err, keychain.ErrTimeout) {
			t.Fatalf("call %d: %v, want a timeout", i+1, err)
		}
		<-hung.entered
	}
	done := make(chan error, 1)
	go func() { done <- get(300 * time.Millisecond) }()
	select {
	case <-hung.entered:
		t.Fatal("a fifth call reached the hung backend")
	case err := <-done:
		assertKind(t, err, keychain.OpGet, keychain.ErrTimeout, "")
	}
}

func TestCheck(t *testing.T) {
	mem := newMem()
	s := keychain.New(keychain.WithBackend(mem))
	if err := s.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	if mem.sets < 2 {
		t.Errorf("Check wrote %d entries; want a secret large enough to be chunked", mem.sets)
	}
	if len(mem.entries) != 0 {
		t.Errorf("Check left entries behind: %d", len(mem.entries))
	}
}

func TestBackendName(t *testing.T) {
	want := map[string]string{"linux": "Secret Service (D-Bus)", "darwin": "macOS Keychain", "windows": "Windows Credential Manager"}[runtime.GOOS]
	if got := keychain.New().BackendName(); want != "" && got != want {
		t.Errorf("BackendName = %q, want %q", got, want)
	}
	if got := keychain.New(keychain.WithBackend(namedBackend{newMem()})).BackendName(); got != "test keychain" {
		t.Errorf("BackendName with a named backend = %q", got)
	}
}

func TestInvalidNames(t *testing.T) {
	mem := newMem()
	s := keychain.New(keychain.WithBackend(mem))
	ctx := context.Background()
	for _, n := range [][2]string{{"", account}, {service, ""}, {service, "pat#2"}, {service, "a#17"}} {
		if err := s.Set(ctx, n[0], n[1], "x"); err == nil {
			t.Errorf("Set(%q, %q) accepted", n[0], n[1])
		}
		if _, err := s.Get(ctx, n[0], n[1]); err == nil {
			t.Errorf("Get(%q, %q) accepted", n[0], n[1])
		}
		if err := s.Delete(ctx, n[0], n[1]); err == nil {
			t.Errorf("Delete(%q, %q) accepted", n[0], n[1])
		}
	}
	if mem.sets != 0 {
		t.Errorf("%d entries written under invalid names", mem.sets)
	}
	// A '#' elsewhere is fine: e-mail addresses may hold one.
	if err := s.Set(ctx, service, "bob#2@example.com", "x"); err != nil {
		t.Errorf("Set under an e-mail address with '#': %v", err)
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  keychain.Option
	}{
		{"nil backend", keychain.WithBackend(nil)},
		{"zero read timeout", keychain.WithReadTimeout(0)},
		{"negative write timeout", keychain.WithWriteTimeout(-time.Second)},
		{"tiny chunks", keychain.WithChunkSize(keychain.MinEntrySize - 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("New accepted it")
				}
			}()
			keychain.New(tt.opt)
		})
	}
}

// racyBackend plays a second process that deletes each entry between the
// Secret Service finding it and acting on it: the call then fails the way
// D-Bus does for an object that no longer exists.
type racyBackend struct{ *memBackend }

var errNoSuchObject = errors.New("org.freedesktop.Secret.Error.NoSuchObject: No such secret item at path: /org/freedesktop/secrets/collection/login/7")

func (r racyBackend) Get(service, account string) (string, error) {
	if _, ok := r.raw(service, account); ok {
		r.remove(service, account)
		return "", errNoSuchObject
	}
	return r.memBackend.Get(service, account)
}

func (r racyBackend) Delete(service, account string) error {
	if _, ok := r.raw(service, account); ok {
		r.remove(service, account)
		return errNoSuchObject
	}
	return r.memBackend.Delete(service, account)
}

// TestDeletedMeanwhileIsNotUnavailable: an entry another process deletes
// while we read or delete it is gone, not "no keychain service".
func TestDeletedMeanwhileIsNotUnavailable(t *testing.T) {
	ctx := t.Context()
	for _, op := range []string{"delete", "get"} {
		mem := newMem()
		mem.put("svc", "acct", "secret")
		s := keychain.New(keychain.WithBackend(racyBackend{mem}))
		var err error
		if op == "delete" {
			err = s.Delete(ctx, "svc", "acct")
		} else {
			_, err = s.Get(ctx, "svc", "acct")
		}
		if op == "delete" && err != nil || op == "get" && !errors.Is(err, keychain.ErrNotFound) {
			t.Errorf("%s of an entry deleted meanwhile = %v; want it gone, not unavailable", op, err)
		}
		if errors.Is(err, keychain.ErrUnavailable) {
			t.Errorf("%s: %v", op, err)
		}
	}
	// A keychain that really is unavailable stays so.
	s := keychain.New(keychain.WithBackend(failing{}))
	if err := s.Delete(ctx, "svc", "acct"); !errors.Is(err, keychain.ErrUnavailable) {
		t.Errorf("Delete on an unavailable keychain = %v", err)
	}
}

type failing struct{}

func (failing) Get(string, string) (string, error) { return "", errBackend }
func (failing) Set(string, string, string) error   { return errBackend }
func (failing) Delete(string, string) error        { return errBackend }
