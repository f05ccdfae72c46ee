package clitest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/zalando/go-keyring"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// unavailableHint is what a missing keychain service says on Linux.
const unavailableHint = "No keychain service is running. On Linux, install and start GNOME Keyring or KWallet."

// noBus points a child process at a D-Bus session that does not exist.
func noBus(t *testing.T) []string {
	return []string{"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(t.TempDir(), "no-bus")}
}

func TestNoDBusSession(t *testing.T) {
	e := newEnv(t, sandbox.Config{})

	// Signing in needs the keychain: it is checked before the browser.
	r := e.procLogin("", noBus(t))
	if r.code != 1 || !strings.Contains(r.stderr, "The keychain is not available.") || !strings.Contains(r.stderr, unavailableHint) {
		t.Errorf("login without D-Bus: %s", r)
	}
	if n := e.srv.Count(sandbox.EndpointAuthorize) + e.srv.Count(sandbox.EndpointToken); n != 0 {
		t.Errorf("the sign-in went ahead (%d requests) although nothing could be kept", n)
	}

	// Signed in, then the keychain goes away: nothing is generated.
	e.must("login", "--platform", e.srv.URL())
	for _, args := range [][]string{{"generate", "--yes"}, {"status"}, {"header"}, {"revoke", "--yes"}} {
		r := e.proc("", noBus(t), args...)
		if r.code != 1 || !strings.Contains(r.stderr, unavailableHint) || r.stdout != "" && args[0] != "status" {
			t.Errorf("%v without D-Bus: %s", args, r)
		}
	}
	if n := e.srv.Count(sandbox.EndpointPATCreate) + e.srv.Count(sandbox.EndpointPATDelete); n != 0 {
		t.Errorf("%d token requests were made without a keychain", n)
	}
}

// TestNewTokenNotStored: the platform made a token, the keychain refuses
// it. The token is shown once on standard output and found in no file.
func TestNewTokenNotStored(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.must("login", "--platform", e.srv.URL())
	e.noteSession()
	e.core.Keychain = refusePAT{keychain.New()}
	r := e.run("--verbose", "generate", "--yes")
	token := strings.TrimSpace(r.stdout)
	if r.code != 1 || !strings.HasPrefix(token, "eyJ") || !strings.Contains(r.stderr, "could not be saved in the keychain") {
		t.Fatalf("generate: %s", r)
	}
	if e.stored("pat") != "" {
		t.Error("the token is in the keychain after all")
	}
	e.secrets.add("token", token)
	e.secrets.askedFor(r.stdout) // shown once, on purpose
	e.secrets.check(t, []string{"token", "access token"}, testenv.Root(t))
}

// refusePAT is the real keychain, failing to store tokens as an
// unavailable one would (sessions still work).
type refusePAT struct{ companion.Keychain }

func (k refusePAT) Set(ctx context.Context, service, account, secret string) error {
	if strings.HasSuffix(account, "/pat") {
		return &keychain.Error{Op: keychain.OpSet, Kind: keychain.ErrUnavailable}
	}
	return k.Keychain.Set(ctx, service, account, secret)
}

func (e *env) put(secret string) {
	e.t.Helper()
	if err := keychain.New().Set(context.Background(), keychain.ServiceFor(e.host()), "alice@example.com/pat", secret); err != nil {
		e.t.Fatal(err)
	}
}

func TestLargeTokenThroughChunks(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.must("login", "--platform", e.srv.URL())
	big := testenv.SignedJWT(t, jwt.MapClaims{
		"sub": "u_alice", "email": "alice@example.com", "jti": "pat_big",
		"exp": time.Now().Add(30 * 24 * time.Hour).Unix(), "pad": strings.Repeat("p", 3600),
	})
	if len(big) < 5000 {
		t.Fatalf("the test token is %d bytes, want about 5 KB", len(big))
	}
	e.put(big)
	if _, err := keyring.Get(keychain.ServiceFor(e.host()), "alice@example.com/pat#2"); err != nil {
		t.Fatalf("the token was not split across Secret Service entries: %v", err)
	}
	r := e.proc("", nil, "header", "--format", "token")
	if r.code != 0 || r.stdout != big {
		t.Errorf("header gave %d bytes (exit %d), want the %d-byte token back", len(r.stdout), r.code, len(big))
	}
	r = e.run("status", "--offline")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Valid · ") {
		t.Errorf("status: %s", r)
	}
}

func TestDamagedEntries(t *testing.T) {
	tests := []struct {
		name  string
		setup func(e *env)
	}{
		{"not a token", func(e *env) { e.put("hello, I am not a token") }},
		{"truncated chunks", func(e *env) {
			e.put(testenv.SignedJWT(e.t, jwt.MapClaims{"sub": "u_alice", "pad": strings.Repeat("q", 4000)}))
			if err := keyring.Delete(keychain.ServiceFor(e.host()), "alice@example.com/pat#2"); err != nil {
				e.t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, sandbox.Config{})
			e.must("login", "--platform", e.srv.URL())
			tt.setup(e)
			for _, args := range [][]string{{"status"}, {"status", "--offline"}} {
				r := e.run(args...)
				if r.code != 1 || !strings.HasPrefix(r.stdout, "Couldn't check · ") || !strings.Contains(r.stdout, "The stored token is damaged — revoke it and generate a new one.") {
					t.Errorf("%v: %s", args, r)
				}
			}
			r := e.run("header")
			if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "generate --replace") {
				t.Errorf("header: %s", r)
			}
			// The way out the message names works.
			e.must("generate", "--replace", "--yes")
			if r := e.run("status"); r.code != 0 {
				t.Errorf("after generate --replace: %s", r)
			}
		})
	}
}

func TestTokenWithoutExpiry(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.must("login", "--platform", e.srv.URL())
	e.put(testenv.SignedJWT(t, jwt.MapClaims{"sub": "u_alice", "email": "alice@example.com", "jti": "pat_noexp"}))
	r := e.run("status", "--offline")
	if r.code != 1 || !strings.Contains(r.stdout, "no expiry date — ask the platform") {
		t.Errorf("status --offline: %s", r)
	}
	before := e.srv.Count(sandbox.EndpointRooms)
	r = e.run("status", "--json")
	if e.srv.Count(sandbox.EndpointRooms) != before+1 || !strings.Contains(r.stdout, `"checkedWithServer": true`) || !strings.Contains(r.stdout, `"expiresAt": null`) {
		t.Errorf("status asked the platform %d times: %s", e.srv.Count(sandbox.EndpointRooms)-before, r)
	}
}
