//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// The Windows programs, run under Wine as a Windows user would run them:
// the console twin (iobeya-token.com) from a command prompt, the app
// (iobeya-token.exe, GUI subsystem) from the Start menu. The platform is
// the sandbox in this test process, over real HTTP on the loopback.

// winCLI is one Windows user with the console twin, in a prefix of its own.
type winCLI struct {
	t    *testing.T
	wine *testenv.Wine
	exe  string
}

func newWinCLI(t *testing.T) *winCLI {
	t.Helper()
	dir := testenv.WindowsBuild(t, testenv.WinConsole)
	return &winCLI{t: t, wine: testenv.NewWine(t), exe: filepath.Join(dir, testenv.WinConsole)}
}

// run runs the command line with args and no input.
func (c *winCLI) run(args ...string) testenv.WineResult {
	c.t.Helper()
	return c.wine.Run(c.t, "", c.exe, args...)
}

// must runs args and fails the test unless they exit 0.
func (c *winCLI) must(args ...string) testenv.WineResult {
	c.t.Helper()
	r := c.run(args...)
	if r.Code != 0 {
		c.t.Fatalf("iobeya-token %s: %s", strings.Join(args, " "), redacted(r))
	}
	return r
}

// jwtShape matches anything shaped like a JWT.
var jwtShape = regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`)

// redacted is r for a failure message, with every token masked: a program
// that shows a new token it could not keep prints it, and test logs must
// not hold one.
func redacted(r testenv.WineResult) string {
	return jwtShape.ReplaceAllString(r.String(), "<token>")
}

// signInLink is how login --no-browser prints the link to open.
var signInLink = regexp.MustCompile(`^\s+(http://\S+)$`)

// login signs in to platform with login --no-browser and follows the link
// it prints, as a person pasting it into a browser: the platform must
// approve at once (AutoApprove) and send the browser back to the program's
// loopback.
func (c *winCLI) login(platform string) testenv.WineResult {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testenv.WineRunWithin)
	defer cancel()
	cmd := c.wine.Command(ctx, c.exe, "login", "--platform", platform, "--no-browser", "--timeout", "90s")
	var out bytes.Buffer
	cmd.Stdout = &out
	pipe, err := cmd.StderrPipe()
	if err != nil {
		c.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	var errb strings.Builder
	followed := make(chan error, 1)
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		errb.WriteString(sc.Text() + "\n")
		if m := signInLink.FindStringSubmatch(sc.Text()); m != nil {
			go func() { followed <- follow(m[1]) }()
		}
	}
	_ = cmd.Wait()
	r := testenv.WineResult{Stdout: out.String(), Stderr: errb.String(), Code: cmd.ProcessState.ExitCode()}
	select {
	case err := <-followed:
		if err != nil {
			c.t.Errorf("following the sign-in link: %v", err)
		}
	default:
		c.t.Errorf("login printed no sign-in link: %s", redacted(r))
	}
	return r
}

// follow opens a sign-in link like a browser, redirects included.
func follow(link string) error {
	hc := &http.Client{Timeout: 60 * time.Second}
	resp, err := hc.Get(link)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// startPlatform starts the sandbox.
func startPlatform(t *testing.T, cfg sandbox.Config) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// meWith calls the platform's /v1/me with an Authorization header value.
func meWith(t *testing.T, platform, authorization string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, platform+"/v1/me", nil)
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

// TestWineCommandLine: the console twin under Wine, as from a command
// prompt: version, help, status before signing in (exit 3), a sign-in
// through the browser, generate, status --json, header (which works on the
// platform), doctor (naming the Credential Manager), revoke and status
// (exit 3 again). The token lives in Wine's Credential Manager. The
// sign-in opens the browser as on Windows (ShellExecute, which Wine hands
// to xdg-open): the browser double fills in the platform's sign-in and
// consent pages.
func TestWineCommandLine(t *testing.T) {
	t.Parallel() // each in a Wine prefix and on a display of its own
	c := newWinCLI(t)
	srv := startPlatform(t, sandbox.Config{})
	path, browserEnv := installBrowserDouble(t, "alice@example.com")
	c.wine.Setenv(append(browserEnv, "PATH="+path)...)

	if r := c.must("version"); !strings.Contains(r.Stdout, "iobeya-token") && !strings.Contains(r.Stdout, "iObeya Token") {
		t.Errorf("version: %s", redacted(r))
	}
	if r := c.must("--help"); !strings.Contains(r.Stdout, "generate") || !strings.Contains(r.Stdout, "login") {
		t.Errorf("--help: %s", redacted(r))
	}
	if r := c.run("status", "--offline"); r.Code != 3 {
		t.Errorf("status --offline before signing in: %s; want exit 3", redacted(r))
	}

	if r := c.run("login", "--platform", srv.URL(), "--timeout", "90s"); r.Code != 0 || !strings.Contains(r.Stdout, "Signed in as alice@example.com") {
		t.Fatalf("login: %s", redacted(r))
	}
	if r := c.must("generate", "--yes"); !strings.Contains(r.Stdout, "kept in") {
		t.Errorf("generate --yes: %s", redacted(r))
	}
	r := c.must("status", "--json")
	var st map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &st); err != nil {
		t.Fatalf("status --json is not JSON: %v\n%s", err, redacted(r))
	}
	if st["state"] != "valid" || st["account"] != "alice@example.com" || st["checkedWithServer"] != true {
		t.Errorf("status --json = %v; want valid, checked with the platform", st)
	}
	h := c.must("header")
	if !strings.HasPrefix(h.Stdout, "Bearer ey") || strings.ContainsAny(h.Stdout, "\r\n") {
		t.Fatalf("header printed %d bytes that are not one Bearer value", len(h.Stdout))
	}
	if code := meWith(t, srv.URL(), h.Stdout); code != http.StatusOK {
		t.Errorf("the header's value on /v1/me: HTTP %d", code)
	}
	if r := c.must("doctor"); !strings.Contains(r.Stdout+r.Stderr, "Windows Credential Manager") {
		t.Errorf("doctor does not name the Credential Manager: %s", redacted(r))
	} else if strings.Contains(r.Stdout+r.Stderr, strings.TrimPrefix(h.Stdout, "Bearer ")) {
		t.Error("doctor printed the token")
	}

	c.must("revoke", "--yes")
	if r := c.run("status"); r.Code != 3 {
		t.Errorf("status after revoke: %s; want exit 3", redacted(r))
	}
	if code := meWith(t, srv.URL(), h.Stdout); code != http.StatusUnauthorized {
		t.Errorf("the revoked token on /v1/me: HTTP %d, want 401", code)
	}
}

// TestWineLargeToken: a 20 kB token, more than the Credential Manager's
// 2,560 bytes per entry, goes through the keychain's chunks: generate
// keeps it, header gives it back whole, status reads it. The platform's
// answer is grown on its way by a proxy (the grown claim breaks the
// signature, so the proxy hands the platform back the token it issued).
func TestWineLargeToken(t *testing.T) {
	t.Parallel() // each in a Wine prefix and on a display of its own
	c := newWinCLI(t)
	big := &testenv.PATRewriter{Base: http.DefaultTransport, Replace: testenv.PadJWT(20_000), Restore: true}
	// The proxy is the platform the program knows: the sandbox names it
	// as issuer, and the proxy puts its own address in the discovery
	// document in place of the sandbox's.
	proxy := httptest.NewUnstartedServer(nil)
	t.Cleanup(proxy.Close)
	proxyURL := "http://" + proxy.Listener.Addr().String()
	srv := startPlatform(t, sandbox.Config{Issuer: proxyURL, AutoApprove: "alice@example.com"})
	sandboxURL := srv.URL()
	target, _ := url.Parse(sandboxURL)
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.Transport = big
	rp.ModifyResponse = func(resp *http.Response) error {
		if !strings.HasPrefix(resp.Request.URL.Path, "/.well-known/") {
			return nil
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		body = bytes.ReplaceAll(body, []byte(sandboxURL), []byte(proxyURL))
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Del("Content-Length")
		return nil
	}
	proxy.Config.Handler = rp
	proxy.Start()

	if r := c.login(proxyURL); r.Code != 0 {
		t.Fatalf("login: %s", redacted(r))
	}
	c.must("generate", "--yes")
	tok := big.Changed()
	if len(tok) < 20_000 {
		t.Fatalf("the platform's answer was not grown (%d bytes)", len(tok))
	}
	h := c.must("header")
	if h.Stdout != "Bearer "+tok {
		t.Errorf("header gave %d bytes back, want the %d-byte Bearer value", len(h.Stdout), len("Bearer "+tok))
	}
	if r := c.run("status"); r.Code != 0 || !strings.HasPrefix(r.Stdout, "Valid") {
		t.Errorf("status: %s", redacted(r))
	}
}

// xclipRead reads the X clipboard as target (e.g. "UTF8_STRING",
// "TARGETS"); "" when it holds nothing.
func xclipRead(t *testing.T, display, target string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xclip", "-o", "-selection", "clipboard", "-t", target)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, _ := cmd.Output()
	return string(out)
}

// TestWineCopyUnderXvfb: copy, from the console twin under Wine, puts
// exactly the Bearer value on the clipboard (Wine hands the Windows
// clipboard to X, where xclip reads it), marked so that Windows'
// clipboard history and cloud clipboard leave it out, and empties it
// after the countdown.
func TestWineCopyUnderXvfb(t *testing.T) {
	t.Parallel() // each in a Wine prefix and on a display of its own
	display := testenv.StartXvfb(t, "640x480x24", "xclip")
	c := newWinCLI(t)
	c.wine.Setenv("DISPLAY=" + display)
	srv := startPlatform(t, sandbox.Config{AutoApprove: "alice@example.com"})
	if r := c.login(srv.URL()); r.Code != 0 {
		t.Fatalf("login: %s", redacted(r))
	}
	c.must("generate", "--yes")
	header := c.must("header").Stdout

	ctx, cancel := context.WithTimeout(context.Background(), testenv.WineRunWithin)
	defer cancel()
	cmd := c.wine.Command(ctx, c.exe, "copy", "--clear-after", "8s")
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	var out strings.Builder
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "It will be cleared in") {
			break
		}
	}
	if got := xclipRead(t, display, "UTF8_STRING"); got != header {
		t.Errorf("the clipboard holds %d bytes, not the %d-byte Bearer value; copy printed %q, %q",
			len(got), len(header), out.String(), errb.String())
	}
	targets := xclipRead(t, display, "TARGETS")
	for _, mark := range []string{"ExcludeClipboardContentFromMonitorProcessing", "CanIncludeInClipboardHistory", "CanUploadToCloudClipboard"} {
		if !strings.Contains(targets, mark) {
			t.Errorf("the copy is not marked %s; the clipboard offers %q", mark, targets)
		}
	}
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("copy: %v; stderr %q", err, errb.String())
	}
	if !strings.Contains(out.String(), "Clipboard cleared.") || strings.Contains(out.String()+errb.String(), strings.TrimPrefix(header, "Bearer ")) {
		t.Errorf("copy printed %q, %q", jwtShape.ReplaceAllString(out.String(), "<token>"), errb.String())
	}
	if got := xclipRead(t, display, "UTF8_STRING"); got != "" {
		t.Errorf("after the countdown the clipboard still holds %d bytes", len(got))
	}
}

// TestWineWindow: the app, built for the GUI subsystem, under Wine on a
// virtual display, as a Windows session starts it: the tray program from
// the session's autostart (--background), then the app from the Start
// menu. The window is mapped and registers with the tray program, so a
// second start only raises it (one window, exit 0). Neither program logs
// an error: no Fyne error (the tray icon's conversion among them), no
// systray error (the tray program's icon), no start without the tray
// program. The screenshot goes to the artifacts (docs/screenshots with
// make screenshots).
func TestWineWindow(t *testing.T) {
	t.Parallel() // each in a Wine prefix and on a display of its own
	display := testenv.StartXvfb(t, "1024x700x24", "xdotool", "import")
	dir := testenv.WindowsBuild(t, testenv.WinApp, testenv.WinTray)
	w := testenv.NewWine(t)
	w.Setenv("DISPLAY=" + display)
	e := &desktopEnv{display: display, home: t.TempDir()}

	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var trayLog, appLog testenv.SyncBuffer
	tray := w.Command(ctx, filepath.Join(dir, testenv.WinTray), "--background")
	tray.Stdout, tray.Stderr = &trayLog, &trayLog
	if err := tray.Start(); err != nil {
		t.Fatal(err)
	}
	app := w.Command(ctx, filepath.Join(dir, testenv.WinApp))
	app.Stdout, app.Stderr = &appLog, &appLog
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the app printed:\n%s\nthe tray program printed:\n%s", appLog.String(), trayLog.String())
		}
	})
	window := e.waitForWindow(t, "^iObeya Token$", 2*time.Minute)

	if r := w.Run(t, "", filepath.Join(dir, testenv.WinApp)); r.Code != 0 {
		t.Errorf("a second start: %s; want exit 0 after raising the first window", r)
	}
	list := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^iObeya Token$")
	list.Env = e.env()
	if out, err := list.Output(); err != nil || len(strings.Fields(string(out))) != 1 {
		t.Errorf("visible windows after a second start: %q (%v); want the one", out, err)
	}
	e.screenshot(t, window, "windows-wine")

	for _, bad := range []string{"Fyne error", "working without the tray program", "panic"} {
		if strings.Contains(appLog.String(), bad) {
			t.Errorf("the app logged %q:\n%s", bad, appLog.String())
		}
	}
	if strings.Contains(trayLog.String(), "systray error") || strings.Contains(trayLog.String(), "panic") {
		t.Errorf("the tray program logged an error:\n%s", trayLog.String())
	}
}

// TestWineWindowOwnTray: without the tray program next to it (a copy of
// the app alone), the app keeps a tray item of its own through Fyne, and
// Fyne logs no error: on Windows it converts the tray's picture to an ICO,
// and the tray must not start with a picture it cannot convert.
func TestWineWindowOwnTray(t *testing.T) {
	t.Parallel() // each in a Wine prefix and on a display of its own
	display := testenv.StartXvfb(t, "1024x700x24", "xdotool")
	alone := filepath.Join(t.TempDir(), testenv.WinApp)
	if err := os.Link(filepath.Join(testenv.WindowsBuild(t, testenv.WinApp), testenv.WinApp), alone); err != nil {
		t.Fatal(err)
	}
	w := testenv.NewWine(t)
	w.Setenv("DISPLAY=" + display)
	e := &desktopEnv{display: display, home: t.TempDir()}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var appLog testenv.SyncBuffer
	app := w.Command(ctx, alone)
	app.Stdout, app.Stderr = &appLog, &appLog
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	e.waitForWindow(t, "^iObeya Token$", 2*time.Minute)
	// The tray starts with the window; its first picture is set at once.
	if !strings.Contains(appLog.String(), "working without the tray program") {
		t.Errorf("the app did not say it works without the tray program:\n%s", appLog.String())
	}
	if strings.Contains(appLog.String(), "Fyne error") {
		t.Errorf("the app logged a Fyne error:\n%s", appLog.String())
	}
}

// TestWineWindowCopy: the window's copy on Windows goes through the marked
// clipboard too. Signed in and with a token (from the command line, in the
// same prefix), the window opens on the token card, where Enter copies
// the Bearer value: exactly that on the clipboard, with the three marks,
// and nothing once the countdown (shortened in the settings) has run out.
func TestWineWindowCopy(t *testing.T) {
	t.Parallel() // each in a Wine prefix and on a display of its own
	display := testenv.StartXvfb(t, "1024x700x24", "xdotool", "xclip")
	c := newWinCLI(t)
	c.wine.Setenv("DISPLAY=" + display)
	srv := startPlatform(t, sandbox.Config{AutoApprove: "alice@example.com"})
	if r := c.login(srv.URL()); r.Code != 0 {
		t.Fatalf("login: %s", redacted(r))
	}
	c.must("generate", "--yes")
	header := c.must("header").Stdout

	settings := filepath.Join(c.wine.UserProfile(t), "AppData", "Roaming", "iobeya-token", "settings.json")
	data, err := os.ReadFile(settings)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["clipboardClearSeconds"] = 6
	if data, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(settings, data, 0o600); err != nil {
		t.Fatal(err)
	}

	dir := testenv.WindowsBuild(t, testenv.WinApp, testenv.WinTray)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var appLog testenv.SyncBuffer
	app := c.wine.Command(ctx, filepath.Join(dir, testenv.WinApp))
	app.Stdout, app.Stderr = &appLog, &appLog
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	e := &desktopEnv{display: display, home: t.TempDir()}
	window := e.waitForWindow(t, "^iObeya Token$", 2*time.Minute)
	// The card appears once the first status is in; until then Enter
	// does something else harmless (the loading page has nothing to do).
	deadline := time.Now().Add(time.Minute)
	for xclipRead(t, display, "UTF8_STRING") != header {
		if time.Now().After(deadline) {
			t.Fatalf("Enter on the window never put the Bearer value on the clipboard; the app logged:\n%s", jwtShape.ReplaceAllString(appLog.String(), "<token>"))
		}
		e.key(t, window, "Return")
		time.Sleep(time.Second)
	}
	targets := xclipRead(t, display, "TARGETS")
	for _, mark := range []string{"ExcludeClipboardContentFromMonitorProcessing", "CanIncludeInClipboardHistory", "CanUploadToCloudClipboard"} {
		if !strings.Contains(targets, mark) {
			t.Errorf("the window's copy is not marked %s; the clipboard offers %q", mark, targets)
		}
	}
	deadline = time.Now().Add(30 * time.Second)
	for xclipRead(t, display, "UTF8_STRING") != "" {
		if time.Now().After(deadline) {
			t.Fatal("the window did not clear the clipboard within 30 s of a 6 s countdown")
		}
		time.Sleep(500 * time.Millisecond)
	}
}
