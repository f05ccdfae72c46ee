package clitest

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
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

// TestLargeTokenRoundTrips: a 20 kB PAT goes through generate, header and
// status with the real Secret Service.
func TestLargeTokenRoundTrips(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	// The grown claim breaks the signature: requests go back with the original.
	big := &testenv.PATRewriter{Base: e.core.HTTPClient.Transport, Replace: testenv.PadJWT(20_000), Restore: true}
	e.core.HTTPClient = &http.Client{Transport: big}
	e.must("login", "--platform", e.srv.URL())
	r := e.must("generate", "--yes")
	if !strings.Contains(r.stdout, "kept in the keychain") {
		t.Errorf("generate: %s", r)
	}
	tok := big.Changed()
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
