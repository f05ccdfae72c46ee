package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// desktopEnv is what a Linux desktop session gives a program, built from
// real parts for one test: a virtual X display (Xvfb), a private D-Bus
// session bus, GNOME Keyring answering as the Secret Service on it, a
// stand-in tray host (org.kde.StatusNotifierWatcher) and a throw-away HOME.
type desktopEnv struct {
	display string // e.g. ":93"
	bus     string // D-Bus address of the private session bus
	home    string
	conn    *dbus.Conn // the test's own connection to the bus
	tray    *trayWatcher
}

// requirePrograms skips the test, saying which program is missing, when the
// machine cannot provide a desktop session. `make test` installs all of them.
func requirePrograms(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("skipping: %s is not installed (scripts/setup.sh installs it; run make test)", n)
		}
	}
}

func newDesktopEnv(t *testing.T) *desktopEnv {
	t.Helper()
	requirePrograms(t, "Xvfb", "dbus-daemon", "gnome-keyring-daemon", "xdotool", "import")
	e := &desktopEnv{home: t.TempDir()}
	for _, d := range []string{"run", "config", "cache", "data"} {
		if err := os.MkdirAll(filepath.Join(e.home, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	e.display = testenv.StartXvfb(t, "1280x800x24")
	e.bus = startBus(t)

	conn, err := dbus.Connect(e.bus)
	if err != nil {
		t.Fatalf("connecting to the private session bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	e.conn = conn
	e.tray = newTrayWatcher(t, conn)
	e.startKeyring(t)
	return e
}

// env is the environment a program started in this session gets.
func (e *desktopEnv) env(extra ...string) []string {
	keep := []string{"PATH", "LANG", "GOCACHE", "GOMODCACHE", "GOPATH", "GOFLAGS", "TMPDIR", "FYNE_SCALE", "FYNE_THEME"}
	var out []string
	for _, k := range keep {
		if v, ok := os.LookupEnv(k); ok {
			out = append(out, k+"="+v)
		}
	}
	out = append(out,
		"HOME="+e.home,
		"XDG_RUNTIME_DIR="+filepath.Join(e.home, "run"),
		"XDG_CONFIG_HOME="+filepath.Join(e.home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(e.home, "cache"),
		"XDG_DATA_HOME="+filepath.Join(e.home, "data"),
		"DISPLAY="+e.display,
		"DBUS_SESSION_BUS_ADDRESS="+e.bus,
	)
	return append(out, extra...)
}

// startBus starts a private D-Bus session bus and returns its address.
func startBus(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dbus-daemon: %v", err)
	}
	t.Cleanup(func() { stopProcess(cmd) })
	addr, err := readLine(out, 20*time.Second)
	if err != nil {
		t.Fatalf("dbus-daemon did not print its address: %v", err)
	}
	return addr
}

// startKeyring runs GNOME Keyring on the private bus with a new login
// keyring under the throw-away HOME, unlocked with a test password.
func (e *desktopEnv) startKeyring(t *testing.T) {
	t.Helper()
	cmd := exec.Command("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
	cmd.Env = e.env()
	cmd.Stdin = strings.NewReader("test-keyring-password")
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting gnome-keyring-daemon: %v", err)
	}
	t.Cleanup(func() { stopProcess(cmd) })
	e.waitForName(t, "org.freedesktop.secrets", 20*time.Second)
}

// waitForName waits until a well-known name has an owner on the bus, using
// the bus's own NameOwnerChanged signal rather than polling.
func (e *desktopEnv) waitForName(t *testing.T, name string, limit time.Duration) {
	t.Helper()
	ch := make(chan *dbus.Signal, 16)
	e.conn.Signal(ch)
	defer e.conn.RemoveSignal(ch)
	if err := e.conn.AddMatchSignal(
		dbus.WithMatchInterface("org.freedesktop.DBus"),
		dbus.WithMatchMember("NameOwnerChanged"),
		dbus.WithMatchArg(0, name),
	); err != nil {
		t.Fatal(err)
	}
	var has bool
	if err := e.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(limit)
	for !has {
		select {
		case sig := <-ch:
			if len(sig.Body) == 3 && sig.Body[0] == name && sig.Body[2] != "" {
				has = true
			}
		case <-deadline:
			t.Fatalf("%s did not appear on the session bus within %s", name, limit)
		}
	}
}

// waitForWindow waits until a window whose title matches the regular
// expression is mapped, and returns its X id.
func (e *desktopEnv) waitForWindow(t *testing.T, title string, limit time.Duration) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--name", title)
	cmd.Env = e.env()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("no visible window titled %q within %s: %v", title, limit, err)
	}
	return strings.Fields(string(out))[0]
}

// key sends key strokes to a window, as typed on the keyboard.
func (e *desktopEnv) key(t *testing.T, window string, keys ...string) {
	t.Helper()
	focus := exec.Command("xdotool", "windowfocus", "--sync", window)
	focus.Env = e.env()
	if out, err := focus.CombinedOutput(); err != nil {
		t.Fatalf("focusing the window: %v: %s", err, out)
	}
	cmd := exec.Command("xdotool", append([]string{"key", "--clearmodifiers"}, keys...)...)
	cmd.Env = e.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("typing %v: %v: %s", keys, err, out)
	}
}

// windowName returns the title of an X window.
func (e *desktopEnv) windowName(t *testing.T, id string) string {
	t.Helper()
	cmd := exec.Command("xdotool", "getwindowname", id)
	cmd.Env = e.env()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reading the window's title: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// screenshot writes a window (or "root", the whole display) to the test's
// artifact directory, once the picture has settled: the app repaints a
// moment after its state changes, so two equal captures in a row mean it
// is done.
func (e *desktopEnv) screenshot(t *testing.T, window, name string) string {
	t.Helper()
	capture := func() []byte {
		cmd := exec.Command("import", "-window", window, "png:-")
		cmd.Env = e.env()
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		return out
	}
	shot := capture()
	for range 20 {
		time.Sleep(250 * time.Millisecond)
		next := capture()
		if bytes.Equal(next, shot) {
			break
		}
		shot = next
	}
	path := filepath.Join(artifactDir(t), name+".png")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return path
}

// artifactDir is where desktop tests leave screenshots: $IOBEYA_ARTIFACTS
// (make screenshots points it at docs/screenshots), or .artifacts at the
// top of the repository (ignored by git).
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("IOBEYA_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", ".artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

func readLine(f interface{ Read([]byte) (int, error) }, limit time.Duration) (string, error) {
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := bufio.NewReader(f).ReadString('\n')
		ch <- result{strings.TrimSpace(line), err}
	}()
	select {
	case r := <-ch:
		if r.line == "" && r.err != nil {
			return "", r.err
		}
		return r.line, nil
	case <-time.After(limit):
		return "", fmt.Errorf("nothing within %s", limit)
	}
}

// stopProcess asks a helper process to stop, then makes sure it has.
func stopProcess(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// binaryAlone is a copy of the app's binary in a folder with no tray
// program beside it: the window then works alone, with a tray item of its
// own.
func binaryAlone(t *testing.T) string {
	t.Helper()
	alone := filepath.Join(t.TempDir(), "iobeya-token")
	data, err := os.ReadFile(binary(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return alone
}

// quitFromTray clicks Quit in the tray item's menu and waits for the
// window's process to exit cleanly.
func (e *desktopEnv) quitFromTray(t *testing.T, item string, menu []menuEntry, app *appProcess) {
	t.Helper()
	if err := e.tray.click(item, entryID(t, menu, "Quit")); err != nil {
		t.Fatal(err)
	}
	if err := app.waitExit(t, 20*time.Second); err != nil {
		t.Fatalf("the window did not exit cleanly after Quit: %v", err)
	}
}
