//go:build linux

package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
	"github.com/iobeya-token/iobeya-token/internal/instance"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

var (
	sandboxOnce sync.Once
	sandboxBin  string
	sandboxErr  error
)

// sandboxProgram builds the real iobeya-sandbox once per test run, beside
// the app's binaries.
func sandboxProgram(t *testing.T) string {
	t.Helper()
	bin := binary(t)
	sandboxOnce.Do(func() {
		sandboxBin = filepath.Join(filepath.Dir(bin), "iobeya-sandbox")
		if out, err := exec.Command("go", "build", "-o", sandboxBin, "../iobeya-sandbox").CombinedOutput(); err != nil {
			sandboxErr = err
			t.Logf("go build ../iobeya-sandbox: %s", out)
		}
	})
	if sandboxErr != nil {
		t.Fatal(sandboxErr)
	}
	return sandboxBin
}

var sandboxURL = regexp.MustCompile(`listening on (http://\S+)`)

// startSandbox runs iobeya-sandbox with args on a free loopback port and
// returns its address.
func startSandbox(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(sandboxProgram(t), append([]string{"--addr", "127.0.0.1:0"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb testenv.SyncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stopProcess(cmd) })
	line, err := readLine(out, 30*time.Second)
	m := sandboxURL.FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("iobeya-sandbox did not say where it listens (%q, %v): %s", line, err, errb.String())
	}
	go func() { _, _ = io.Copy(io.Discard, out) }() // keep its output flowing
	return m[1]
}

// linkCatcher is the desktop's xdg-open for one test: it writes each link
// the app asks to open to a file, and the test opens it in its Chromium.
type linkCatcher struct {
	path string // PATH with the catcher first
	file string
}

func newLinkCatcher(t *testing.T) *linkCatcher {
	t.Helper()
	dir := t.TempDir()
	c := &linkCatcher{file: filepath.Join(dir, "links")}
	script := "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + c.file + "'\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c.path = dir + string(os.PathListSeparator) + os.Getenv("PATH")
	return c
}

// next waits for the link after the n first ones.
func (c *linkCatcher) next(t *testing.T, n int, limit time.Duration) string {
	t.Helper()
	var links []string
	if !waitFor(limit, func() bool {
		data, _ := os.ReadFile(c.file)
		links = strings.Fields(string(data))
		return len(links) > n
	}) {
		t.Fatalf("the app opened no link in the browser within %s (links so far: %q)", limit, links)
	}
	return links[n]
}

// typeText types text into a window, as on the keyboard.
func (e *desktopEnv) typeText(t *testing.T, window, text string) {
	t.Helper()
	focus := exec.Command("xdotool", "windowfocus", "--sync", window)
	focus.Env = e.env()
	if out, err := focus.CombinedOutput(); err != nil {
		t.Fatalf("focusing the window: %v: %s", err, out)
	}
	cmd := exec.Command("xdotool", "type", "--delay", "30", text)
	cmd.Env = e.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("typing: %v: %s", err, out)
	}
}

// raise puts a window above the others (Chromium's among them), for a
// screenshot of it: there is no window manager to do it.
func (e *desktopEnv) raise(t *testing.T, window string) {
	t.Helper()
	cmd := exec.Command("xdotool", "windowraise", window)
	cmd.Env = e.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("raising the window: %v: %s", err, out)
	}
}

// clickAndWait clicks a button that submits a form and waits for the page
// it leads to, so no later step looks up a node on the page being left.
func clickAndWait(sel chromedp.ID) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.RunResponse(ctx, chromedp.Click(sel))
		return chromedp.Void{}, err
	}
}

// copyInWebApp does in Chromium what the user does on the platform's token
// page: sign in, generate, confirm, copy. It returns the token the page
// shows.
func copyInWebApp(t *testing.T, browser context.Context, link string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, 2*time.Minute)
	defer cancel()
	steps := []struct {
		name string
		do   chromedp.Action[chromedp.Void]
	}{
		{"open the link the app opened", chromedp.Navigate(link)},
		{"the sign-in page", chromedp.WaitVisible(chromedp.ID("email"))},
		{"type the e-mail", chromedp.SendKeys(chromedp.ID("email"), "alice@example.com")},
		{"type the password", chromedp.SendKeys(chromedp.ID("password"), "demo-alice")},
		{"sign in", clickAndWait(chromedp.ID("sign-in"))},
		{"the token page", chromedp.WaitVisible(chromedp.ID("generate"))},
		{"generate", chromedp.Click(chromedp.ID("generate"))},
		{"the confirmation", chromedp.WaitVisible(chromedp.ID("confirm-generate"))},
		{"confirm", clickAndWait(chromedp.ID("confirm-generate"))},
		{"the new token", chromedp.WaitVisible(chromedp.ID("token"))},
		{"copy", chromedp.Click(chromedp.ID("copy"))},
		{"copied", chromedp.WaitVisible(chromedp.CSS("#copy-status[data-copied]"))},
	}
	for _, st := range steps {
		if err := chromedp.Do(ctx, st.do); err != nil {
			t.Fatalf("in the browser, %s: %v", st.name, err)
		}
	}
	shown, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("token")))
	if err != nil {
		t.Fatal(err)
	}
	return shown
}

// byotDesktop is the bring-your-own-token flow's session: the desktop,
// a sandbox that offers only the public facts, Chromium with a window on
// the display, and the app's links caught for it.
type byotDesktop struct {
	*desktopEnv
	bin      string
	platform string
	links    *linkCatcher
	browser  context.Context
	appEnv   []string
	notes    *notifications
}

func newBYOTDesktop(t *testing.T, bin string) *byotDesktop {
	t.Helper()
	e := newDesktopEnv(t)
	requirePrograms(t, "chromium", "xclip")
	d := &byotDesktop{desktopEnv: e, bin: bin, links: newLinkCatcher(t)}
	d.notes = e.startNotifications(t)
	d.platform = startSandbox(t, "--no-discovery", "--no-pat-api", "--no-me")
	d.browser = testenv.ChromiumOn(t, e.display)
	d.appEnv = []string{"PATH=" + d.links.path, "IOBEYA_TOKEN_DEMO_ADDR=" + freeLoopbackAddr(t)}
	return d
}

// setPlatform types the platform's address on the app's first page, and
// waits until it is kept and the next page has settled.
func (d *byotDesktop) setPlatform(t *testing.T, win string) {
	t.Helper()
	d.screenshot(t, win, "byot-first-run")
	d.typeText(t, win, d.platform)
	d.key(t, win, "Return")
	settings := filepath.Join(d.home, "config", "iobeya-token", "settings.json")
	if !waitFor(30*time.Second, func() bool {
		data, _ := os.ReadFile(settings)
		return strings.Contains(string(data), d.platform)
	}) {
		d.screenshot(t, win, "byot-platform-not-kept")
		t.Fatalf("the platform %s was not kept after typing it", d.platform)
	}
	d.screenshot(t, win, "byot-sign-in-page")
}

// bringToken starts "Get a token from the iObeya web app…" on the sign-in
// page (the button after "Sign in with your browser") and "Open the iObeya
// web app" in its dialog, and returns the link the app opened.
func (d *byotDesktop) bringToken(t *testing.T, win string) string {
	t.Helper()
	d.key(t, win, "Tab", "space")
	d.screenshot(t, win, "byot-dialog")
	d.key(t, win, "space")
	link := d.links.next(t, 0, 30*time.Second)
	if want := d.platform + "/s/personal-access-token"; link != want {
		t.Fatalf("the app opened %q, want the token page %q", link, want)
	}
	return link
}

// otherPlatformToken puts a token of another platform on the clipboard
// and checks the watch leaves it there.
func (d *byotDesktop) otherPlatformToken(t *testing.T) clipboard.Clipboard {
	t.Helper()
	cb, err := clipboard.System(func(k string) string {
		if k == "DISPLAY" {
			return d.display
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	other := testenv.SignedJWT(t, jwt.MapClaims{"iss": "https://other.iobeya.com", "sub": "u_alice", "email": "alice@example.com", "exp": time.Now().Add(time.Hour).Unix()})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Writing waits until the clipboard holds the text: a watch that
	// takes it at once makes that fail too.
	err = cb.Write(ctx, other)
	time.Sleep(1500 * time.Millisecond) // three readings of the watch
	if got := d.clipboard(t); got != other {
		t.Fatalf("a token of another platform was taken off the clipboard (putting it there: %v)", err)
	}
	return cb
}

// status is `iobeya-token status --json`'s state.
func (d *byotDesktop) status(t *testing.T) string {
	t.Helper()
	out, _, _ := d.cliCode(t, d.bin, d.appEnv, "status", "--json")
	m := regexp.MustCompile(`"state": "([^"]+)"`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("status --json: %s", out)
	}
	return m[1]
}

// checkKept checks the token the page showed is the one kept, valid on the
// platform, and that the clipboard is empty.
func (d *byotDesktop) checkKept(t *testing.T, shown string) {
	t.Helper()
	if !waitFor(30*time.Second, func() bool { return d.clipboard(t) == "" }) {
		t.Fatal("the clipboard still holds the token: it was not picked up")
	}
	if !waitFor(30*time.Second, func() bool { return d.status(t) == "valid" }) {
		t.Fatalf("status --json says %q, want valid", d.status(t))
	}
	kept, _ := d.cli(t, d.bin, d.appEnv, "header", "--format", "token")
	if kept != shown {
		t.Fatal("the token kept is not the one the web page showed")
	}
}

// windowShowsToken checks the window shows the kept token: the card's
// first button, which has the focus, copies it for Power Automate. (On the
// sign-in page the same key would start a sign-in instead.)
func (d *byotDesktop) windowShowsToken(t *testing.T, win, shown, name string) {
	t.Helper()
	d.raise(t, win)
	d.screenshot(t, win, name)
	d.key(t, win, "space")
	want := "Bearer " + shown
	if !waitFor(10*time.Second, func() bool { return d.clipboard(t) == want }) {
		t.Fatal("the window does not show the kept token: its focused button did not copy it for Power Automate")
	}
}

// The seed flow on a platform offering only the public facts (no
// discovery, no token API, no /v1/me), through the desktop app with the
// tray program: the user types the platform's address, starts "Get a token
// from the iObeya web app", Chromium (with a window on the display: a
// headless one never reaches the X clipboard) opens the token page, the
// user generates, confirms and copies there; a token of another platform
// on the clipboard meanwhile is ignored; the tray program picks the token
// up from the X clipboard, checks it, keeps it, clears the clipboard, and
// the window and the tray show it valid.
func TestDesktopBringYourTokenFromTheWebApp(t *testing.T) {
	bin := binary(t)
	endDetached(t, bin)
	d := newBYOTDesktop(t, bin)
	app := d.startApp(t, bin, d.appEnv...)
	item := d.tray.waitForItem(t, 60*time.Second)
	win := d.waitForWindow(t, "^iObeya Token", 60*time.Second)
	d.setPlatform(t, win)
	link := d.bringToken(t, win)
	d.otherPlatformToken(t)
	shown := copyInWebApp(t, d.browser, link)
	d.checkKept(t, shown)
	d.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && strings.HasPrefix(m[0].Label, "Valid") })
	d.windowShowsToken(t, win, shown, "byot-kept")
	if slices.Contains(d.notes.shown(), "Your token is kept") {
		t.Error("a notification said the token is kept while the window showed it")
	}
	menu, _ := d.tray.trayMenu(item)
	d.quitFromTray(t, item, menu, app)
}

// The pick-up outlives the window: the user starts it, closes the window
// before copying the token in the web app, and the tray program still
// picks the token up, keeps it, clears the clipboard and says so in a
// notification.
func TestDesktopPickUpOutlivesTheWindow(t *testing.T) {
	bin := binary(t)
	endDetached(t, bin)
	d := newBYOTDesktop(t, bin)
	d.startApp(t, bin, d.appEnv...)
	item := d.tray.waitForItem(t, 60*time.Second)
	win := d.waitForWindow(t, "^iObeya Token", 60*time.Second)
	d.setPlatform(t, win)
	link := d.bringToken(t, win)
	d.closeWindow(t, win)
	if !waitFor(20*time.Second, func() bool { return len(windowsOf(bin)) == 0 }) {
		t.Fatalf("the window's process is still running after closing it: %v", windowsOf(bin))
	}
	shown := copyInWebApp(t, d.browser, link)
	d.checkKept(t, shown)
	if !waitFor(10*time.Second, func() bool { return slices.Contains(d.notes.shown(), "Your token is kept") }) {
		t.Errorf("no notification that the token is kept; shown: %q", d.notes.shown())
	}
	d.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && strings.HasPrefix(m[0].Label, "Valid") })
}

// Without the tray program the window watches the clipboard itself, with
// the same outcome.
func TestDesktopBringYourTokenWithoutTrayProgram(t *testing.T) {
	alone := binaryAlone(t)
	d := newBYOTDesktop(t, alone)
	app := d.startApp(t, alone, d.appEnv...)
	item := d.tray.waitForItem(t, 60*time.Second)
	win := d.waitForWindow(t, "^iObeya Token", 60*time.Second)
	d.setPlatform(t, win)
	link := d.bringToken(t, win)
	d.otherPlatformToken(t)
	shown := copyInWebApp(t, d.browser, link)
	d.checkKept(t, shown)
	d.windowShowsToken(t, win, shown, "byot-kept-alone")
	menu := d.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && strings.HasPrefix(m[0].Label, "Valid") })
	d.quitFromTray(t, item, menu, app)
}

// The clipboard watch's protocol against the real tray program on the real
// endpoint, with this test as the window: the tray program answers
// clipboard-watch with ok, ignores another platform's token, reports
// checking then kept for the platform's token copied on the X clipboard
// (which it clears), reports why a refused token was not kept, and no
// message ever carries a token.
func TestDesktopTrayWatchProtocol(t *testing.T) {
	bin := binary(t)
	endDetached(t, bin)
	e := newDesktopEnv(t)
	requirePrograms(t, "xclip")
	platform := startSandbox(t, "--no-discovery", "--no-pat-api", "--no-me")
	dir := filepath.Join(e.home, "config", "iobeya-token")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "settings.json"), []byte(`{"platform": "`+platform+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	demoEnv := "IOBEYA_TOKEN_DEMO_ADDR=" + freeLoopbackAddr(t)
	if _, errOut, code := e.cliCode(t, bin, []string{demoEnv}, "--background"); code != 0 {
		t.Fatalf("iobeya-token --background: exit %d: %s", code, errOut)
	}
	t.Setenv("XDG_RUNTIME_DIR", filepath.Join(e.home, "run")) // the session's endpoint
	pushed := make(chan instance.Message, 16)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := instance.Dial(ctx, func(m instance.Message) { pushed <- m })
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if reply, err := c.Request(ctx, instance.Message{Kind: instance.KindRegister}); err != nil || reply.Kind != instance.KindOK {
		t.Fatalf("window-register: %+v, %v", reply, err)
	}
	cb, err := clipboard.System(func(k string) string { return map[string]string{"DISPLAY": e.display}[k] })
	if err != nil {
		t.Fatal(err)
	}
	var tokens []string
	next := func(want instance.Kind) instance.Message {
		t.Helper()
		select {
		case m := <-pushed:
			for _, tok := range tokens {
				if strings.Contains(m.Text, tok) || strings.Contains(m.Text, tok[len(tok)-16:]) {
					t.Fatalf("the tray program sent a token over the endpoint (%q)", m.Kind)
				}
			}
			if m.Kind != want {
				t.Fatalf("the tray program said %q (%q), want %q", m.Kind, m.Text, want)
			}
			return m
		case <-time.After(30 * time.Second):
			t.Fatalf("the tray program said nothing, want %q", want)
			return instance.Message{}
		}
	}
	watch := func() {
		t.Helper()
		if reply, err := c.Request(ctx, instance.Message{Kind: instance.KindWatch}); err != nil || reply.Kind != instance.KindOK {
			t.Fatalf("clipboard-watch: %+v, %v", reply, err)
		}
	}
	web := testenv.SignInOnWeb(t, platform, "alice@example.com", "demo-alice")

	// A token the platform refuses: taken, checked, not kept, said why.
	revoked := web.Generate()
	web.Revoke()
	tokens = append(tokens, revoked)
	watch()
	// Write waits until the clipboard holds the text, which the watch may
	// have taken already: what the tray program says is what counts.
	_ = cb.Write(ctx, revoked)
	next(instance.KindWatchChecking)
	if m := next(instance.KindWatchFailed); !strings.HasPrefix(m.Text, "The platform does not accept this token") {
		t.Errorf("the failure says %q", m.Text)
	}

	// Another platform's token is left alone; the platform's is kept.
	other := testenv.SignedJWT(t, jwt.MapClaims{"iss": "https://other.iobeya.com", "sub": "u_alice", "exp": time.Now().Add(time.Hour).Unix()})
	raw := web.Generate()
	tokens = append(tokens, other, raw)
	watch()
	err = cb.Write(ctx, other)
	time.Sleep(1500 * time.Millisecond) // three readings of the watch
	if got := e.clipboard(t); got != other {
		t.Fatalf("a token of another platform was taken off the clipboard (putting it there: %v)", err)
	}
	_ = cb.Write(ctx, raw)
	next(instance.KindWatchChecking)
	next(instance.KindWatchKept)
	if got := e.clipboard(t); got != "" {
		t.Error("the clipboard still holds the token")
	}
	kept, _ := e.cli(t, bin, []string{demoEnv}, "header", "--format", "token")
	if kept != raw {
		t.Error("the tray program did not keep the token copied")
	}
}
