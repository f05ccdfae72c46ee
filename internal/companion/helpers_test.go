package companion

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// start is the fixed time every test begins at.
var start = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func newClock() *testenv.Clock { return testenv.NewClock(start) }

// mockKeychain returns a Store on a fresh in-memory keychain of the test's
// own. Not go-keyring's mock: its map has no lock, and checks running at
// once (TestConcurrentRefresh) read and write it together.
func mockKeychain(t testing.TB) *keychain.Store {
	t.Helper()
	return keychain.New(keychain.WithBackend(&testenv.MemKeychain{}))
}

// faultyKeychain wraps a keychain and fails or hangs on chosen calls.
type faultyKeychain struct {
	Keychain
	setErr func(account string) error // nil: no fault
	delErr error                      // nil: no fault
	hang   bool                       // every call waits for its ctx
}

func (k *faultyKeychain) Get(ctx context.Context, service, account string) (string, error) {
	if k.hang {
		<-ctx.Done()
		return "", &keychain.Error{Op: keychain.OpGet, Kind: keychain.ErrTimeout, Err: ctx.Err()}
	}
	return k.Keychain.Get(ctx, service, account)
}

func (k *faultyKeychain) Set(ctx context.Context, service, account, secret string) error {
	if k.hang {
		<-ctx.Done()
		return &keychain.Error{Op: keychain.OpSet, Kind: keychain.ErrTimeout, Err: ctx.Err()}
	}
	if k.setErr != nil {
		if err := k.setErr(account); err != nil {
			return err
		}
	}
	return k.Keychain.Set(ctx, service, account, secret)
}

func (k *faultyKeychain) Delete(ctx context.Context, service, account string) error {
	if k.delErr != nil {
		return k.delErr
	}
	return k.Keychain.Delete(ctx, service, account)
}

// env is one test's platform, clock, keychain and core.
type env struct {
	t      testing.TB
	srv    *sandbox.Server
	clock  *testenv.Clock
	kc     Keychain
	mem    *testenv.MemKeychain // what kc keeps, to look at or damage
	core   *Core
	dir    string
	log    *bytes.Buffer
	opener *followOpener
}

type envOption func(*sandbox.Config, *Config)

// newEnv starts a sandbox that approves alice@example.com at once, and a
// core whose platform is that sandbox (not signed in yet).
func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	e := &env{t: t, clock: newClock(), log: &bytes.Buffer{}, dir: t.TempDir()}
	scfg := sandbox.Config{
		AutoApprove: "alice@example.com",
		Now:         e.clock.Now,
		// Long-lived sessions: moving the clock by months must not end
		// the session, only the PAT.
		AccessTokenTTL: 365 * 24 * time.Hour,
	}
	e.opener = &followOpener{t: t}
	e.mem = &testenv.MemKeychain{}
	e.kc = keychain.New(keychain.WithBackend(e.mem))
	cfg := Config{
		SettingsDir: e.dir,
		// Never this computer's own machine-wide file.
		MachineConfigPath: filepath.Join(t.TempDir(), "none.json"),
		Keychain:          e.kc,
		Opener:            e.opener,
		Now:               e.clock.Now,
		Log:               e.log,
	}
	for _, o := range opts {
		o(&scfg, &cfg)
	}
	srv, err := sandbox.Start(scfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e.srv = srv
	if cfg.Keychain != e.kc {
		e.kc = cfg.Keychain
	}
	core, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.core = core
	if err := core.SetPlatform(context.Background(), srv.URL(), false); err != nil {
		t.Fatalf("SetPlatform(%s): %v", srv.URL(), err)
	}
	return e
}

// login signs alice in through the sandbox.
func (e *env) login() Account {
	e.t.Helper()
	acct, err := e.core.Login(context.Background(), LoginOptions{Timeout: 20 * time.Second})
	if err != nil {
		e.t.Fatalf("Login: %v", err)
	}
	return acct
}

// generate signs in if needed and generates a token; it returns the token
// as read back from the keychain.
func (e *env) generate() string {
	e.t.Helper()
	if e.core.Settings().Account == "" {
		e.login()
	}
	if _, err := e.core.Generate(context.Background(), true); err != nil {
		e.t.Fatalf("Generate: %v", err)
	}
	return e.stored("pat")
}

// service is the keychain service of the sandbox platform.
func (e *env) service() string {
	return keychain.ServiceFor(strings.TrimPrefix(e.srv.URL(), "http://"))
}

// stored reads alice's entry ("pat" or "session") from the keychain.
func (e *env) stored(what string) string {
	e.t.Helper()
	v, err := e.kc.Get(context.Background(), e.service(), "alice@example.com/"+what)
	if err != nil {
		e.t.Fatalf("keychain entry %s: %v", what, err)
	}
	return v
}

// has reports whether alice's entry exists in the keychain.
func (e *env) has(what string) bool {
	e.t.Helper()
	_, err := e.kc.Get(context.Background(), e.service(), "alice@example.com/"+what)
	if err != nil && !errors.Is(err, keychain.ErrNotFound) {
		e.t.Fatalf("keychain entry %s: %v", what, err)
	}
	return err == nil
}

// requests is how many requests of any kind reached the sandbox.
func (e *env) requests() int {
	n := 0
	for _, ep := range []string{
		sandbox.EndpointDiscovery, sandbox.EndpointAuthorize, sandbox.EndpointToken,
		sandbox.EndpointRevoke, sandbox.EndpointJWKS, sandbox.EndpointPATGet,
		sandbox.EndpointPATCreate, sandbox.EndpointPATDelete, sandbox.EndpointMe,
	} {
		n += e.srv.Count(ep)
	}
	return n
}

// followOpener plays the browser: it follows the sign-in link with an HTTP
// client, which the sandbox's auto-approve redirects to the app's loopback
// callback.
type followOpener struct {
	t testing.TB

	mu    sync.Mutex
	links []string
}

func (o *followOpener) Open(link string) error {
	o.mu.Lock()
	o.links = append(o.links, link)
	o.mu.Unlock()
	go follow(link)
	return nil
}

// follow requests link and follows redirects, like a browser would.
func follow(link string) {
	hc := &http.Client{Timeout: 20 * time.Second}
	resp, err := hc.Get(link)
	if err != nil {
		return // the sign-in then times out, and the test says so
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// scanFor fails the test if any file under the roots contains secret.
func scanFor(t testing.TB, secret string, roots ...string) {
	t.Helper()
	if len(secret) < 8 {
		t.Fatalf("scanFor: a %d-byte secret would match by chance", len(secret))
	}
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			data, err := os.ReadFile(path)
			if err == nil && bytes.Contains(data, []byte(secret)) {
				t.Errorf("a secret was written to %s", path)
			}
			return nil
		})
	}
}
