package signin

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// clock is a settable clock for the session (the sandbox keeps real time).
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

type sessionEnv struct {
	srv   *sandbox.Server
	c     *client.Client
	store *memStore
	clk   *clock
	s     *Session
}

const sessionKey = "session alice@example.com"

// signedIn returns a session that has signed in through the sandbox with
// the browser double.
func signedIn(t *testing.T) *sessionEnv {
	t.Helper()
	e := &sessionEnv{
		srv:   startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"}),
		store: newMemStore(),
		clk:   &clock{t: time.Now()},
	}
	e.c = newClient(t, e.srv.URL())
	var err error
	e.s, err = NewSession(SessionConfig{Client: e.c, Store: e.store, Key: sessionKey, Now: e.clk.now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.SignIn(t.Context(), Config{Opener: newBrowser(t)}); err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	return e
}

func (e *sessionEnv) stored(t *testing.T) *storedSession {
	t.Helper()
	raw, ok := e.store.value(sessionKey)
	if !ok {
		return nil
	}
	var s storedSession
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatalf("stored session is not JSON: %v", err)
	}
	return &s
}

func TestSessionStoresOneSecret(t *testing.T) {
	e := signedIn(t)
	if e.store.len() != 1 || e.store.sets != 1 {
		t.Fatalf("%d secrets after %d writes, want 1", e.store.len(), e.store.sets)
	}
	st := e.stored(t)
	if st.Platform != e.srv.URL() || st.Access == "" || st.Refresh == "" || st.Expiry.IsZero() || st.Version != 1 {
		t.Fatalf("stored session incomplete: platform %q, expiry %v", st.Platform, st.Expiry)
	}
	access, err := e.s.AccessToken(t.Context())
	if err != nil || access != st.Access {
		t.Fatalf("AccessToken: %v (same as stored: %v)", err, access == st.Access)
	}
	if n := e.srv.Count(sandbox.EndpointToken); n != 1 {
		t.Errorf("a fresh token was refreshed: %d token calls", n)
	}
	if ok, err := e.s.SignedIn(t.Context()); !ok || err != nil {
		t.Errorf("SignedIn = %v, %v", ok, err)
	}
}

func TestSessionRefresh(t *testing.T) {
	tests := []struct {
		name    string
		before  time.Duration // how long before the stored expiry "now" is
		refresh bool
	}{
		{"valid for long", 30 * time.Minute, false},
		{"valid for 61 s", 61 * time.Second, false},
		{"expires within 60 s", 59 * time.Second, true},
		{"expires now", 0, true},
		{"expired an hour ago", -time.Hour, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := signedIn(t)
			old := e.stored(t)
			e.clk.set(old.Expiry.Add(-tt.before))
			access, err := e.s.AccessToken(t.Context())
			if err != nil {
				t.Fatalf("AccessToken: %v", err)
			}
			calls := e.srv.Count(sandbox.EndpointToken) - 1
			if !tt.refresh {
				if calls != 0 || access != old.Access {
					t.Fatalf("refreshed a valid token (%d calls)", calls)
				}
				return
			}
			now := e.stored(t)
			if calls != 1 || access == old.Access || now.Access != access || now.Refresh == old.Refresh || now.Refresh == "" {
				t.Fatalf("refresh: %d calls, new access %v, stored %v, rotated %v", calls, access != old.Access, now.Access == access, now.Refresh != old.Refresh)
			}
			if u, err := e.c.WhoAmI(t.Context(), access); err != nil || u.Email != "alice@example.com" {
				t.Fatalf("the refreshed token does not work: %v", err)
			}
			// The rotated refresh token was kept: the next refresh works.
			e.clk.set(now.Expiry.Add(time.Hour))
			if _, err := e.s.AccessToken(t.Context()); err != nil {
				t.Fatalf("second refresh: %v", err)
			}
		})
	}
}

func TestSessionEnded(t *testing.T) {
	e := signedIn(t)
	st := e.stored(t)
	// The platform forgets the session (revoked elsewhere).
	if err := e.c.RevokeToken(t.Context(), st.Refresh, "refresh_token"); err != nil {
		t.Fatal(err)
	}
	e.clk.set(st.Expiry.Add(time.Minute))
	_, err := e.s.AccessToken(t.Context())
	if !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("AccessToken = %v, want ErrSessionEnded", err)
	}
	if !strings.Contains(err.Error(), "signed out — sign in again") {
		t.Errorf("error %q", err)
	}
	assertNoSecret(t, err.Error(), st.Access, st.Refresh)
	if e.store.len() != 0 {
		t.Error("the ended session is still stored")
	}
	if _, err := e.s.AccessToken(t.Context()); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("after the end: %v, want ErrNotSignedIn", err)
	}
}

func TestSessionRefreshFailureKeepsSession(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(e *sessionEnv)
		want   error
	}{
		{"token endpoint 500", func(e *sessionEnv) {
			_ = e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointToken, Status: 500}})
		}, client.ErrServer},
		{"token endpoint 429", func(e *sessionEnv) {
			_ = e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointToken, Status: 429}})
		}, ErrTokenFailed},
		{"platform unreachable", func(e *sessionEnv) { _ = e.srv.Close() }, client.ErrUnreachable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := signedIn(t)
			before, _ := e.store.value(sessionKey)
			e.clk.set(e.stored(t).Expiry.Add(time.Minute))
			tt.break_(e)
			_, err := e.s.AccessToken(t.Context())
			if !errors.Is(err, tt.want) || errors.Is(err, ErrSessionEnded) {
				t.Fatalf("AccessToken = %v, want %v", err, tt.want)
			}
			if after, ok := e.store.value(sessionKey); !ok || after != before {
				t.Error("a failed refresh changed the stored session")
			}
		})
	}
}

func TestSessionNotSignedIn(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{})
	store := newMemStore()
	s, err := NewSession(SessionConfig{Client: newClient(t, srv.URL()), Store: store, Key: sessionKey})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AccessToken(t.Context()); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("AccessToken = %v, want ErrNotSignedIn", err)
	}
	if ok, err := s.SignedIn(t.Context()); ok || err != nil {
		t.Errorf("SignedIn = %v, %v", ok, err)
	}
	store.failGet = errStoreBroken
	if _, err := s.AccessToken(t.Context()); !errors.Is(err, errStoreBroken) {
		t.Errorf("AccessToken with a broken store = %v", err)
	}
	if _, err := s.SignedIn(t.Context()); !errors.Is(err, errStoreBroken) {
		t.Errorf("SignedIn with a broken store = %v", err)
	}
}

func TestSessionDamaged(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{})
	c := newClient(t, srv.URL())
	tests := []struct{ name, raw string }{
		{"not JSON", "at_" + newSecret()},
		{"half written", `{"v":1,"platform":"` + srv.URL() + `","acc`},
		{"unknown version", `{"v":2,"platform":"` + srv.URL() + `","access":"at_x"}`},
		{"no access token", `{"v":1,"platform":"` + srv.URL() + `"}`},
		{"another platform", `{"v":1,"platform":"https://acme.iobeya.com","access":"at_x","refresh":"rt_x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newMemStore()
			store.m[sessionKey] = tt.raw
			s, _ := NewSession(SessionConfig{Client: c, Store: store, Key: sessionKey})
			_, err := s.AccessToken(t.Context())
			if !errors.Is(err, ErrSessionEnded) {
				t.Fatalf("AccessToken = %v, want ErrSessionEnded", err)
			}
			assertNoSecret(t, err.Error(), tt.raw)
			if store.len() != 0 {
				t.Error("the damaged session is still stored")
			}
		})
	}
}

func TestSessionStoreFailsOnRefresh(t *testing.T) {
	e := signedIn(t)
	e.clk.set(e.stored(t).Expiry.Add(time.Minute))
	e.store.failSet = errStoreBroken
	if _, err := e.s.AccessToken(t.Context()); !errors.Is(err, errStoreBroken) {
		t.Fatalf("AccessToken = %v, want the store's error", err)
	}
	if e.store.len() != 0 {
		t.Error("a half-written session was left in the store")
	}
	if ok, _ := e.s.SignedIn(t.Context()); !ok {
		t.Error("the refreshed session was lost from memory")
	}
	calls := e.srv.Count(sandbox.EndpointToken)
	e.store.failSet = nil
	access, err := e.s.AccessToken(t.Context())
	if err != nil {
		t.Fatalf("AccessToken once the store works: %v", err)
	}
	if e.srv.Count(sandbox.EndpointToken) != calls {
		t.Error("refreshed again instead of storing the rotated session")
	}
	if st := e.stored(t); st == nil || st.Access != access {
		t.Error("the rotated session was not stored")
	}
	if u, err := e.c.WhoAmI(t.Context(), access); err != nil || u.ID != "u_alice" {
		t.Fatalf("WhoAmI: %v", err)
	}
}

func TestSessionSignInStoreFails(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	store := newMemStore()
	store.failSet = errStoreBroken
	s, _ := NewSession(SessionConfig{Client: newClient(t, srv.URL()), Store: store, Key: sessionKey})
	tok, err := s.SignIn(t.Context(), Config{Opener: newBrowser(t)})
	if !errors.Is(err, errStoreBroken) || tok != nil {
		t.Fatalf("SignIn = %v, %v; want the store's error and no token", tok, err)
	}
	if !strings.Contains(err.Error(), "could not be kept in the keychain") {
		t.Errorf("error %q", err)
	}
	if store.len() != 0 {
		t.Error("a partial session was left in the store")
	}
}

func TestSessionConcurrentRefresh(t *testing.T) {
	e := signedIn(t)
	e.clk.set(e.stored(t).Expiry.Add(time.Minute))
	var wg sync.WaitGroup
	tokens := make([]string, 8)
	for i := range tokens {
		wg.Go(func() {
			var err error
			if tokens[i], err = e.s.AccessToken(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := e.srv.Count(sandbox.EndpointToken); n != 2 {
		t.Errorf("%d token calls, want the sign-in and one refresh", n)
	}
	for _, tok := range tokens {
		if tok != tokens[0] {
			t.Fatal("concurrent callers got different access tokens")
		}
	}
}

func TestSignOut(t *testing.T) {
	tests := []struct {
		name        string
		break_      func(e *sessionEnv)
		wantRevoked bool
		wantErr     error
	}{
		{"platform confirms", nil, true, nil},
		{"revocation fails", func(e *sessionEnv) {
			_ = e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointRevoke, Status: 503}})
		}, false, nil},
		{"platform unreachable", func(e *sessionEnv) { _ = e.srv.Close() }, false, nil},
		{"store cannot delete", func(e *sessionEnv) { e.store.failDel = errStoreBroken }, true, errStoreBroken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := signedIn(t)
			st := e.stored(t)
			if tt.break_ != nil {
				tt.break_(e)
			}
			revoked, err := e.s.SignOut(t.Context())
			if revoked != tt.wantRevoked || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("SignOut = %v, %v; want %v, %v", revoked, err, tt.wantRevoked, tt.wantErr)
			}
			if tt.wantErr == nil && e.store.len() != 0 {
				t.Error("the session is still stored")
			}
			if tt.wantRevoked {
				if _, err := e.c.WhoAmI(t.Context(), st.Access); !errors.Is(err, client.ErrUnauthorized) {
					t.Errorf("the access token still works after sign-out: %v", err)
				}
			}
		})
	}
	t.Run("not signed in", func(t *testing.T) {
		srv := startSandbox(t, sandbox.Config{})
		s, _ := NewSession(SessionConfig{Client: newClient(t, srv.URL()), Store: newMemStore(), Key: sessionKey})
		if revoked, err := s.SignOut(t.Context()); revoked || err != nil {
			t.Fatalf("SignOut = %v, %v", revoked, err)
		}
		if srv.Count(sandbox.EndpointRevoke) != 0 {
			t.Error("revoked something without a session")
		}
	})
}

func TestNewSessionConfig(t *testing.T) {
	c, _ := client.New("acme")
	for _, cfg := range []SessionConfig{
		{Store: newMemStore(), Key: "k"},
		{Client: c, Key: "k"},
		{Client: c, Store: newMemStore()},
		{Client: c, Store: newMemStore(), Key: "  "},
	} {
		if _, err := NewSession(cfg); err == nil {
			t.Errorf("NewSession(%+v) accepted it", cfg)
		}
	}
}

// TestSessionRefreshAcrossProcesses: two programs (here two Sessions on one
// store, as the desktop app and a command share the keychain) find the
// access token expired at the same moment. With a shared Lock only one
// refreshes; the other uses the rotated session it stored. (Without it the
// second refresh could present a rotated refresh token, and the platform
// would end the session of both: see the sandbox's reuse test.)
func TestSessionRefreshAcrossProcesses(t *testing.T) {
	e := signedIn(t)
	var mu sync.Mutex
	locks := 0
	cfg := SessionConfig{Client: e.c, Store: e.store, Key: sessionKey, Now: e.clk.now,
		Lock: func(context.Context) (func(), error) { mu.Lock(); locks++; return mu.Unlock, nil }}
	app, cmd := mustSession(t, cfg), mustSession(t, cfg)
	e.clk.set(e.stored(t).Expiry.Add(time.Minute))

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, s := range []*Session{app, cmd} {
		wg.Go(func() { _, errs[i] = s.AccessToken(t.Context()) })
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("AccessToken: %v, %v", errs[0], errs[1])
	}
	if locks != 2 {
		t.Fatalf("the lock was taken %d times, want once per refreshing program", locks)
	}
	if n := e.srv.Count(sandbox.EndpointToken); n != 2 {
		t.Fatalf("%d token calls, want the sign-in and one refresh", n)
	}
	if _, err := app.AccessToken(t.Context()); err != nil {
		t.Fatalf("the session did not survive: %v", err)
	}
}

func mustSession(t *testing.T, cfg SessionConfig) *Session {
	t.Helper()
	s, err := NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
