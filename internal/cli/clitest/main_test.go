// Package clitest runs the command line end to end against the sandbox
// platform and a real Secret Service (gnome-keyring-daemon on a private
// D-Bus session, with a throw-away HOME): in process through cli.Run, in a
// separate process (this test binary re-run as the command line), and
// through the real iobeya-token binary.
package clitest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/cli"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// asCLI, set in a child's environment, makes this test binary run the
// command line (cli.Run with the real streams and defaults) instead of the
// tests: a separate process, as the real binary would be, without its
// five-minute Fyne build.
const asCLI = "IOBEYA_CLITEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(asCLI) == "1" {
		os.Exit(cli.Run(context.Background(), os.Args[1:], cli.Std("clitest")))
	}
	testenv.RunWithSecretService(m)
}

// result is what one run printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
}

// secrets collects every secret a flow handled, for the leak check.
type secrets struct {
	mu   sync.Mutex
	vals map[string]string // name → value
	outs []string          // everything printed
	// asked are outputs that hold a token because the user asked for it
	// (header's standard output); only they may.
	asked map[string]bool
}

// askedFor exempts one output, printed on purpose, from the leak check.
func (s *secrets) askedFor(out string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.asked == nil {
		s.asked = map[string]bool{}
	}
	s.asked[out] = true
}

func (s *secrets) add(name, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.vals == nil {
		s.vals = map[string]string{}
	}
	if v != "" {
		s.vals[name+fmt.Sprint(len(s.vals))] = v
	}
}

func (s *secrets) printed(r result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outs = append(s.outs, r.stdout, r.stderr)
}

// check fails t if a secret is in anything printed or in a file under roots.
func (s *secrets) check(t *testing.T, want []string, roots ...string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range want {
		found := false
		for name := range s.vals {
			found = found || strings.HasPrefix(name, w)
		}
		if !found {
			t.Errorf("leak check: the flow never saw a %s, so its absence proves nothing", w)
		}
	}
	var printed []string
	for _, out := range s.outs {
		if !s.asked[out] {
			printed = append(printed, out)
		}
	}
	all := strings.Join(printed, "\n")
	for name, v := range s.vals {
		if strings.Contains(all, v) {
			t.Errorf("leak check: the %s was printed", name)
		}
	}
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			for name, v := range s.vals {
				if bytes.Contains(data, []byte(v)) {
					t.Errorf("leak check: the %s is in %s", name, path)
				}
			}
			return nil
		})
	}
}

// spy is an HTTP transport that watches the sign-in's token request, so
// the leak check knows the code and the PKCE verifier.
type spy struct {
	base http.RoundTripper
	s    *secrets
}

func (p *spy) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/oauth/token") && r.Body != nil {
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return nil, err
		}
		if form, err := url.ParseQuery(string(body)); err == nil {
			p.s.add("code", form.Get("code"))
			p.s.add("verifier", form.Get("code_verifier"))
			p.s.add("refresh token", form.Get("refresh_token"))
		}
		r = r.Clone(r.Context())
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	return p.base.RoundTrip(r)
}

// browser follows sign-in links like a browser, and notes the code the
// platform sends back to the app.
type browser struct{ s *secrets }

func (b browser) Open(link string) error {
	go b.follow(link)
	return nil
}

func (b browser) follow(link string) {
	hc := &http.Client{
		Timeout: 30 * time.Second,
		CheckRedirect: func(req *http.Request, _ []*http.Request) error {
			if req.URL.Path == "/callback" {
				b.s.add("code", req.URL.Query().Get("code"))
			}
			return nil
		},
	}
	resp, err := hc.Get(link)
	if err != nil {
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// env is one test's sandbox, home and secrets.
type env struct {
	t       *testing.T
	srv     *sandbox.Server
	home    string
	secrets *secrets
	core    companion.Config // in-process configuration
}

func newEnv(t *testing.T, scfg sandbox.Config) *env {
	t.Helper()
	testenv.RequireSecretService(t)
	home := testenv.ThrowAwayHome(t)
	if scfg.AutoApprove == "" {
		scfg.AutoApprove = "alice@example.com"
	}
	srv, err := sandbox.Start(scfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	s := &secrets{}
	e := &env{t: t, srv: srv, home: home, secrets: s}
	e.core = companion.Config{
		HTTPClient: &http.Client{Transport: &spy{base: http.DefaultTransport, s: s}},
		Opener:     browser{s},
	}
	return e
}

func (e *env) host() string { return strings.TrimPrefix(e.srv.URL(), "http://") }

// run runs the command line in process, with the real keychain and the
// default settings folder of the throw-away HOME.
func (e *env) run(args ...string) result {
	e.t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), args, cli.IO{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Env: os.Getenv, Version: "clitest", Core: e.core,
	})
	r := result{out.String(), errb.String(), code}
	e.secrets.printed(r)
	return r
}

func (e *env) must(args ...string) result {
	e.t.Helper()
	r := e.run(args...)
	if r.code != 0 {
		e.t.Fatalf("iobeya-token %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// stored reads alice's entry from the real keychain; "" when absent.
func (e *env) stored(what string) string {
	v, _ := keychain.New().Get(context.Background(), keychain.ServiceFor(e.host()), "alice@example.com/"+what)
	return v
}

// noteSession adds the stored session's tokens to the leak check.
func (e *env) noteSession() {
	e.t.Helper()
	sess := e.stored("session")
	if sess == "" {
		e.t.Fatal("no session in the keychain")
	}
	access, refresh := testenv.JSONField(e.t, sess, "access"), testenv.JSONField(e.t, sess, "refresh")
	e.secrets.add("access token", access)
	e.secrets.add("refresh token", refresh)
}

// proc runs args through a separate process: bin, or this test binary
// acting as the command line when bin is "". extraEnv is added to the
// environment (the throw-away HOME and the D-Bus session are inherited).
func (e *env) proc(bin string, extraEnv []string, args ...string) result {
	e.t.Helper()
	cmd := e.command(bin, extraEnv, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
	if err != nil && r.code < 0 {
		e.t.Fatalf("running %v: %v", args, err)
	}
	e.secrets.printed(r)
	return r
}

func (e *env) command(bin string, extraEnv []string, args ...string) *exec.Cmd {
	env := append(os.Environ(), extraEnv...)
	if bin == "" {
		bin = os.Args[0]
		env = append(env, asCLI+"=1")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	e.t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader("")
	return cmd
}

// linkLine is how login --no-browser prints the sign-in link.
var linkLine = regexp.MustCompile(`^\s+(http://\S+)$`)

// procLogin runs login --no-browser in a separate process and follows the
// link it prints, like a person pasting it into a browser.
func (e *env) procLogin(bin string, extraEnv []string, args ...string) result {
	e.t.Helper()
	cmd := e.command(bin, extraEnv, append([]string{"login", "--platform", e.srv.URL(), "--no-browser", "--timeout", "60s"}, args...)...)
	var out bytes.Buffer
	cmd.Stdout = &out
	pipe, err := cmd.StderrPipe()
	if err != nil {
		e.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	var errb strings.Builder
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		line := sc.Text()
		errb.WriteString(line + "\n")
		if m := linkLine.FindStringSubmatch(line); m != nil {
			go browser{e.secrets}.follow(m[1])
		}
	}
	cmd.Wait()
	r := result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
	e.secrets.printed(r)
	return r
}

// binary builds cmd/iobeya-token once.
var binary = sync.OnceValues(func() (string, error) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "iobeya-token-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "iobeya-token")
	// The first cgo build of Fyne takes minutes; later ones hit the cache.
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/iobeya-token")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/iobeya-token: %v\n%s", err, out)
	}
	return bin, nil
})

func needBinary(t *testing.T) string {
	t.Helper()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
