package cli

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

func TestUsageErrors(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{nil, ExitUsage, "Exit codes"},
		{[]string{"frobnicate"}, ExitUsage, `"frobnicate" is not a command`},
		{[]string{"--bogus"}, ExitUsage, "There is no option -bogus"},
		{[]string{"status", "--bogus"}, ExitUsage, "There is no option -bogus"},
		{[]string{"status", "extra"}, ExitUsage, `takes no argument "extra"`},
		{[]string{"header", "--format", "json"}, ExitUsage, "Unknown format \"json\". Use one of: bearer, header, token or powerautomate."},
		{[]string{"copy", "--format", "xml"}, ExitUsage, "bearer, header, token or powerautomate"},
		{[]string{"copy", "--clear-after", "-5s"}, ExitUsage, "must be 0 or positive"},
		{[]string{"login", "--timeout", "0s"}, ExitUsage, "timeout must be positive"},
		{[]string{"login", "--timeout", "soon"}, ExitUsage, "--timeout"},
		{[]string{"login", "--platform"}, ExitUsage, "needs a value"},
		{[]string{"login", "--platform", ""}, ExitUsage, "The option -platform is empty"},
		{[]string{"login", "--platform", "  "}, ExitUsage, "The option -platform is empty"},
		{[]string{"login", "--platform", "javascript:alert(1)"}, ExitUsage, "is not a platform address"},
		{[]string{"login", "--platform", "http://acme.iobeya.com"}, ExitUsage, "over https"},
		{[]string{"help", "frobnicate"}, ExitUsage, "is not a command"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := e.run(tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.inStderr) {
				t.Errorf("got %s\nwant exit %d and %q on stderr", r, tt.code, tt.inStderr)
			}
			if r.stdout != "" {
				t.Errorf("a usage error printed on stdout: %q", r.stdout)
			}
		})
	}
	if e.srv.Count(sandbox.EndpointDiscovery) != 0 {
		t.Error("a usage error reached the platform")
	}
}

func TestHelp(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	var r result
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		r = e.run(args...)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%v: %s", args, r)
		}
		for _, want := range []string{
			"login [--platform ADDRESS] [--client-id ID [--client-secret-stdin] [--redirect-port N]] [--no-browser] [--timeout 3m]", "import", "logout", "generate [--yes] [--replace]",
			"status [--json] [--offline]", "header [--format FORMAT]", "copy [--format FORMAT] [--clear-after 90s]",
			"revoke [--yes]", "doctor", "version",
			"0  done", "1  something went wrong", "2  the command line is wrong", "3  no token yet, or not signed in", "4  the token has expired or was revoked",
			"powerautomate", "--verbose",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("help does not mention %q", want)
			}
		}
	}
	for _, c := range commands {
		if !strings.Contains(r.stdout, "  "+words.English().Say(c.summary, nil)+"\n") {
			t.Errorf("help runs %s's summary into its options", c.name)
		}
	}
	r = e.run("help", "generate")
	if r.code != 0 || !strings.Contains(r.stdout, "--replace") || !strings.Contains(r.stdout, "--yes") {
		t.Errorf("help generate: %s", r)
	}
	r = e.run("version")
	if r.code != 0 || r.stdout != "iObeya Token 1.2.3\n" {
		t.Errorf("version: %s", r)
	}
	if r2 := e.run("--version"); r2.code != 0 || r2.stdout != r.stdout {
		t.Errorf("--version: %s", r2)
	}
}

// TestCommandLineFlow is issue 4's end-to-end, in process: login, generate,
// status, header, revoke, status, and the old token refused.
func TestCommandLineFlow(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	// A page pasted from the browser is reduced to the platform, and said so.
	r := e.must("login", "--platform", e.srv.URL()+"/app/boards?x=1#y", "--timeout", "20s")
	if want := "Signed in as alice@example.com on " + e.host() + "\n"; r.stdout != want {
		t.Errorf("login printed %q, want %q", r.stdout, want)
	}
	if want := "Using " + e.host() + "\n"; !strings.HasPrefix(r.stderr, want) {
		t.Errorf("login's stderr %q does not start with %q", r.stderr, want)
	}

	r = e.must("generate", "--yes")
	if !strings.Contains(r.stdout, "Generated a personal access token for alice@example.com on "+e.host()) || !strings.Contains(r.stdout, "iobeya-token copy") {
		t.Errorf("generate printed %q", r.stdout)
	}
	pat := e.stored("pat")
	if pat == "" || strings.Contains(r.stdout+r.stderr, pat) {
		t.Fatal("the token is not stored, or was printed by generate")
	}

	r = e.must("status", "--json")
	st := decode(t, r.stdout)
	expiry := start.Add(sandbox.DefaultTokenTTL)
	for k, want := range map[string]any{
		"platform": e.host(), "account": "alice@example.com", "state": "valid",
		"issuedAt": start.Format(time.RFC3339), "expiresAt": expiry.Format(time.RFC3339),
		"expiresInSeconds":  float64(sandbox.DefaultTokenTTL / time.Second),
		"checkedWithServer": true, "message": "",
	} {
		if st[k] != want {
			t.Errorf("status --json %s = %v, want %v", k, st[k], want)
		}
	}
	// The two status calls run at once: /me may be the token's first use.
	if st["lastUsedAt"] != nil && st["lastUsedAt"] != start.Format(time.RFC3339) {
		t.Errorf("status --json lastUsedAt = %v, want null or now", st["lastUsedAt"])
	}
	if len(st) != 9 {
		t.Errorf("status --json has %d fields, want the 9 documented ones: %v", len(st), st)
	}

	r = e.must("header")
	if r.stdout != "Bearer "+pat {
		t.Errorf("header printed %q, want exactly the Bearer value", r.stdout)
	}
	req, _ := http.NewRequest("GET", e.srv.URL()+"/v1/me", nil)
	req.Header.Set("Authorization", r.stdout)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the header value on /v1/me: %v %v", resp, err)
	}
	resp.Body.Close()

	r = e.must("revoke", "--yes")
	if !strings.Contains(r.stdout, "Revoked") || e.stored("pat") != "" {
		t.Errorf("revoke: %s; stored %v", r, e.stored("pat") != "")
	}
	r = e.run("status")
	if r.code != ExitNoToken || !strings.HasPrefix(r.stdout, "No token yet · alice@example.com on "+e.host()) || !strings.Contains(r.stdout, "iobeya-token generate") {
		t.Errorf("status after revoke: %s", r)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the revoked token on /v1/me: %v %v", resp, err)
	}
	resp.Body.Close()

	r = e.must("logout")
	if !strings.Contains(r.stdout, "Signed out of "+e.host()) || e.stored("session") != "" {
		t.Errorf("logout: %s", r)
	}
}

func TestStatusLine(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.login()
	e.must("generate", "--yes")
	expiry := start.Add(sandbox.DefaultTokenTTL)
	day := func(t time.Time) string { return words.English().Date(t, start) }
	tests := []struct {
		name    string
		args    []string
		advance time.Duration
		code    int
		line    string
	}{
		{"online", []string{"status"}, 0, 0,
			"Valid · expires " + day(expiry) + " (in 90 days) · alice@example.com on " + e.host() + " · checked with the platform just now"},
		{"offline", []string{"status", "--offline"}, 0, 0,
			"Valid · expires " + day(expiry) + " (in 90 days) · alice@example.com on " + e.host() + " · not checked with the platform"},
		{"expiring", []string{"status"}, 85 * 24 * time.Hour, 0,
			"Expires soon · expires " + day(expiry) + " (in 5 days) · alice@example.com on " + e.host() + " · checked with the platform just now"},
		{"expired", []string{"status"}, 6 * 24 * time.Hour, ExitExpired,
			"Expired · expired " + day(expiry) + " (1 day ago) · alice@example.com on " + e.host() + " · checked with the platform just now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.clock.Advance(tt.advance)
			r := e.run(tt.args...)
			line, _, _ := strings.Cut(r.stdout, "\n")
			if r.code != tt.code || line != tt.line {
				t.Errorf("got %s\nwant exit %d and\n%s", r, tt.code, tt.line)
			}
		})
	}
}

func TestStatusExitCodes(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(e *env)
		code    int
		say     string
		json    string
		offline bool
	}{
		{"not set up", func(e *env) {}, ExitNoToken, "Not set up yet\nSign in first: iobeya-token login --platform", "none", false},
		{"signed in, no token", func(e *env) { e.login() }, ExitNoToken, "iobeya-token generate", "none", false},
		{"valid", func(e *env) { e.login(); e.must("generate", "--yes") }, ExitOK, "Valid", "valid", false},
		{"revoked behind the back", func(e *env) {
			e.login()
			e.must("generate", "--yes")
			access := testenv.JSONField(e.t, e.stored("session"), "access")
			req, _ := http.NewRequest("DELETE", e.srv.URL()+"/v1/personal-access-token", nil)
			req.Header.Set("Authorization", "Bearer "+access)
			resp, err := http.DefaultClient.Do(req)
			if err != nil || resp.StatusCode != 204 {
				e.t.Fatalf("revoking behind the back: %v %v", resp, err)
			}
		}, ExitExpired, "Revoked", "revoked", false},
		{"platform fails", func(e *env) {
			e.login()
			e.must("generate", "--yes")
			e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointRooms, Status: 503}, {Endpoint: sandbox.EndpointPATGet, Status: 503}})
		}, ExitError, "could not be checked", "unknown", false},
		{"garbage in the keychain", func(e *env) {
			e.login()
			e.kc.Set(context.Background(), e.service(), "alice@example.com/pat", "}}not a jwt{{")
		}, ExitError, "damaged — revoke it and generate a new one", "unknown", false},
		{"token without expiry, offline", func(e *env) {
			e.login()
			e.kc.Set(context.Background(), e.service(), "alice@example.com/pat", testenv.FakeJWT(`{"sub":"u_alice","jti":"pat_1"}`))
		}, ExitError, "no expiry date — ask the platform", "unknown", true},
		{"signed out, no token", func(e *env) { e.login(); e.must("logout") }, ExitNoToken, "Sign in first: iobeya-token login", "none", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, sandbox.Config{})
			tt.setup(e)
			args := []string{"status"}
			if tt.offline {
				args = append(args, "--offline")
			}
			r := e.run(args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.say) {
				t.Errorf("status: %s\nwant exit %d and %q", r, tt.code, tt.say)
			}
			r = e.run(append(args, "--json")...)
			if st := decode(t, r.stdout); r.code != tt.code || st["state"] != tt.json {
				t.Errorf("status --json: %s\nwant exit %d and state %s", r, tt.code, tt.json)
			}
		})
	}
}

func TestGenerateConfirmation(t *testing.T) {
	question := "Generate a personal access token for alice@example.com on %s? It carries all your permissions. [y/N] "
	tests := []struct {
		name     string
		stdin    string
		terminal bool
		args     []string
		code     int
		say      string
		created  bool
	}{
		{"yes on a terminal", "y\n", true, nil, 0, "Generated", true},
		{"YES on a terminal", "YES\n", true, nil, 0, "Generated", true},
		{"no on a terminal", "n\n", true, nil, ExitError, "Nothing was generated.", false},
		{"just enter", "\n", true, nil, ExitError, "Nothing was generated.", false},
		{"end of input", "", true, nil, ExitError, "Nothing was generated.", false},
		{"not a terminal, no --yes", "y\n", false, nil, ExitUsage, "Add --yes to confirm.", false},
		{"not a terminal, --yes", "", false, []string{"--yes"}, 0, "Generated", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, sandbox.Config{})
			e.login()
			r := e.runWith(tt.stdin, tt.terminal, append([]string{"generate"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.say) {
				t.Errorf("got %s\nwant exit %d and %q", r, tt.code, tt.say)
			}
			asked := strings.Contains(r.stderr, strings.Replace(question, "%s", e.host(), 1))
			if asked != (tt.terminal && len(tt.args) == 0) {
				t.Errorf("asked = %v; stderr %q", asked, r.stderr)
			}
			if n := e.srv.Count(sandbox.EndpointPATCreate); (n == 1) != tt.created || n > 1 {
				t.Errorf("the platform was asked to generate %d times", n)
			}
			if (e.stored("pat") != "") != tt.created {
				t.Errorf("stored = %v, want %v", e.stored("pat") != "", tt.created)
			}
		})
	}
}

func TestGenerateWhenOneExists(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.login()
	e.must("generate", "--yes")
	first := e.stored("pat")
	r := e.run("generate", "--yes")
	if r.code != ExitError || !strings.Contains(r.stderr, "already have a personal access token") || !strings.Contains(r.stderr, "iobeya-token generate --replace") {
		t.Errorf("second generate: %s", r)
	}
	if e.stored("pat") != first {
		t.Fatal("the refused generate replaced the token")
	}
	// Without --yes and without a terminal, the existing token is what is
	// explained, not the missing confirmation.
	creates := e.srv.Count(sandbox.EndpointPATCreate)
	r = e.run("generate")
	if r.code != ExitError || !strings.Contains(r.stderr, "already have a personal access token") || strings.Contains(r.stderr, "Not confirmed") {
		t.Errorf("generate without --yes when one exists: %s", r)
	}
	if e.srv.Count(sandbox.EndpointPATCreate) != creates {
		t.Error("a refused generate reached the platform")
	}
	r = e.runWith("n\n", true, "generate", "--replace")
	if r.code != ExitError || !strings.Contains(r.stderr, "Revoke your current token and generate a new one") || e.stored("pat") != first {
		t.Errorf("replace declined: %s", r)
	}
	r = e.must("generate", "--replace", "--yes")
	if second := e.stored("pat"); second == "" || second == first {
		t.Errorf("generate --replace: %s", r)
	}
}

func TestNotSignedIn(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	r := e.run("login")
	if r.code != ExitNoToken || !strings.Contains(r.stderr, "iobeya-token login --platform") {
		t.Errorf("login without a platform: %s", r)
	}
	if err := os.WriteFile(filepath.Join(e.dir, "settings.json"), []byte(`{"platform":"`+e.srv.URL()+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"generate", "--yes"}, {"revoke", "--yes"}, {"header"}, {"copy"}} {
		r := e.run(args...)
		if r.code != ExitNoToken || !strings.Contains(r.stderr, "Sign in first: iobeya-token login") {
			t.Errorf("%v: %s", args, r)
		}
	}
	if e.srv.Count(sandbox.EndpointPATCreate)+e.srv.Count(sandbox.EndpointPATDelete) != 0 {
		t.Error("a command reached the token API without a session")
	}
}

func TestHeaderAndCopyRefuse(t *testing.T) {
	tests := []struct {
		name  string
		setup func(e *env)
		code  int
		say   string
	}{
		{"no token", func(e *env) { e.login() }, ExitNoToken, "Generate one: iobeya-token generate"},
		{"expired", func(e *env) { e.login(); e.must("generate", "--yes"); e.clock.Advance(91 * 24 * time.Hour) }, ExitExpired, "iobeya-token generate --replace"},
		{"damaged", func(e *env) {
			e.login()
			e.kc.Set(context.Background(), e.service(), "alice@example.com/pat", "garbage")
		}, ExitError, "damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, sandbox.Config{})
			tt.setup(e)
			for _, cmd := range []string{"header", "copy"} {
				r := e.run(cmd)
				if r.code != tt.code || !strings.Contains(r.stderr, tt.say) || r.stdout != "" {
					t.Errorf("%s: %s\nwant exit %d and %q", cmd, r, tt.code, tt.say)
				}
			}
			if len(e.cb.writes) != 0 {
				t.Error("the clipboard was written")
			}
		})
	}
}

func TestHeaderFormatsAndNewline(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.login()
	e.must("generate", "--yes")
	pat := e.stored("pat")
	for format, want := range map[string]string{
		"bearer":        "Bearer " + pat,
		"header":        "Authorization: Bearer " + pat,
		"token":         pat,
		"powerautomate": `{"Authorization": "Bearer ` + pat + `"}`,
	} {
		if r := e.must("header", "--format", format); r.stdout != want {
			t.Errorf("header --format %s printed %q", format, r.stdout)
		}
		if r := e.runWith("", true, "header", "--format", format); r.code != 0 || r.stdout != want+"\n" {
			t.Errorf("header --format %s on a terminal printed %q", format, r.stdout)
		}
	}
}

func TestCopy(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.login()
	e.must("generate", "--yes")
	pat := e.stored("pat")

	var waited []time.Duration
	fire := func(change string) func(time.Duration) <-chan time.Time {
		return func(d time.Duration) <-chan time.Time {
			waited = append(waited, d)
			if change != "" {
				e.cb.set(change) // the user copied something else meanwhile
			}
			ch := make(chan time.Time, 1)
			ch <- start
			return ch
		}
	}

	e.after = fire("")
	r := e.must("copy", "--format", "powerautomate", "--clear-after", "10s")
	if len(e.cb.writes) != 2 || e.cb.writes[0] != `{"Authorization": "Bearer `+pat+`"}` || e.cb.writes[1] != "" {
		t.Errorf("clipboard writes %q", e.cb.writes)
	}
	if !strings.Contains(r.stdout, "Clipboard cleared.") || strings.Contains(r.stdout+r.stderr, pat) {
		t.Errorf("copy printed %s", r)
	}
	if len(waited) != 1 || waited[0] != 10*time.Second {
		t.Errorf("waited %v", waited)
	}

	e.cb.writes, waited = nil, nil
	e.after = fire("my shopping list")
	r = e.must("copy")
	if e.cb.content != "my shopping list" || len(e.cb.writes) != 1 || e.cb.writes[0] != "Bearer "+pat {
		t.Errorf("the user's own copy was overwritten: content %q writes %q", e.cb.content, e.cb.writes)
	}
	if !strings.Contains(r.stdout, "left as it is") || len(waited) != 1 || waited[0] != 90*time.Second {
		t.Errorf("copy printed %s, waited %v (want the 90 s default)", r, waited)
	}

	e.cb.writes, waited = nil, nil
	r = e.must("copy", "--clear-after", "0")
	if len(waited) != 0 || len(e.cb.writes) != 1 || strings.Contains(r.stdout, "cleared") {
		t.Errorf("--clear-after 0: waited %v, writes %d, %s", waited, len(e.cb.writes), r)
	}

	e.cb.writeErr = errors.New("xclip failed: exit status 1 Error: Can't open display: :99")
	r = e.run("copy")
	if r.code != ExitError || !strings.Contains(r.stderr, "clipboard could not be used") || !strings.Contains(r.stderr, "iobeya-token header") {
		t.Errorf("a failing clipboard: %s", r)
	}
}

func TestCopyWithoutClipboardProgram(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.login()
	e.must("generate", "--yes")
	var out, errb strings.Builder
	stdio := e.io("", false, &out, &errb)
	stdio.Clipboard = nil // the system's, and there is no display
	code := Run(context.Background(), []string{"copy"}, stdio)
	if code != ExitError || !strings.Contains(errb.String(), "No clipboard is available here") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

func TestRevokeNotConfirmedByPlatform(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.login()
	e.must("generate", "--yes")
	pat := e.stored("pat")
	e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointPATDelete, Status: 503}})
	r := e.run("revoke", "--yes")
	if r.code != ExitError || !strings.Contains(r.stderr, "was not revoked") || !strings.Contains(r.stderr, "still kept in the keychain") {
		t.Errorf("revoke on 503: %s", r)
	}
	if e.stored("pat") != pat {
		t.Error("the token was removed although the platform did not confirm")
	}
	r = e.run("revoke")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--yes") {
		t.Errorf("revoke without --yes off a terminal: %s", r)
	}
	r = e.runWith("n\n", true, "revoke")
	if r.code != ExitError || !strings.Contains(r.stderr, "Revoke the personal access token of alice@example.com on "+e.host()+"? Tools using it stop working. [y/N]") || !strings.Contains(r.stderr, "Nothing was revoked.") {
		t.Errorf("revoke answered n: %s", r)
	}
}

func TestGenerateUnstoredIsShownOnce(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.login()
	real := e.kc
	e.kc = failingPAT{real}
	r := e.run("generate", "--yes")
	if r.code != ExitError {
		t.Fatalf("generate: %s", r)
	}
	token := strings.TrimSpace(r.stdout)
	if strings.Count(r.stdout, "\n") != 1 || !strings.HasPrefix(token, "eyJ") {
		t.Fatalf("stdout should be the token alone: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "could not be saved in the keychain") || !strings.Contains(r.stderr, "shown only this once") || strings.Contains(r.stderr, token) {
		t.Errorf("stderr: %q", r.stderr)
	}
	if v, _ := real.Get(context.Background(), e.service(), "alice@example.com/pat"); v != "" {
		t.Error("the token is in the keychain although storing failed")
	}
	for _, root := range []string{e.dir, os.TempDir()} {
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if data, err := os.ReadFile(path); err == nil && strings.Contains(string(data), token) {
					t.Errorf("the token was written to %s", path)
				}
			}
			return nil
		})
	}
}

// failingPAT is a keychain that cannot store tokens (sessions work).
type failingPAT struct{ companion.Keychain }

func (k failingPAT) Set(ctx context.Context, service, account, secret string) error {
	if strings.HasSuffix(account, "/pat") {
		return &keychain.Error{Op: keychain.OpSet, Kind: keychain.ErrUnavailable}
	}
	return k.Keychain.Set(ctx, service, account, secret)
}

func TestLoginFailures(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	down, _ := sandbox.Start(sandbox.Config{})
	downURL := down.URL()
	down.Close()
	r := e.run("login", "--platform", downURL)
	if r.code != ExitError || !strings.Contains(r.stderr, "Can't reach "+strings.TrimPrefix(downURL, "http://")) {
		t.Errorf("login to a platform that is down: %s", r)
	}
	noS256, _ := sandbox.Start(sandbox.Config{WithoutS256: true, AutoApprove: "alice@example.com"})
	defer noS256.Close()
	r = e.run("login", "--platform", noS256.URL())
	if r.code != ExitError || !strings.Contains(r.stderr, "does not support secure sign-in for desktop apps") {
		t.Errorf("login to a platform without S256: %s", r)
	}
	e.srv.SetAutoApprove("")
	r = e.run("login", "--platform", e.srv.URL(), "--no-browser", "--timeout", "100ms")
	if r.code != ExitError || !strings.Contains(r.stderr, "Open this link in your browser to sign in:\n  "+e.srv.URL()+"/") || !strings.Contains(r.stderr, "not finished in time") {
		t.Errorf("login timing out: %s", r)
	}
	if v := e.stored("session"); v != "" {
		t.Error("a failed login left a session")
	}
}

func TestDoctorCommand(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.login()
	r := e.run("doctor")
	if !strings.HasPrefix(r.stdout, "iobeya-token 1.2.3") || !strings.Contains(r.stdout, "Keychain") || !strings.Contains(r.stdout, "Platform") {
		t.Errorf("doctor: %s", r)
	}
	// The test clock is far from the sandbox's Date header: exit 1 then.
	if (r.code == 0) != !strings.Contains(r.stdout, "✗") {
		t.Errorf("doctor exit %d does not match its report:\n%s", r.code, r.stdout)
	}
}

func TestDamagedSettings(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	path := filepath.Join(e.dir, "settings.json")
	os.WriteFile(path, []byte("{not json"), 0o600)
	r := e.run("status")
	if r.code != ExitError || !strings.Contains(r.stderr, path) {
		t.Errorf("status with damaged settings: %s", r)
	}
}

// TestLoginBadPlatforms: sign-in problems that reach the command line each
// get plain words and a next step, exit 1, and leave no session.
func TestLoginBadPlatforms(t *testing.T) {
	tests := []struct {
		name   string
		scfg   sandbox.Config
		faults []sandbox.Fault
		say    string
	}{
		{"discovery names another issuer", sandbox.Config{Issuer: "https://evil.example.com"}, nil, "belongs to another address"},
		{"no PKCE S256", sandbox.Config{WithoutS256: true}, nil, "does not support secure sign-in for desktop apps"},
		{"the platform fails the authorization", sandbox.Config{}, []sandbox.Fault{{Endpoint: sandbox.EndpointAuthorize, Status: 500}}, "refused the sign-in"},
		{"the token endpoint fails", sandbox.Config{}, []sandbox.Fault{{Endpoint: sandbox.EndpointToken, Status: 500}}, "could not finish the sign-in"},
		{"the token endpoint rejects the code", sandbox.Config{}, []sandbox.Fault{{Endpoint: sandbox.EndpointToken, Status: 400}}, "sign-in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.scfg)
			e.srv.SetFaults(tt.faults)
			r := e.run("login", "--platform", e.srv.URL(), "--timeout", "20s")
			if r.code != ExitError || !strings.Contains(r.stderr, tt.say) || r.stdout != "" {
				t.Errorf("got %s\nwant exit 1 and %q", r, tt.say)
			}
			if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) < 2 {
				t.Errorf("no next step: %q", r.stderr)
			}
			if e.stored("session") != "" {
				t.Error("a failed sign-in left a session")
			}
			// Apart from the sign-in link (state and challenge are not
			// secret), nothing code- or token-shaped is printed.
			var rest []string
			for _, line := range strings.Split(r.stderr, "\n") {
				if !strings.HasPrefix(line, "  "+e.srv.URL()+"/s/oauth/authorize?") {
					rest = append(rest, line)
				}
			}
			for _, secretish := range []string{"code", "verifier", "at_", "rt_", "eyJ"} {
				if strings.Contains(strings.Join(rest, "\n"), secretish) {
					t.Errorf("stderr mentions %q: %q", secretish, r.stderr)
				}
			}
		})
	}
}

// TestGenerateShortLivedWarns: a token that expires within the hour is
// kept, and the command line says so plainly.
func TestGenerateShortLivedWarns(t *testing.T) {
	e := newEnv(t, sandbox.Config{TokenTTL: 30 * time.Minute})
	e.login()
	r := e.run("generate", "--yes")
	if r.code != ExitOK || !strings.Contains(r.stdout, "kept in the keychain") || !strings.Contains(r.stderr, "Your new token expires in 30 minutes") {
		t.Errorf("generate: %s", r)
	}
}
