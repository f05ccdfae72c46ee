package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/signin"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// start is the fixed time of every test's clock.
var start = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// fakeClipboard is an in-memory clipboard that records every write.
type fakeClipboard struct {
	mu       sync.Mutex
	content  string
	writes   []string
	writeErr error
}

func (c *fakeClipboard) Write(_ context.Context, text string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.writeErr != nil {
		return c.writeErr
	}
	c.content = text
	c.writes = append(c.writes, text)
	return nil
}

func (c *fakeClipboard) Read(context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.content, nil
}

func (c *fakeClipboard) set(text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.content = text
}

// env is a sandbox, a mock keychain, a clock and a settings folder that
// successive runs of the command line share.
type env struct {
	t     testing.TB
	srv   *sandbox.Server
	clock *testenv.Clock
	kc    companion.Keychain
	dir   string
	cb    *fakeClipboard
	after func(time.Duration) <-chan time.Time
	vars  map[string]string // the environment of each run; empty: none
}

func newEnv(t testing.TB, scfg sandbox.Config) *env {
	t.Helper()
	e := &env{t: t, clock: testenv.NewClock(start), dir: t.TempDir(), cb: &fakeClipboard{}}
	if scfg.AutoApprove == "" {
		scfg.AutoApprove = "alice@example.com"
	}
	scfg.Now = e.clock.Now
	scfg.AccessTokenTTL = 365 * 24 * time.Hour
	srv, err := sandbox.Start(scfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e.srv = srv
	// Its own keychain in memory: go-keyring's mock has no lock.
	e.kc = keychain.New(keychain.WithBackend(&testenv.MemKeychain{}))
	return e
}

// result is what one run printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
}

// io returns the IO of one run: not a terminal, unless terminal is set.
func (e *env) io(stdin string, terminal bool, stdout, stderr io.Writer) IO {
	return IO{
		Stdin:      strings.NewReader(stdin),
		Stdout:     stdout,
		Stderr:     stderr,
		IsTerminal: terminal,
		Env:        func(k string) string { return e.vars[k] },
		Version:    "1.2.3",
		Core: companion.Config{
			SettingsDir: e.dir,
			Keychain:    e.kc,
			Opener:      signin.OpenerFunc(func(link string) error { go follow(link); return nil }),
			Now:         e.clock.Now,
		},
		Clipboard: e.cb,
		After:     e.after,
	}
}

// run runs the command line, not on a terminal, with empty input.
func (e *env) run(args ...string) result {
	e.t.Helper()
	return e.runWith("", false, args...)
}

func (e *env) runWith(stdin string, terminal bool, args ...string) result {
	e.t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, e.io(stdin, terminal, &out, &errb))
	return result{out.String(), errb.String(), code}
}

// must runs the command line and fails the test unless it exits 0.
func (e *env) must(args ...string) result {
	e.t.Helper()
	r := e.run(args...)
	if r.code != 0 {
		e.t.Fatalf("iobeya-token %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// login signs alice in on the sandbox.
func (e *env) login() {
	e.t.Helper()
	e.must("login", "--platform", e.srv.URL(), "--timeout", "20s")
}

// host is the sandbox's host:port, as the command line names it.
func (e *env) host() string { return strings.TrimPrefix(e.srv.URL(), "http://") }

func (e *env) service() string { return keychain.ServiceFor(e.host()) }

// stored reads alice's keychain entry, "" when there is none.
func (e *env) stored(what string) string {
	v, _ := e.kc.Get(context.Background(), e.service(), "alice@example.com/"+what)
	return v
}

// follow plays the browser: it requests link and follows redirects.
func follow(link string) {
	hc := &http.Client{Timeout: 20 * time.Second}
	resp, err := hc.Get(link)
	if err != nil {
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// decode reads status --json output.
func decode(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("status --json printed %q: %v", s, err)
	}
	return m
}
