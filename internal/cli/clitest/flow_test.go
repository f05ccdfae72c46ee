package clitest

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// runner runs one command of the flow and returns what it printed.
type runner func(args ...string) result

// flow is issue 4's end-to-end: login → generate → status --json valid with
// the platform's expiry → the header works on /v1/me → revoke → status none
// → the old token is refused. Every command runs with --verbose, and at
// the end no secret may be in anything printed or in any file under the
// throw-away root (HOME, XDG directories, TMPDIR, settings).
func flow(t *testing.T, e *env, login func() result, run runner, want []string) {
	must := func(args ...string) result {
		t.Helper()
		r := run(append([]string{"--verbose"}, args...)...)
		if r.code != 0 {
			t.Fatalf("iobeya-token %s: %s", strings.Join(args, " "), r)
		}
		return r
	}

	r := login()
	if r.code != 0 || !strings.Contains(r.stdout, "Signed in as alice@example.com on "+e.host()) {
		t.Fatalf("login: %s", r)
	}
	e.noteSession()
	access := testenv.JSONField(t, e.stored("session"), "access")

	r = must("generate", "--yes")
	pat := e.stored("pat")
	if pat == "" {
		t.Fatalf("generate stored no token: %s", r)
	}
	e.secrets.add("token", pat)

	r = must("status", "--json")
	var st map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("status --json: %v\n%s", err, r)
	}
	cl, err := client.New(e.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	info, err := cl.GetPAT(context.Background(), access)
	if err != nil {
		t.Fatal(err)
	}
	if st["state"] != "valid" || st["expiresAt"] != info.ExpiresAt.UTC().Format(time.RFC3339) || st["checkedWithServer"] != true || st["account"] != "alice@example.com" || st["platform"] != e.host() {
		t.Errorf("status --json = %v; want valid, expiring %v like the platform says", st, info.ExpiresAt)
	}

	r = must("header")
	e.secrets.askedFor(r.stdout)
	if r.stdout != "Bearer "+pat {
		t.Errorf("header printed something else than the Bearer value (%d bytes)", len(r.stdout))
	}
	if code := me(t, e, r.stdout); code != http.StatusOK {
		t.Errorf("the header value on /v1/me: HTTP %d", code)
	}

	must("revoke", "--yes")
	r = run("--verbose", "status", "--json")
	if r.code != 3 || !strings.Contains(r.stdout, `"state": "none"`) {
		t.Errorf("status after revoke: %s", r)
	}
	if code := me(t, e, "Bearer "+pat); code != http.StatusUnauthorized {
		t.Errorf("the revoked token on /v1/me: HTTP %d, want 401", code)
	}
	must("logout")
	if e.stored("session") != "" {
		t.Error("logout left the session in the keychain")
	}

	settings, err := os.ReadFile(filepath.Join(e.home, ".config", "iobeya-token", "settings.json"))
	if err != nil || !strings.Contains(string(settings), e.srv.URL()) || !strings.Contains(string(settings), "alice@example.com") {
		t.Errorf("settings.json: %s, %v", settings, err)
	}
	e.secrets.mu.Lock()
	verbose := strings.Join(e.secrets.outs, "")
	e.secrets.mu.Unlock()
	if !strings.Contains(verbose, "POST "+e.host()+"/v1/personal-access-token") {
		t.Error("--verbose logged no request: the leak check would prove nothing")
	}
	e.secrets.check(t, want, testenv.Root(t))
}

// me calls /v1/me with an Authorization header value and returns the status.
func me(t *testing.T, e *env, authorization string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.srv.URL()+"/v1/me", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", authorization)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestFlowInProcess(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	login := func() result { return e.run("--verbose", "login", "--platform", e.srv.URL(), "--timeout", "30s") }
	flow(t, e, login, e.run, []string{"code", "verifier", "access token", "refresh token", "token"})
}

func TestFlowInChildProcesses(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	login := func() result { return e.procLogin("", nil, "--verbose") }
	run := func(args ...string) result { return e.proc("", nil, args...) }
	flow(t, e, login, run, []string{"code", "access token", "refresh token", "token"})
}

func TestFlowThroughTheBinary(t *testing.T) {
	bin := needBinary(t)
	e := newEnv(t, sandbox.Config{})
	login := func() result { return e.procLogin(bin, nil, "--verbose") }
	run := func(args ...string) result { return e.proc(bin, nil, args...) }
	flow(t, e, login, run, []string{"code", "access token", "refresh token", "token"})
}

func TestRevokedBehindTheAppsBack(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.must("login", "--platform", e.srv.URL())
	e.must("generate", "--yes")
	cl, _ := client.New(e.srv.URL())
	if err := cl.RevokePAT(context.Background(), testenv.JSONField(t, e.stored("session"), "access")); err != nil {
		t.Fatal(err)
	}
	r := e.run("status", "--json")
	if r.code != 4 || !strings.Contains(r.stdout, `"state": "revoked"`) {
		t.Errorf("status: %s", r)
	}
	r = e.run("status")
	if r.code != 4 || !strings.HasPrefix(r.stdout, "Revoked · ") || !strings.Contains(r.stdout, "iobeya-token generate --replace") {
		t.Errorf("status: %s", r)
	}
}

// TestExpired: the sandbox and the in-process core share a clock that the
// test moves past the token's expiry. The clock stands an hour in the past,
// so the command run as a separate process, on the real clock, sees the
// token expired as well.
func TestExpired(t *testing.T) {
	clock := testenv.NewClock(time.Now().Add(-time.Hour).Truncate(time.Second))
	e := newEnv(t, sandbox.Config{TokenTTL: time.Minute, Now: clock.Now})
	e.core.Now = clock.Now
	e.must("login", "--platform", e.srv.URL())
	e.must("generate", "--yes")
	if r := e.must("status", "--json", "--offline"); !strings.Contains(r.stdout, `"state": "valid"`) && !strings.Contains(r.stdout, `"state": "expiring"`) {
		t.Fatalf("status of the new token: %s", r)
	}
	// Past the expiry and the minute of leeway for clock skew.
	clock.Advance(3 * time.Minute)
	for _, args := range [][]string{{"status", "--json"}, {"status", "--json", "--offline"}} {
		r := e.run(args...)
		if r.code != 4 || !strings.Contains(r.stdout, `"state": "expired"`) {
			t.Errorf("in process, %v: %s", args, r)
		}
	}
	for _, args := range [][]string{{"status", "--json"}, {"status", "--json", "--offline"}} {
		r := e.proc("", nil, args...)
		if r.code != 4 || !strings.Contains(r.stdout, `"state": "expired"`) {
			t.Errorf("as a process, %v: %s", args, r)
		}
	}
	r := e.run("header")
	if r.code != 4 || r.stdout != "" || !strings.Contains(r.stderr, "expired") {
		t.Errorf("header with an expired token: %s", r)
	}
}

// TestStatusWhenThePlatformFails: latency past the deadline and injected
// failures give unknown, with the token's own expiry.
func TestStatusWhenThePlatformFails(t *testing.T) {
	tests := []struct {
		name    string
		faults  []sandbox.Fault
		latency time.Duration
		message string
	}{
		{"slower than the deadline", nil, 3 * time.Second, "did not answer in time"},
		{"API check 503", []sandbox.Fault{{Endpoint: sandbox.EndpointRooms, Status: 503}}, 0, "had a problem"},
		{"both calls fail", []sandbox.Fault{{Endpoint: sandbox.EndpointRooms, Status: 500}, {Endpoint: sandbox.EndpointPATGet, Status: 502}}, 0, "had a problem"},
	}
	e := newEnv(t, sandbox.Config{})
	e.core.StatusTimeout = 300 * time.Millisecond
	e.must("login", "--platform", e.srv.URL())
	e.must("generate", "--yes")
	var good map[string]any
	json.Unmarshal([]byte(e.must("status", "--json").stdout), &good)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.srv.SetFaults(tt.faults)
			e.srv.SetLatency(tt.latency)
			defer e.srv.SetFaults(nil)
			defer e.srv.SetLatency(0)
			r := e.run("status", "--json")
			var st map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
				t.Fatalf("%v: %s", err, r)
			}
			msg, _ := st["message"].(string)
			if r.code != 1 || st["state"] != "unknown" || st["expiresAt"] != good["expiresAt"] || st["checkedWithServer"] != false ||
				!strings.Contains(msg, "could not be checked") || !strings.Contains(msg, tt.message) {
				t.Errorf("status --json: %s", r)
			}
		})
	}
}

func TestRevokeOn503KeepsTheToken(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.must("login", "--platform", e.srv.URL())
	e.must("generate", "--yes")
	pat := e.stored("pat")
	e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointPATDelete, Status: 503}})
	r := e.run("revoke", "--yes")
	if r.code != 1 || !strings.Contains(r.stderr, "not revoked") || !strings.Contains(r.stderr, "still kept in the keychain") {
		t.Errorf("revoke on 503: %s", r)
	}
	if e.stored("pat") != pat {
		t.Error("the token left the keychain although the platform did not confirm")
	}
	if code := me(t, e, "Bearer "+pat); code != http.StatusOK {
		t.Errorf("the token no longer works (HTTP %d)", code)
	}
}
