package companion

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// publicFactsOnly is a platform like a real one: no discovery, no token
// API, no /v1/me.
func publicFactsOnly(s *sandbox.Config, _ *Config) {
	s.NoDiscovery, s.NoPATAPI, s.NoMe = true, true, true
}

func TestImport(t *testing.T) {
	tests := []struct {
		name    string
		account string // who generates the token in the web app
		state   State
		wantErr error
	}{
		{"works (200)", "alice@example.com", StateValid, nil},
		{"no API access (403) is kept with its state", "carol@example.com", StateNoAccess, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, publicFactsOnly)
			pw := "demo-" + strings.Split(tt.account, "@")[0]
			raw := testenv.SignInOnWeb(t, e.srv.URL(), tt.account, pw).Generate()
			st, err := e.core.Import(context.Background(), "  Bearer "+raw+"\n")
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if st.State != tt.state || st.Account != tt.account || !st.BroughtIn || !st.CheckedWithServer {
				t.Errorf("state %s account %q brought in %v checked %v", st.State, st.Account, st.BroughtIn, st.CheckedWithServer)
			}
			got, err := e.kc.Get(context.Background(), e.service(), tt.account+"/pat")
			if err != nil || got != raw {
				t.Fatalf("the keychain does not hold the token: %v", err)
			}
			if s := e.core.Settings(); !s.BroughtIn || s.Account != tt.account {
				t.Errorf("settings: %+v", s)
			}
			// The status check agrees, on a platform without /v1/me.
			again, err := e.core.Status(context.Background(), false)
			if err != nil || again.State != tt.state {
				t.Errorf("Status: %s, %v", again.State, err)
			}
			h, err := e.core.Header(context.Background(), FormatBearer)
			if err != nil || h != "Bearer "+raw {
				t.Errorf("Header: %v", err)
			}
			testenv.AssertNotInDir(t, e.dir, raw)
			if strings.Contains(e.log.String(), raw) {
				t.Error("the log holds the token")
			}
		})
	}
}

func TestImportRefuses(t *testing.T) {
	e := newEnv(t, publicFactsOnly)
	web := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice")
	revoked := web.Generate()
	web.Revoke()
	other := testenv.SignedJWT(t, jwt.MapClaims{"iss": "https://other.iobeya.com", "sub": "u_alice", "email": "alice@example.com", "exp": start.Add(24 * 3600e9).Unix()})
	expired := testenv.SignedJWT(t, jwt.MapClaims{"iss": e.srv.URL(), "sub": "u_alice", "exp": start.Add(-3600e9).Unix()})
	tests := []struct {
		name, raw string
		want      error
	}{
		{"revoked (401)", revoked, ErrTokenRefused},
		{"another platform's token", other, ErrNotPlatformToken},
		{"not a JWT", "hello world", ErrNotPlatformToken},
		{"expired", expired, ErrExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.core.Import(context.Background(), tt.raw)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Import: %v, want %v", err, tt.want)
			}
			if p := Explain(err); strings.Contains(p.Message+p.NextStep, tt.raw) || p.Message == "" {
				t.Errorf("explained as %+v", p)
			}
			if e.has("pat") || e.core.Settings().BroughtIn {
				t.Error("something was kept")
			}
		})
	}
}

// A brought-in token is revoked in the web app; the local copy goes only
// once the platform refuses it.
func TestRevokeBroughtIn(t *testing.T) {
	e := newEnv(t, publicFactsOnly)
	web := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice")
	if _, err := e.core.Import(context.Background(), web.Generate()); err != nil {
		t.Fatal(err)
	}
	if err := e.core.Revoke(context.Background()); !errors.Is(err, ErrRevokeOnWeb) {
		t.Fatalf("Revoke: %v", err)
	}
	link, direct, err := e.core.TokenPage()
	if err != nil || !direct || link != e.srv.URL()+"/s/personal-access-token" {
		t.Fatalf("TokenPage: %q %v %v", link, direct, err)
	}
	// The user says it is revoked, but has not done it yet.
	if err := e.core.ConfirmRevokedOnWeb(context.Background()); !errors.Is(err, ErrStillAccepted) {
		t.Fatalf("ConfirmRevokedOnWeb before the revoke: %v", err)
	}
	if !e.has("pat") {
		t.Fatal("a working token was removed")
	}
	web.Revoke()
	e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointRooms, Status: 503}})
	if err := e.core.ConfirmRevokedOnWeb(context.Background()); !errors.Is(err, ErrNotRevoked) || !e.has("pat") {
		t.Fatalf("with the platform failing: %v (kept: %v)", err, e.has("pat"))
	}
	e.srv.SetFaults(nil)
	if err := e.core.ConfirmRevokedOnWeb(context.Background()); err != nil {
		t.Fatalf("ConfirmRevokedOnWeb: %v", err)
	}
	if e.has("pat") || e.core.Settings().BroughtIn {
		t.Error("the copy or the mark is still there")
	}
}

// A token kept here is replaced by another only once it no longer works.
func TestImportKeepsAWorkingToken(t *testing.T) {
	e := newEnv(t, publicFactsOnly)
	web := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice")
	first := web.Generate()
	if _, err := e.core.Import(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	web.Revoke()
	second := web.Generate()
	// Only once the first stops working may the second replace it.
	if _, err := e.core.Import(context.Background(), second); err != nil {
		t.Fatalf("replacing a revoked token: %v", err)
	}
	if got := e.stored("pat"); got != second {
		t.Error("the new token is not kept")
	}
}

// memClipboard is a clipboard in memory; the watch reads it on the real
// ticker here (the watch's own tests use a fixed clock).
type memClipboard struct {
	mu   sync.Mutex
	text string
}

func (m *memClipboard) Read(context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.text, nil
}

func (m *memClipboard) Write(_ context.Context, text string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.text = text
	return nil
}

func TestWatchClipboardBringsTheTokenIn(t *testing.T) {
	e := newEnv(t, publicFactsOnly)
	raw := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice").Generate()
	other := testenv.SignedJWT(t, jwt.MapClaims{"iss": "https://other.iobeya.com", "sub": "u_x", "exp": start.Add(24 * 3600e9).Unix()})
	cb := &memClipboard{text: other}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	type result struct {
		st  Status
		err error
	}
	done := make(chan result, 1)
	picked := make(chan bool, 1)
	go func() {
		st, err := e.core.WatchClipboard(ctx, cb, func() {
			// Told before the check, with the clipboard cleared already.
			got, _ := cb.Read(context.Background())
			picked <- !e.has("pat") && got == ""
		})
		done <- result{st, err}
	}()
	// Another platform's token stays; then the user clicks Copy.
	time.AfterFunc(700*time.Millisecond, func() { cb.Write(ctx, raw) })
	r := <-done
	if r.err != nil || r.st.State != StateValid || !r.st.BroughtIn {
		t.Fatalf("WatchClipboard: %s, %v", r.st.State, r.err)
	}
	select {
	case ok := <-picked:
		if !ok {
			t.Error("picked was called after the token was kept, or before the clipboard was cleared")
		}
	default:
		t.Error("picked was not called")
	}
	if got, _ := cb.Read(ctx); got != "" {
		t.Error("the clipboard was not cleared")
	}
	if e.stored("pat") != raw {
		t.Error("the token is not in the keychain")
	}
}

func TestRegenerateBroughtInGoesToTheWeb(t *testing.T) {
	e := newEnv(t, publicFactsOnly)
	if _, err := e.core.Import(context.Background(), testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice").Generate()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.core.Regenerate(context.Background(), true); !errors.Is(err, ErrRevokeOnWeb) || !e.has("pat") {
		t.Fatalf("Regenerate: %v (kept: %v)", err, e.has("pat"))
	}
}

// A token kept by another process (the tray program's clipboard watch)
// shows in this core once it reads the settings again: the account and
// "brought in" live there.
func TestReloadSettingsAfterAnotherProcessKeptAToken(t *testing.T) {
	e := newEnv(t, publicFactsOnly)
	other, err := New(Config{SettingsDir: e.dir, MachineConfigPath: filepath.Join(t.TempDir(), "none.json"), Keychain: e.kc})
	if err != nil {
		t.Fatal(err)
	}
	raw := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice").Generate()
	if _, err := other.Import(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
	if st, err := e.core.Status(context.Background(), true); err != nil || st.State != StateNone {
		t.Fatalf("before reading the settings again: %s, %v (the test needs the old settings)", st.State, err)
	}
	if err := e.core.ReloadSettings(); err != nil {
		t.Fatal(err)
	}
	st, err := e.core.Status(context.Background(), true)
	if err != nil || st.State != StateValid || !st.BroughtIn || st.Account != "alice@example.com" {
		t.Fatalf("after reading the settings again: %s %q brought in %v, %v", st.State, st.Account, st.BroughtIn, err)
	}
}

// A watch ended (the dialog closed) just after it took the token off the
// clipboard still keeps the token: the clipboard no longer has it.
func TestWatchClipboardKeepsWhatItPickedUp(t *testing.T) {
	e := newEnv(t, publicFactsOnly)
	raw := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice").Generate()
	cb := &memClipboard{text: raw}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := e.core.WatchClipboard(ctx, cb, cancel)
	if err != nil || st.State != StateValid || e.stored("pat") != raw {
		t.Fatalf("WatchClipboard ended at the pick-up: %s, %v (kept: %v)", st.State, err, e.has("pat"))
	}
}
