package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

func TestMain(m *testing.M) {
	if os.Getenv(browserModeEnv) != "" {
		os.Exit(browserDoubleMain())
	}
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	binErr    error
)

// binary builds the real iobeya-token once per test run, with the race
// detector when the tests have it, so the desktop tests run what users run;
// the tray program (iobeya-token-tray) goes beside it, as installed.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "iobeya-token-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "iobeya-token")
		args := []string{"build", "-o", binPath}
		if raceEnabled {
			args = append(args, "-race")
		}
		cmd := exec.Command("go", append(args, ".")...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		args[2] = filepath.Join(binDir, "iobeya-token-tray")
		cmd = exec.Command("go", append(args, "../iobeya-token-tray")...)
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build ../iobeya-token-tray: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// freeLoopbackAddr is a port nothing listens on, for this test's demo
// platform, so tests never meet a demo platform a developer has running.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// appProcess is the desktop app, started for real.
type appProcess struct {
	cmd    *exec.Cmd
	out    *bytes.Buffer
	exited chan error
}

func (e *desktopEnv) startApp(t *testing.T, bin string, extraEnv ...string) *appProcess {
	t.Helper()
	p := &appProcess{cmd: exec.Command(bin), out: &bytes.Buffer{}, exited: make(chan error, 1)}
	p.cmd.Env = e.env(extraEnv...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("desktop app output:\n%s", p.out)
		}
	})
	return p
}

// waitExit waits for the app to end and returns its error (nil: exit 0).
func (p *appProcess) waitExit(t *testing.T, limit time.Duration) error {
	t.Helper()
	select {
	case err := <-p.exited:
		p.exited <- err
		return err
	case <-time.After(limit):
		t.Fatalf("the app did not quit within %s", limit)
		return nil
	}
}

// cli runs the command line of the same binary in the same session and
// fails the test unless it exits 0.
func (e *desktopEnv) cli(t *testing.T, bin string, extraEnv []string, args ...string) (string, string) {
	t.Helper()
	out, errOut, code := e.cliCode(t, bin, extraEnv, args...)
	if code != 0 {
		t.Fatalf("iobeya-token %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errOut)
	}
	return out, errOut
}

// cliCode runs the command line and returns its output and exit code.
func (e *desktopEnv) cliCode(t *testing.T, bin string, extraEnv []string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = e.env(extraEnv...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return out.String(), errb.String(), exit.ExitCode()
	case err != nil:
		t.Fatalf("iobeya-token %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), 0
}

// clipboard reads the X clipboard as a pasting program would.
func (e *desktopEnv) clipboard(t *testing.T) string {
	t.Helper()
	requirePrograms(t, "xclip")
	cmd := exec.Command("xclip", "-o", "-selection", "clipboard")
	cmd.Env = e.env()
	out, err := cmd.Output()
	if err != nil {
		return "" // xclip fails when nobody owns the clipboard
	}
	return string(out)
}

func labels(entries []menuEntry) []string {
	var out []string
	for _, e := range entries {
		if !e.Separator {
			out = append(out, e.Label)
		}
	}
	return out
}

func entryID(t *testing.T, entries []menuEntry, label string) int32 {
	t.Helper()
	for _, e := range entries {
		if e.Label == label {
			return e.ID
		}
	}
	t.Fatalf("the tray menu has no %q: %q", label, labels(entries))
	return 0
}

// waitForMenu reads the tray menu until its first line satisfies ok: the
// app fills it once its first status check is in.
func (e *desktopEnv) waitForMenu(t *testing.T, item string, ok func([]menuEntry) bool) []menuEntry {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		entries, err := e.tray.trayMenu(item)
		if err == nil && ok(entries) {
			return entries
		}
		if time.Now().After(deadline) {
			t.Fatalf("the tray menu did not reach the expected state: %q (err %v)", labels(entries), err)
		}
		// The menu is another process's state with no change signal we
		// can rely on across panels' protocols; read it again shortly.
		time.Sleep(200 * time.Millisecond)
	}
}

// desktopLanguage is a language the desktop tests run the app in: the
// session's locale, what the app then says, and where its screenshots go.
type desktopLanguage struct {
	env   string       // the session's LANG
	words *words.Words // the words the window and the tray say
	shots string       // the screenshots' folder under the artifacts: "" or "fr/"
	demo  string       // a word the demo platform's tray line holds
}

var (
	inEnglish = desktopLanguage{env: "LANG=en_US.UTF-8", words: words.English(), demo: "demo"}
	inFrench  = desktopLanguage{env: "LANG=fr_FR.UTF-8", words: words.New(language.French), shots: "fr/", demo: "démonstration"}
)

func TestDesktopFirstRun(t *testing.T)         { desktopFirstRun(t, inEnglish) }
func TestDesktopFirstRunInFrench(t *testing.T) { desktopFirstRun(t, inFrench) }

// desktopFirstRun: the first start shows the platform page and a tray item
// that says nothing is set up, in the session's language; Quit quits.
func desktopFirstRun(t *testing.T, l desktopLanguage) {
	e := newDesktopEnv(t)
	bin := binary(t)
	app := e.startApp(t, bin, "IOBEYA_TOKEN_DEMO_ADDR="+freeLoopbackAddr(t), l.env)

	item := e.tray.waitForItem(t, 60*time.Second)
	win := e.waitForWindow(t, "^iObeya Token", 60*time.Second)
	if got := e.windowName(t, win); got != "iObeya Token" {
		t.Errorf("window title %q, want %q", got, "iObeya Token")
	}
	notSetUp := glance.StatusLine(l.words, companion.Status{}, time.Now())
	menu := e.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && m[0].Label != "" })
	got := labels(menu)
	if got[0] != notSetUp || menu[0].Enabled {
		t.Errorf("first line of the tray menu: %q (enabled %v), want a disabled %q", got[0], menu[0].Enabled, notSetUp)
	}
	quit := glance.Label(l.words, glance.ActQuit)
	for _, want := range []string{glance.Label(l.words, glance.ActOpen), quit} {
		if !slices.Contains(got, want) {
			t.Errorf("the tray menu lacks %q: %q", want, got)
		}
	}
	e.screenshot(t, win, l.shots+"first-run")

	if err := e.tray.click(item, entryID(t, menu, quit)); err != nil {
		t.Fatalf("choosing Quit in the tray menu: %v", err)
	}
	if err := app.waitExit(t, 20*time.Second); err != nil {
		t.Fatalf("the app did not exit cleanly after Quit: %v", err)
	}
}

func TestDesktopDemoToken(t *testing.T)         { desktopDemoToken(t, inEnglish) }
func TestDesktopDemoTokenInFrench(t *testing.T) { desktopDemoToken(t, inFrench) }

// desktopDemoToken: a token made on the demo platform with the command
// line shows in the window and the tray, in the session's language; the
// tray copies it, and revokes it through the window's confirmation.
func desktopDemoToken(t *testing.T, l desktopLanguage) {
	e := newDesktopEnv(t)
	bin := binary(t)
	path, browserEnv := installBrowserDouble(t, "alice@example.com")
	demoEnv := "IOBEYA_TOKEN_DEMO_ADDR=" + freeLoopbackAddr(t)
	// The command line speaks English here: its words are checked below.
	cliEnv := append([]string{"PATH=" + path, demoEnv, inEnglish.env}, browserEnv...)
	w := l.words
	copyLabel, revokeLabel, quitLabel := glance.Label(w, glance.ActCopy), glance.Label(w, glance.ActRevoke), glance.Label(w, glance.ActQuit)

	// Sign in and generate on the demo platform with the command line, in
	// the same session: same keychain, same settings.
	out, _ := e.cli(t, bin, cliEnv, "login", "--platform", "demo", "--timeout", "60s")
	if !strings.Contains(out, "Signed in as alice@example.com on the demo platform") {
		t.Fatalf("login printed %q", out)
	}
	e.cli(t, bin, cliEnv, "generate", "--yes")
	jwt, _ := e.cli(t, bin, cliEnv, "header", "--format", "token")
	if strings.Count(jwt, ".") != 2 {
		t.Fatal("header --format token did not print a token")
	}

	app := e.startApp(t, bin, demoEnv, l.env)
	item := e.tray.waitForItem(t, 60*time.Second)
	win := e.waitForWindow(t, "^iObeya Token", 60*time.Second)
	if got, want := e.windowName(t, win), w.Say(words.AppTitleDemo, nil); got != want {
		t.Errorf("window title %q, want %q", got, want)
	}
	valid := w.State(companion.StateValid) + " · "
	menu := e.waitForMenu(t, item, func(m []menuEntry) bool {
		return len(m) > 0 && strings.HasPrefix(m[0].Label, valid)
	})
	got := labels(menu)
	if menu[0].Enabled {
		t.Errorf("status line %q is enabled", got[0])
	}
	for _, want := range []string{copyLabel, glance.Label(w, glance.ActOpen), glance.Label(w, glance.ActCheck), revokeLabel, quitLabel} {
		if !slices.Contains(got, want) {
			t.Errorf("the tray menu lacks %q: %q", want, got)
		}
	}
	if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(strings.ToLower(s), l.demo) }) {
		t.Errorf("the tray menu does not say it is the demo platform: %q", got)
	}
	e.screenshot(t, win, l.shots+"token-card")

	// One click in the tray puts exactly the header value on the clipboard.
	if err := e.tray.click(item, entryID(t, menu, copyLabel)); err != nil {
		t.Fatal(err)
	}
	want := "Bearer " + jwt
	deadline := time.Now().Add(10 * time.Second)
	for e.clipboard(t) != want {
		if time.Now().After(deadline) {
			t.Fatal("the clipboard does not hold exactly \"Bearer <token>\" after Copy for Power Automate")
		}
		time.Sleep(100 * time.Millisecond)
	}

	// "Revoke…" in the tray opens the window on the confirmation. Escape
	// dismisses it and nothing is revoked; then, asked again, Tab moves
	// from Cancel (focused, so a stray Enter never revokes) to Revoke.
	validIcon, err := e.tray.iconPixmap(item)
	if err != nil || len(validIcon) == 0 {
		t.Fatalf("reading the tray icon: %v", err)
	}
	if err := e.tray.click(item, entryID(t, menu, revokeLabel)); err != nil {
		t.Fatal(err)
	}
	e.screenshot(t, win, l.shots+"revoke-confirmation")
	e.key(t, win, "Escape")
	status, _ := e.cli(t, bin, cliEnv, "status", "--json")
	if !strings.Contains(status, `"state": "valid"`) {
		t.Fatalf("after dismissing the confirmation the token is not valid any more: %s", status)
	}
	if err := e.tray.click(item, entryID(t, menu, revokeLabel)); err != nil {
		t.Fatal(err)
	}
	e.screenshot(t, win, l.shots+"revoke-confirmation")
	e.key(t, win, "Tab", "space")

	// The menu and the icon follow.
	none := w.State(companion.StateNone)
	menu = e.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && m[0].Label == none })
	status, _, code := e.cliCode(t, bin, cliEnv, "status", "--json", "--offline")
	if code != 3 || !strings.Contains(status, `"state": "none"`) {
		t.Fatalf("after confirming the revoke the keychain still has a token: %s", status)
	}
	noneIcon, err := e.tray.iconPixmap(item)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(validIcon, noneIcon) {
		t.Error("the tray icon did not change when the token went from valid to none")
	}
	for _, m := range menu {
		if (m.Label == copyLabel || m.Label == revokeLabel) && m.Enabled {
			t.Errorf("%q is enabled with no token", m.Label)
		}
	}
	e.screenshot(t, win, l.shots+"no-token")

	// (Clearing the clipboard on quit is tested in app/: without a
	// clipboard manager, X forgets the clipboard of a program that exits,
	// so checking it here could not fail.)
	if err := e.tray.click(item, entryID(t, menu, quitLabel)); err != nil {
		t.Fatal(err)
	}
	if err := app.waitExit(t, 20*time.Second); err != nil {
		t.Fatalf("the app did not exit cleanly after Quit: %v", err)
	}
}
