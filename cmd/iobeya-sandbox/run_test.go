package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// TestMain lets the test binary act as the command, so the signal test runs
// the real main in a child process without a separate build.
func TestMain(m *testing.M) {
	if os.Getenv("IOBEYA_SANDBOX_TEST_MAIN") == "1" {
		os.Args = append([]string{"iobeya-sandbox"}, strings.Fields(os.Getenv("IOBEYA_SANDBOX_TEST_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

var firstLine = regexp.MustCompile(`^iObeya sandbox platform listening on (http://127\.0\.0\.1:[0-9]+)$`)

func TestFlagErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"--bogus"}, "-bogus"},
		{"positional argument", []string{"extra"}, `unexpected argument "extra"`},
		{"latency not a duration", []string{"--latency", "soon"}, "write a delay like 250ms"},
		{"negative latency", []string{"--latency", "-1s"}, "write a delay like 250ms"},
		{"token-ttl not a duration", []string{"--token-ttl", "forever"}, "whole days like 90d"},
		{"token-ttl zero days", []string{"--token-ttl", "0d"}, "whole days like 90d"},
		{"token-ttl fractional days", []string{"--token-ttl", "1.5d"}, "whole days like 90d"},
		{"token-ttl under a second", []string{"--token-ttl", "10ms"}, "at least one second"},
		{"fail without status", []string{"--fail", "token"}, "ENDPOINT=STATUS"},
		{"fail unknown endpoint", []string{"--fail", "nowhere=500"}, "unknown endpoint"},
		{"fail success status", []string{"--fail", "token=200"}, "not an error status"},
		{"fail bad rate", []string{"--fail", "token=500:2"}, "rate"},
		{"auto-approve unknown account", []string{"--addr", "127.0.0.1:0", "--auto-approve", "mallory@example.com"}, "not a demo account"},
		{"addr without port", []string{"--addr", "127.0.0.1"}, "host:port"},
		{"addr on every interface", []string{"--addr", "0.0.0.0:8080"}, "--public"},
		{"addr without host", []string{"--addr", ":8080"}, "--public"},
		{"addr remote", []string{"--addr", "192.0.2.10:8080"}, "--public"},
		{"bool flag with a value", []string{"--public=maybe"}, "-public"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q, want nothing", stdout.String())
			}
			msg := stderr.String()
			if !strings.HasPrefix(msg, "iobeya-sandbox: ") || !strings.Contains(msg, tt.want) || strings.Count(msg, "\n") != 2 {
				t.Errorf("stderr %q: want one plain line naming %q and a pointer to -h", msg, tt.want)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, &stdout, &stderr); code != 0 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"-addr", `"127.0.0.1:8080"`, "-token-ttl", "90d", "-auto-approve", "-latency", "-fail", "-state", "-public",
		"-no-discovery", "-no-pat-api", "-no-me", "-confidential-client", "-client-secret-file", "IOBEYA_SANDBOX_CLIENT_SECRET", "-client-redirect-port", "-no-public-client", "rooms, boards"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, stdout.String())
		}
	}
}

// lineWriter hands over the first line written to it and keeps the rest.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	first chan string
	sent  bool
}

func newLineWriter() *lineWriter { return &lineWriter{first: make(chan string, 1)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if line, _, ok := strings.Cut(w.buf.String(), "\n"); ok && !w.sent {
		w.sent = true
		w.first <- line
	}
	return len(p), nil
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// startRun runs the command in-process until the returned stop is called.
func startRun(t *testing.T, args ...string) (url string, stop func() (int, string, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := newLineWriter(), newLineWriter()
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, stdout, stderr) }()
	select {
	case line := <-stdout.first:
		m := firstLine.FindStringSubmatch(line)
		if m == nil {
			cancel()
			t.Fatalf("first line %q", line)
		}
		url = m[1]
	case code := <-done:
		cancel()
		t.Fatalf("exited %d before printing its URL: %s", code, stderr.String())
	}
	return url, func() (int, string, string) {
		cancel()
		code := <-done
		return code, stdout.String(), stderr.String()
	}
}

func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestPrintsURLServesAndLogs(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	url, stop := startRun(t, "--addr", "127.0.0.1:0", "--auto-approve", "bob@example.com", "--latency", "1ms",
		"--token-ttl", "2s", "--fail", "jwks=503", "--fail", "me=429", "--state", state)
	if code := get(t, url+"/.well-known/oauth-authorization-server"); code != http.StatusOK {
		t.Errorf("discovery: %d", code)
	}
	if code := get(t, url+"/s/oauth/jwks"); code != http.StatusServiceUnavailable {
		t.Errorf("--fail jwks=503: %d", code)
	}
	code, stdout, stderr := stop()
	if code != 0 {
		t.Errorf("exit %d after stop; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"Demo platform", "alice@example.com", "demo-alice", "bob@example.com",
		"approved at once for bob@example.com", url + "/v1", state, "Failing jwks with 503", "Ctrl+C"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("how-to lacks %q:\n%s", want, stdout)
		}
	}
	for _, want := range []string{"GET /.well-known/oauth-authorization-server 200", "GET /s/oauth/jwks 503", "stopping"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(state); err != nil {
		t.Errorf("--state file: %v", err)
	}
}

func TestPublicAllowsEveryInterface(t *testing.T) {
	url, stop := startRun(t, "--addr", "0.0.0.0:0", "--public")
	if code := get(t, url+"/.well-known/openid-configuration"); code != http.StatusOK {
		t.Errorf("discovery: %d", code)
	}
	if code, _, stderr := stop(); code != 0 {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestBusyPortExitsOne(t *testing.T) {
	url, stop := startRun(t, "--addr", "127.0.0.1:0")
	defer stop()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--addr", strings.TrimPrefix(url, "http://")}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1; stderr %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "listen") {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestDamagedStateExitsOne(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(state, []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--addr", "127.0.0.1:0", "--state", state}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "damaged") || !strings.Contains(stderr.String(), state) {
		t.Errorf("stderr %q", stderr.String())
	}
}

// TestStopsOnSignal runs the real main in a child process and stops it
// the way a terminal or a service manager would.
func TestStopsOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			exe, err := os.Executable()
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), "IOBEYA_SANDBOX_TEST_MAIN=1", "IOBEYA_SANDBOX_TEST_ARGS=--addr 127.0.0.1:0")
			stdout, stderr := newLineWriter(), newLineWriter()
			cmd.Stdout, cmd.Stderr = stdout, stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var m []string
			select {
			case line := <-stdout.first:
				if m = firstLine.FindStringSubmatch(line); m == nil {
					cmd.Process.Kill()
					t.Fatalf("first line %q", line)
				}
			case err := <-exited:
				t.Fatalf("exited before printing its URL (%v): %s", err, stderr.String())
			}
			if code := get(t, m[1]+"/v1/me"); code != http.StatusUnauthorized {
				t.Errorf("/v1/me without a token: %d", code)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if err := <-exited; err != nil {
				t.Errorf("after %v: %v; stderr:\n%s", sig, err, stderr.String())
			}
			if !strings.Contains(stderr.String(), "stopping") || !strings.Contains(stderr.String(), "GET /v1/me 401") {
				t.Errorf("stderr:\n%s", stderr.String())
			}
		})
	}
}

// testSecret is made at run time: no secret-shaped literal in the source.
func testSecret() string { return "cs-" + strings.Repeat("q", 30) }

func TestClientSecretErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(file, []byte(testSecret()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"client without a secret", []string{"--confidential-client", "app"}, "", "needs a secret"},
		{"file and environment", []string{"--confidential-client", "app", "--client-secret-file", file}, testSecret(), "not both"},
		{"file without a client", []string{"--client-secret-file", file}, "", "without --confidential-client"},
		{"environment without a client", nil, testSecret(), "without --confidential-client"},
		{"missing file", []string{"--confidential-client", "app", "--client-secret-file", file + ".nope"}, "", "could not be read"},
		{"empty file", []string{"--confidential-client", "app", "--client-secret-file", empty}, "", "is empty"},
		{"the public client's id", []string{"--addr", "127.0.0.1:0", "--confidential-client", "iobeya-token"}, testSecret(), "must differ"},
		{"port without a client", []string{"--addr", "127.0.0.1:0", "--client-redirect-port", "8080"}, "", "without a confidential client"},
		{"no client at all", []string{"--addr", "127.0.0.1:0", "--no-public-client"}, "", "no app could sign in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(secretEnv, tt.env)
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tt.args, &stdout, &stderr); code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.want)
			}
			if strings.Contains(stderr.String(), testSecret()) {
				t.Error("the secret is in the message")
			}
		})
	}
}

// TestConfidentialClientFromFileOrEnv starts the platform with the secret
// each way and exchanges nothing but checks the token endpoint knows the
// client: a wrong secret is invalid_client, the right one gets past the
// client check (to invalid_grant for a made-up code).
func TestConfidentialClientFromFileOrEnv(t *testing.T) {
	file := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(file, []byte(testSecret()+"\r\nignored second line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		env  string
	}{
		{"file", []string{"--client-secret-file", file}, ""},
		{"environment", nil, testSecret()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(secretEnv, tt.env)
			url, stop := startRun(t, append([]string{"--addr", "127.0.0.1:0", "--confidential-client", "it-app", "--client-redirect-port", "47800", "--no-public-client"}, tt.args...)...)
			if got := get(t, url+"/s/oauth/authorize?client_id=iobeya-token&redirect_uri=http%3A%2F%2F127.0.0.1%3A47800%2Fcallback"); got != http.StatusBadRequest {
				t.Errorf("--no-public-client: the public client's sign-in answered %d", got)
			}
			for secret, want := range map[string]int{testSecret(): http.StatusBadRequest, "wrong": http.StatusUnauthorized} {
				req, _ := http.NewRequest(http.MethodPost, url+"/s/oauth/token", strings.NewReader("grant_type=authorization_code&code=x&redirect_uri=http%3A%2F%2F127.0.0.1%3A47800%2Fcallback&code_verifier=x"))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.SetBasicAuth("it-app", secret)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != want {
					t.Errorf("secret right %v: status %d, want %d", secret == testSecret(), resp.StatusCode, want)
				}
			}
			code, stdout, stderr := stop()
			if code != 0 {
				t.Errorf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, `Confidential client "it-app"`) || !strings.Contains(stdout, "port 47800") || !strings.Contains(stdout, "--no-public-client") {
				t.Errorf("how-to:\n%s", stdout)
			}
			if strings.Contains(stdout+stderr, testSecret()) {
				t.Error("the secret was printed")
			}
		})
	}
}

func TestPublicFactsSwitches(t *testing.T) {
	url, stop := startRun(t, "--addr", "127.0.0.1:0", "--no-discovery", "--no-pat-api", "--no-me", "--fail", "boards=503")
	for path, want := range map[string]int{
		"/.well-known/oauth-authorization-server": 404, "/.well-known/openid-configuration": 404,
		"/v1/personal-access-token": 404, "/v1/me": 404, "/v1/rooms?page=1&size=1": 401, "/v1/boards": 503,
		"/s/personal-access-token": 200, // after the redirect to the sign-in page
	} {
		if got := get(t, url+path); got != want {
			t.Errorf("%s: %d, want %d", path, got, want)
		}
	}
	code, stdout, stderr := stop()
	if code != 0 {
		t.Errorf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Discovery: none", "/v1 (rooms, boards)", "/s/oauth/token", "/s/personal-access-token", "carol@example.com (password demo-carol, no API access)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("how-to lacks %q:\n%s", want, stdout)
		}
	}
}
