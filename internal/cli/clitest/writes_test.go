package clitest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// TestTwoRevokesAtOnce: two processes revoke at once; both end well, and
// neither reports the keychain as missing.
func TestTwoRevokesAtOnce(t *testing.T) {
	e := newEnv(t, sandbox.Config{Latency: 200 * time.Millisecond})
	e.must("login", "--platform", e.srv.URL())
	e.must("generate", "--yes")
	rs := e.atOnce([]string{"revoke", "--yes"}, []string{"revoke", "--yes"})
	for _, r := range rs {
		if r.code != 0 || strings.Contains(r.stderr, "keychain") {
			t.Errorf("revoke: %s", r)
		}
	}
	if e.stored("pat") != "" {
		t.Error("the token is still stored")
	}
}

// TestTwoReplacesAtOnce: two generate --replace at once never both report
// "Generated": the second sees the token changed while it waited.
func TestTwoReplacesAtOnce(t *testing.T) {
	// The latency makes each replacement take seconds, so both processes
	// have read the token before the first one replaces it.
	e := newEnv(t, sandbox.Config{Latency: time.Second})
	e.must("login", "--platform", e.srv.URL())
	e.must("generate", "--yes")
	rs := e.atOnce([]string{"generate", "--replace", "--yes"}, []string{"generate", "--replace", "--yes"})
	generated := 0
	for _, r := range rs {
		switch {
		case r.code == 0 && strings.HasPrefix(r.stdout, "Generated"):
			generated++
		case r.code != 1 || !strings.Contains(r.stderr, "Another iObeya Token changed your token"):
			t.Errorf("generate --replace: %s", r)
		}
	}
	if generated != 1 {
		t.Errorf("%d processes reported Generated, want 1", generated)
	}
	if r := e.run("status"); r.code != 0 {
		t.Errorf("the stored token is not the active one: %s", r)
	}
}

// atOnce runs the command lines in separate processes at the same time.
func (e *env) atOnce(argss ...[]string) []result {
	e.t.Helper()
	rs := make([]result, len(argss))
	var wg sync.WaitGroup
	for i, args := range argss {
		cmd := e.command("", nil, args...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Start(); err != nil {
			e.t.Fatal(err)
		}
		wg.Go(func() {
			_ = cmd.Wait()
			rs[i] = result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
		})
	}
	wg.Wait()
	for _, r := range rs {
		e.secrets.printed(r)
	}
	return rs
}

// bigPAT grows the platform's new token by a claim of n bytes on its way to
// the app, and shrinks it back on its way to the platform (whose signature
// check it would fail): the app handles a large token end to end.
type bigPAT struct {
	base http.RoundTripper
	n    int

	mu       sync.Mutex
	big, raw string
}

func (b *bigPAT) RoundTrip(r *http.Request) (*http.Response, error) {
	b.mu.Lock()
	big, raw := b.big, b.raw
	b.mu.Unlock()
	if big != "" && r.Header.Get("Authorization") == "Bearer "+big {
		r = r.Clone(r.Context())
		r.Header.Set("Authorization", "Bearer "+raw)
	}
	resp, err := b.base.RoundTrip(r)
	if err != nil || r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/personal-access-token") || resp.StatusCode != http.StatusCreated {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	raw = m["token"].(string)
	parts := strings.Split(raw, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, err
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, err
	}
	claims["groups"] = strings.Repeat("g", b.n)
	payload, _ = json.Marshal(claims)
	big = parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
	b.mu.Lock()
	b.big, b.raw = big, raw
	b.mu.Unlock()
	m["token"] = big
	body, _ = json.Marshal(m)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// TestLargeTokenRoundTrips: a 20 kB PAT goes through generate, header and
// status with the real Secret Service.
func TestLargeTokenRoundTrips(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	big := &bigPAT{base: e.core.HTTPClient.Transport, n: 20_000}
	e.core.HTTPClient = &http.Client{Transport: big}
	e.must("login", "--platform", e.srv.URL())
	r := e.must("generate", "--yes")
	if !strings.Contains(r.stdout, "kept in the keychain") {
		t.Errorf("generate: %s", r)
	}
	big.mu.Lock()
	tok := big.big
	big.mu.Unlock()
	if len(tok) < 20_000 || e.stored("pat") != tok {
		t.Fatalf("the keychain holds %d bytes, want the %d-byte token", len(e.stored("pat")), len(tok))
	}
	e.secrets.add("token", tok)
	h := e.run("header")
	e.secrets.askedFor(h.stdout)
	if h.code != 0 || h.stdout != "Bearer "+tok {
		t.Errorf("header: exit %d, %d bytes; stderr %q", h.code, len(h.stdout), h.stderr)
	}
	if s := e.run("status"); s.code != 0 || !strings.HasPrefix(s.stdout, "Valid") {
		t.Errorf("status: %s", s)
	}
	e.secrets.check(t, nil)
}
