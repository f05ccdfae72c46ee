//go:build linux

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/iobeya-token/iobeya-token/internal/xwatch"
)

// processesOf lists the running processes whose program is exe: the test's
// own binaries, which live in a folder of this test run only.
func processesOf(exe string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, d := range entries {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		target, err := os.Readlink(filepath.Join("/proc", d.Name(), "exe"))
		if err != nil || strings.TrimSuffix(target, " (deleted)") != exe {
			continue
		}
		// A zombie has exited already; its parent has not reaped it yet.
		if stat, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat")); err == nil {
			if f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:])); len(f) > 0 && f[0] == "Z" {
				continue
			}
		}
		pids = append(pids, pid)
	}
	return pids
}

// windowsOf lists the window processes of bin: not the demo platform's
// server, which the tray program runs from the same binary (with
// --serve-demo) and which opens no display.
func windowsOf(bin string) []int {
	return slices.DeleteFunc(processesOf(bin), func(pid int) bool {
		args, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
		return slices.Contains(strings.Split(string(args), "\x00"), serveDemoFlag)
	})
}

// trayBinary is the tray program built beside bin.
func trayBinary(bin string) string { return filepath.Join(filepath.Dir(bin), "iobeya-token-tray") }

// endDetached ends, at the end of the test, the processes of bin and its
// tray program that were started detached (the tray program by the window,
// a window by the tray program): the test started them, indirectly.
func endDetached(t *testing.T, bin string) {
	t.Cleanup(func() {
		for _, exe := range []string{trayBinary(bin), bin} {
			for _, pid := range processesOf(exe) {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
}

// notifications stands in for the desktop's notification service
// (org.freedesktop.Notifications) on the test's bus and records what is
// shown.
type notifications struct {
	mu     sync.Mutex
	titles []string
}

func (n *notifications) Notify(appName string, replaces uint32, icon, summary, body string, _ []string, _ map[string]dbus.Variant, _ int32) (uint32, *dbus.Error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.titles = append(n.titles, summary)
	return uint32(len(n.titles)), nil
}

func (n *notifications) shown() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.titles)
}

func (e *desktopEnv) startNotifications(t *testing.T) *notifications {
	t.Helper()
	n := &notifications{}
	const name = "org.freedesktop.Notifications"
	if err := e.conn.Export(n, "/org/freedesktop/Notifications", name); err != nil {
		t.Fatal(err)
	}
	if reply, err := e.conn.RequestName(name, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("could not own %s (reply %v): %v", name, reply, err)
	}
	return n
}

// trayItems lists the tray items on the bus (org.kde.StatusNotifierItem-*).
func (e *desktopEnv) trayItems(t *testing.T) []string {
	t.Helper()
	var names []string
	if err := e.conn.BusObject().Call("org.freedesktop.DBus.ListNames", 0).Store(&names); err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(names, func(n string) bool { return !strings.HasPrefix(n, "org.kde.StatusNotifierItem-") })
}

// itemProperty reads a property of the tray item.
func (e *desktopEnv) itemProperty(t *testing.T, item, prop string) dbus.Variant {
	t.Helper()
	v, err := e.conn.Object(item, "/StatusNotifierItem").GetProperty(sniInterface + "." + prop)
	if err != nil {
		t.Fatalf("reading the tray item's %s: %v", prop, err)
	}
	return v
}

// tooltip is the title of the item's tooltip ((sa(iiay)ss): icon, pixmaps,
// title, text).
func (e *desktopEnv) tooltip(t *testing.T, item string) string {
	t.Helper()
	var tip struct {
		Icon   string
		Pixmap []struct {
			W, H int32
			Data []byte
		}
		Title, Text string
	}
	if err := e.itemProperty(t, item, "ToolTip").Store(&tip); err != nil {
		t.Fatal(err)
	}
	return tip.Title
}

// visibleWindows lists the mapped windows whose title starts with "iObeya Token".
func (e *desktopEnv) visibleWindows(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^iObeya Token")
	cmd.Env = e.env()
	out, _ := cmd.Output() // exit 1: none
	return strings.Fields(string(out))
}

// closeWindow closes a window the way a window manager's close button does.
func (e *desktopEnv) closeWindow(t *testing.T, id string) {
	t.Helper()
	w, err := strconv.ParseUint(id, 10, 32)
	if err != nil {
		t.Fatal(err)
	}
	x, err := xwatch.Dial(e.display)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.CloseWindow(uint32(w)); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Next(false, 20*time.Second); err != nil {
		t.Fatalf("the window did not go after closing it: %v", err)
	}
}

// setSetting changes one value of the settings file, as the Settings
// screen would.
func (e *desktopEnv) setSetting(t *testing.T, key string, value any) {
	t.Helper()
	path := filepath.Join(e.home, "config", "iobeya-token", "settings.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	s[key] = value
	if data, err = json.Marshal(s); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// demoToken signs in on a demo platform of the test's own (demoEnv says
// where; give it to the app too) with bin's command line and a browser
// stand-in, and generates a token: jwt.
func (e *desktopEnv) demoToken(t *testing.T, bin string) (jwt, demoEnv string) {
	t.Helper()
	path, browserEnv := installBrowserDouble(t, "alice@example.com")
	demoEnv = "IOBEYA_TOKEN_DEMO_ADDR=" + freeLoopbackAddr(t)
	cliEnv := append([]string{"PATH=" + path, demoEnv}, browserEnv...)
	e.cli(t, bin, cliEnv, "login", "--platform", "demo", "--timeout", "60s")
	e.cli(t, bin, cliEnv, "generate", "--yes")
	jwt, _ = e.cli(t, bin, cliEnv, "header", "--format", "token")
	return jwt, demoEnv
}

// TestDesktopTrayProgram drives the tray program as a user would, with a
// token on the demo platform: started by the login entry, copying from the
// tray, opening and closing the window, a second start, a revoke from the
// window, Quit, and a start after the agent was killed.
func TestDesktopTrayProgram(t *testing.T) {
	e := newDesktopEnv(t)
	bin := binary(t)
	endDetached(t, bin)
	notes := e.startNotifications(t)
	jwt, demoEnv := e.demoToken(t, bin)
	e.setSetting(t, "clipboardClearSeconds", 45)

	// What the login entry runs: the tray item, no window.
	start := time.Now()
	if _, errOut, code := e.cliCode(t, bin, []string{demoEnv}, "--background"); code != 0 {
		t.Fatalf("iobeya-token --background: exit %d: %s", code, errOut)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("iobeya-token --background took %s", d)
	}
	item := e.tray.waitForItem(t, 60*time.Second)
	menu := e.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && strings.HasPrefix(m[0].Label, "Valid") })
	line := menu[0].Label
	if !strings.HasPrefix(line, "Valid · expires in ") || menu[0].Enabled {
		t.Errorf("status line %q (enabled %v), want a disabled \"Valid · expires in …\"", line, menu[0].Enabled)
	}
	var title string
	_ = e.itemProperty(t, item, "Title").Store(&title)
	if title != "iObeya Token" {
		t.Errorf("the tray item's title is %q, want %q", title, "iObeya Token")
	}
	if got, want := e.tooltip(t, item), "iObeya Token — "+line; got != want {
		t.Errorf("tooltip %q, want %q", got, want)
	}
	if w := e.visibleWindows(t); len(w) != 0 {
		t.Fatalf("--background mapped a window: %v", w)
	}
	if p := windowsOf(bin); len(p) != 0 {
		t.Errorf("a window process runs after --background: %v", p)
	}
	agents := processesOf(trayBinary(bin))
	if len(agents) != 1 {
		t.Fatalf("%d tray programs run, want 1", len(agents))
	}

	// Copy from the tray process alone: exactly the header value, and one
	// notification that says how long it stays.
	if err := e.tray.click(item, entryID(t, menu, "Copy for Power Automate")); err != nil {
		t.Fatal(err)
	}
	want := "Bearer " + jwt
	if !waitFor(10*time.Second, func() bool { return e.clipboard(t) == want }) {
		// Never the clipboard itself: it may hold the token.
		t.Fatalf("the clipboard does not hold exactly \"Bearer <token>\" after Copy for Power Automate (it holds %d characters); notifications shown: %q",
			len(e.clipboard(t)), notes.shown())
	}
	if !waitFor(10*time.Second, func() bool { return slices.Contains(notes.shown(), "Copied — paste it within 45 s") }) {
		t.Fatalf("no copy notification; shown: %q", notes.shown())
	}

	// "Open iObeya Token" maps the window.
	if err := e.tray.click(item, entryID(t, menu, "Open iObeya Token")); err != nil {
		t.Fatal(err)
	}
	win := e.waitForWindow(t, "^iObeya Token", 60*time.Second)

	// A second start exits 0 at once, raises the window, and makes no
	// second tray item.
	second := e.startApp(t, bin, demoEnv)
	if err := second.waitExit(t, 30*time.Second); err != nil {
		t.Fatalf("a second start did not exit 0: %v", err)
	}
	if w := e.visibleWindows(t); len(w) != 1 || w[0] != win {
		t.Errorf("after a second start the windows are %v, want only %s", w, win)
	}
	if items := e.trayItems(t); len(items) != 1 {
		t.Errorf("tray items after a second start: %v, want one", items)
	}

	// Revoke from the window (asked from the tray): the tray's status line
	// follows within a second.
	if err := e.tray.click(item, entryID(t, menu, "Revoke…")); err != nil {
		t.Fatal(err)
	}
	e.screenshot(t, win, "tray-program-revoke")
	e.key(t, win, "Tab", "space")
	revoked := time.Now()
	menu = e.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && m[0].Label == "No token yet" })
	// From the key press: the revoke on the platform, the window's answer,
	// its message to the tray program, the tray program's reading. The
	// race detector slows both programs several times over.
	limit := time.Second
	if raceEnabled {
		limit = 2 * time.Second
	}
	if d := time.Since(revoked); d > limit {
		t.Errorf("the tray's status line followed the revoke after %s, want within %s", d, limit)
	} else {
		t.Logf("the tray followed the revoke after %s", d)
	}

	// Closing the window ends its process; the tray program stays.
	e.closeWindow(t, win)
	if !waitFor(20*time.Second, func() bool { return len(windowsOf(bin)) == 0 }) {
		t.Fatalf("the window's process is still running after closing it: %v", windowsOf(bin))
	}
	if got := processesOf(trayBinary(bin)); !slices.Equal(got, agents) {
		t.Fatalf("tray programs after closing the window: %v, want %v", got, agents)
	}

	// Quit from the tray ends both.
	if err := e.tray.click(item, entryID(t, menu, "Open iObeya Token")); err != nil {
		t.Fatal(err)
	}
	e.waitForWindow(t, "^iObeya Token", 60*time.Second)
	if err := e.tray.click(item, entryID(t, menu, "Quit")); err != nil {
		t.Fatal(err)
	}
	if !waitFor(20*time.Second, func() bool {
		return len(processesOf(bin)) == 0 && len(processesOf(trayBinary(bin))) == 0
	}) {
		t.Fatalf("after Quit: processes of iobeya-token (windows, the demo server) %v, tray programs %v", processesOf(bin), processesOf(trayBinary(bin)))
	}

	// After kill -9 of the agent, the window starts it again, and a new
	// start still finds the one window.
	app := e.startApp(t, bin, demoEnv)
	e.tray.waitForItem(t, 60*time.Second)
	win = e.waitForWindow(t, "^iObeya Token", 60*time.Second)
	agents = processesOf(trayBinary(bin))
	if len(agents) != 1 {
		t.Fatalf("%d tray programs, want 1", len(agents))
	}
	if err := syscall.Kill(agents[0], syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	item = e.tray.waitForItem(t, 60*time.Second)
	if got := processesOf(trayBinary(bin)); len(got) != 1 || got[0] == agents[0] {
		t.Fatalf("tray programs after kill -9: %v (killed %d)", got, agents[0])
	}
	again := e.startApp(t, bin, demoEnv)
	if err := again.waitExit(t, 30*time.Second); err != nil {
		t.Fatalf("a start after kill -9 did not exit 0: %v", err)
	}
	if w := e.visibleWindows(t); len(w) != 1 || w[0] != win {
		t.Errorf("after a start the windows are %v, want only %s", w, win)
	}
	menu = e.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && m[0].Label == "No token yet" })
	e.quitFromTray(t, item, menu, app)
}

// TestDesktopWithoutTrayProgram: where the tray program is missing, the
// window works alone as before, with a tray item of its own.
func TestDesktopWithoutTrayProgram(t *testing.T) {
	e := newDesktopEnv(t)
	alone := binaryAlone(t)
	app := e.startApp(t, alone, "IOBEYA_TOKEN_DEMO_ADDR="+freeLoopbackAddr(t))
	item := e.tray.waitForItem(t, 60*time.Second)
	e.waitForWindow(t, "^iObeya Token", 60*time.Second)
	var pid uint32
	if err := e.conn.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, item).Store(&pid); err != nil {
		t.Fatal(err)
	}
	if int(pid) != app.cmd.Process.Pid {
		t.Fatalf("the tray item belongs to process %d, not the window's %d", pid, app.cmd.Process.Pid)
	}
	menu := e.waitForMenu(t, item, func(m []menuEntry) bool { return len(m) > 0 && m[0].Label == "Not set up yet" })
	e.quitFromTray(t, item, menu, app)
}

// TestDesktopSignalWithACopy: the window ended by a signal (the session
// ending, kill from a terminal) while a copy counts down exits cleanly.
// Fyne's clipboard is gone once its loop has ended; reaching it then
// (as the clean-up did) made the app panic on its way out.
func TestDesktopSignalWithACopy(t *testing.T) {
	e := newDesktopEnv(t)
	alone := binaryAlone(t)
	jwt, demoEnv := e.demoToken(t, alone)
	e.setSetting(t, "clipboardClearSeconds", 120)

	app := e.startApp(t, alone, demoEnv)
	win := e.waitForWindow(t, "^iObeya Token", 60*time.Second)
	// Enter on the token card copies; until the card is shown it does
	// nothing harmful.
	want := "Bearer " + jwt
	if !waitFor(time.Minute, func() bool {
		e.key(t, win, "Return")
		return waitFor(2*time.Second, func() bool { return e.clipboard(t) == want })
	}) {
		t.Fatalf("Enter on the window never put \"Bearer <token>\" on the clipboard (it holds %d characters)", len(e.clipboard(t)))
	}
	if err := app.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := app.waitExit(t, 30*time.Second); err != nil {
		t.Fatalf("after SIGTERM with a copy counting down the app ended with %v", err)
	}
	if out := app.out.String(); strings.Contains(out, "panic") {
		t.Fatal("the app panicked on its way out")
	}
}
