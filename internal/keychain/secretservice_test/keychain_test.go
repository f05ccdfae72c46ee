package secretservice_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

const account = "pat"

var (
	acme  = keychain.ServiceFor("acme.iobeya.com")
	other = keychain.ServiceFor("other.iobeya.com")
)

func TestSetGetDelete(t *testing.T) {
	testenv.RequireSecretService(t)
	s := keychain.New()
	ctx := context.Background()
	secret := "eyJhbGciOiJSUzI1NiJ9." + secretOf(600)

	if _, err := s.Get(ctx, acme, account); !errors.Is(err, keychain.ErrNotFound) {
		t.Fatalf("Get before Set = %v, want ErrNotFound", err)
	}
	if err := s.Set(ctx, acme, account, secret); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, acme, account); err != nil || got != secret {
		t.Fatalf("Get = %d bytes, %v; want the secret", len(got), err)
	}
	replacement := secretOf(700)
	if err := s.Set(ctx, acme, account, replacement); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, acme, account); err != nil || got != replacement {
		t.Fatalf("Get after replacing = %d bytes, %v; want the replacement", len(got), err)
	}
	if err := s.Delete(ctx, acme, account); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, acme, account); !errors.Is(err, keychain.ErrNotFound) {
		t.Errorf("Get after Delete = %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, acme, account); err != nil {
		t.Errorf("Delete of nothing = %v, want nil", err)
	}
}

func TestTwoPlatformsCoexist(t *testing.T) {
	testenv.RequireSecretService(t)
	s := keychain.New()
	ctx := context.Background()
	a, b := secretOf(800), secretOf(5000)
	if err := s.Set(ctx, acme, account, a); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, other, account, b); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, acme, account); err != nil || got != a {
		t.Errorf("acme: %d bytes, %v", len(got), err)
	}
	if got, err := s.Get(ctx, other, account); err != nil || got != b {
		t.Errorf("other: %d bytes, %v", len(got), err)
	}
	if err := s.Delete(ctx, other, account); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, acme, account); err != nil || got != a {
		t.Errorf("acme after deleting other: %d bytes, %v", len(got), err)
	}
	if err := s.Delete(ctx, acme, account); err != nil {
		t.Fatal(err)
	}
}

func TestLargeSecretThroughChunks(t *testing.T) {
	testenv.RequireSecretService(t)
	s := keychain.New()
	ctx := context.Background()
	secret := secretOf(5000)
	if err := s.Set(ctx, acme, account, secret); err != nil {
		t.Fatal(err)
	}
	// Straight from the Secret Service: three entries, none over the size
	// every backend accepts, none holding the secret whole.
	for _, a := range []string{account, account + "#2", account + "#3"} {
		v, err := keyring.Get(acme, a)
		if err != nil {
			t.Fatalf("entry %q: %v", a, err)
		}
		if len(v) > keychain.DefaultEntrySize || strings.Contains(v, secret) {
			t.Errorf("entry %q is %d bytes", a, len(v))
		}
	}
	if _, err := keyring.Get(acme, account+"#4"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("entry #4: %v, want none", err)
	}
	if got, err := s.Get(ctx, acme, account); err != nil || got != secret {
		t.Fatalf("Get = %d bytes, %v", len(got), err)
	}

	// A chunk lost behind the app's back is reported, not glued over.
	if err := keyring.Delete(acme, account+"#2"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, acme, account); !errors.Is(err, keychain.ErrCorrupt) {
		t.Errorf("Get with a chunk missing = %v, want ErrCorrupt", err)
	}
	if err := s.Delete(ctx, acme, account); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{account, account + "#2", account + "#3"} {
		if _, err := keyring.Get(acme, a); !errors.Is(err, keyring.ErrNotFound) {
			t.Errorf("entry %q after Delete: %v, want none", a, err)
		}
	}
}

func TestNoPlainTextUnderHome(t *testing.T) {
	root := testenv.Root(t)
	s := keychain.New()
	ctx := context.Background()
	small, large := "eyJhbGciOiJSUzI1NiJ9."+secretOf(400), secretOf(5000)
	if err := s.Set(ctx, acme, account, small); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, other, account, large); err != nil {
		t.Fatal(err)
	}
	defer s.Delete(ctx, acme, account)
	defer s.Delete(ctx, other, account)

	// The keyring is on disk under the throw-away home, and was written.
	if found := filesContaining(t, filepath.Join(root, "home"), "GnomeKeyring"); len(found) == 0 {
		t.Fatal("no keyring file under the throw-away home: the scan below would prove nothing")
	}
	assertNowhereInClear(t, root, small[len("eyJhbGciOiJSUzI1NiJ9."):])
	assertNowhereInClear(t, root, large)
}

func TestCheckRoundTrip(t *testing.T) {
	testenv.RequireSecretService(t)
	s := keychain.New()
	if err := s.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := s.BackendName(); got != "Secret Service (D-Bus)" {
		t.Errorf("BackendName = %q", got)
	}
}
