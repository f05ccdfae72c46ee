package app

import (
	"bytes"
	"image"
	_ "image/png"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TestTrayMenu builds the tray menu for every state and checks its status
// line, its items and which are enabled.
func TestTrayMenu(t *testing.T) {
	signedOut := statusWith(companion.StateNone)
	signedOut.SignedIn = false
	keptSignedOut := statusWith(companion.StateValid)
	keptSignedOut.SignedIn = false
	demo := statusWith(companion.StateValid)
	demo.Demo = true
	noExpiry := statusWith(companion.StateValid)
	noExpiry.ExpiresAt = time.Time{}

	// enabled lists, in order: Copy, Open, Check now, Revoke…, Quit.
	tests := []struct {
		name    string
		status  companion.Status
		line    string
		demo    bool
		enabled [5]bool
		icon    fyne.Resource
	}{
		{"not set up", companion.Status{State: companion.StateNone}, "Not set up yet", false, [5]bool{false, true, false, false, true}, trayNone},
		{"signed out", signedOut, "Signed out", false, [5]bool{false, true, true, false, true}, trayNone},
		{"no token", statusWith(companion.StateNone), "No token yet", false, [5]bool{false, true, true, false, true}, trayNone},
		{"valid", statusWith(companion.StateValid), "Valid · expires in 197 days", false, [5]bool{true, true, true, true, true}, trayValid},
		{"valid, no expiry", noExpiry, "Valid · does not expire", false, [5]bool{true, true, true, true, true}, trayValid},
		{"expiring", statusWith(companion.StateExpiring), "Expires soon · in 3 days", false, [5]bool{true, true, true, true, true}, trayExpiring},
		{"expired", statusWith(companion.StateExpired), "Expired · 2 days ago", false, [5]bool{false, true, true, true, true}, trayExpired},
		{"revoked", statusWith(companion.StateRevoked), "Revoked", false, [5]bool{false, true, true, true, true}, trayExpired},
		{"unknown", statusWith(companion.StateUnknown), "Couldn't check · expires in 197 days", false, [5]bool{true, true, true, true, true}, trayUnknown},
		{"kept, signed out", keptSignedOut, "Valid · expires in 197 days", false, [5]bool{true, true, true, false, true}, trayValid},
		{"demo", demo, "Valid · expires in 197 days", true, [5]bool{true, true, true, true, true}, trayValid},
	}
	labels := []string{"Copy for Power Automate", "Open iObeya Token", "Check now", "Revoke…", "Quit"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var called []string
			act := func(name string) func() { return func() { called = append(called, name) } }
			m := TrayMenu(tt.status, testNow, TrayActions{
				Copy: act("copy"), Open: act("open"), Check: act("check"), Revoke: act("revoke"), Quit: act("quit"),
			})
			if m.Items[0].Label != tt.line || !m.Items[0].Disabled {
				t.Errorf("status line %q (disabled %v), want %q, disabled", m.Items[0].Label, m.Items[0].Disabled, tt.line)
			}
			if got := m.Items[1].Label == "Demo platform"; got != tt.demo {
				t.Errorf("demo line shown: %v, want %v", got, tt.demo)
			}
			var actions []*fyne.MenuItem
			for _, it := range m.Items[1:] {
				if !it.IsSeparator && it.Label != "Demo platform" {
					actions = append(actions, it)
				}
			}
			if len(actions) != len(labels) {
				t.Fatalf("%d actions, want %d", len(actions), len(labels))
			}
			for i, it := range actions {
				if it.Label != labels[i] {
					t.Errorf("item %d: %q, want %q", i, it.Label, labels[i])
				}
				if it.Disabled == tt.enabled[i] {
					t.Errorf("%q enabled: %v, want %v", it.Label, !it.Disabled, tt.enabled[i])
				}
				it.Action()
			}
			if strings.Join(called, ",") != "copy,open,check,revoke,quit" {
				t.Errorf("actions called: %v", called)
			}
			if !actions[4].IsQuit {
				t.Error("Quit is not marked as the quit item: the tray host would add a second one")
			}
			if got := trayIcon(tt.status); got != tt.icon {
				t.Errorf("icon %s, want %s", got.Name(), tt.icon.Name())
			}
		})
	}
}

// TestTrayRevokeOpensConfirmation: "Revoke…" in the tray opens the window
// on the token card with the confirmation, and revokes nothing by itself.
func TestTrayRevokeOpensConfirmation(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.tap("Settings")
	h.ui.revokeFromTray()
	if h.ui.current != h.ui.card {
		t.Fatal("the window is not on the token card")
	}
	c := h.confirmation()
	if !strings.Contains(h.shownText(), "Revoke your token?") {
		t.Fatal("the revoke confirmation is not shown")
	}
	h.settle()
	if n := h.core.count("Revoke"); n != 0 {
		t.Fatalf("%d revokes before confirming", n)
	}
	c.Confirm()
	h.settle()
	if n := h.core.count("Revoke"); n != 1 {
		t.Fatalf("%d revokes after confirming", n)
	}
}

// spyWindow records what the app does to its window.
type spyWindow struct {
	fyne.Window
	shows     int
	intercept func()
}

func (w *spyWindow) Show() {
	w.shows++
	w.Window.Show()
}

func (w *spyWindow) SetCloseIntercept(f func()) {
	w.intercept = f
	w.Window.SetCloseIntercept(f)
}

// spyApp is the test app, handing out spy windows.
type spyApp struct {
	fyne.App
	win *spyWindow
}

func (a *spyApp) NewWindow(title string) fyne.Window {
	a.win = &spyWindow{Window: a.App.NewWindow(title)}
	return a.win
}

func withSpy(spy **spyApp) option {
	return func(h *harness, _ *Deps) { *spy = &spyApp{App: h.app}; h.app = *spy }
}

// trayApp is the test app with a tray, recording what is put in it.
type trayApp struct {
	spyApp
	menus  []*fyne.Menu
	icons  []fyne.Resource
	window fyne.Window
	// iconAtStart is the app's icon when the first menu was set, which
	// Fyne puts in a starting tray on Windows until it gets one.
	iconAtStart fyne.Resource
	icon        fyne.Resource
}

func (a *trayApp) SetSystemTrayMenu(m *fyne.Menu) {
	if len(a.menus) == 0 {
		a.iconAtStart = a.icon
	}
	a.menus = append(a.menus, m)
}

// SetIcon and Icon keep the app's icon (Fyne's test app forgets it).
func (a *trayApp) SetIcon(r fyne.Resource)           { a.icon = r }
func (a *trayApp) Icon() fyne.Resource               { return a.icon }
func (a *trayApp) SetSystemTrayIcon(r fyne.Resource) { a.icons = append(a.icons, r) }
func (a *trayApp) SetSystemTrayWindow(w fyne.Window) { a.window = w }
func (a *trayApp) lastLine() string                  { return a.menus[len(a.menus)-1].Items[0].Label }
func (a *trayApp) lastIcon() fyne.Resource           { return a.icons[len(a.icons)-1] }

func withTray(tray **trayApp) option {
	return func(h *harness, _ *Deps) { *tray = &trayApp{spyApp: spyApp{App: h.app}}; h.app = *tray }
}

// TestTrayIconFromTheFirstFrame: when the tray starts (its first menu),
// the app's icon, which Fyne shows on Windows until it is handed the
// tray's, is already the state's bitmap: an SVG there cannot be converted
// to an ICO and logged "Failed to convert systray icon". The window gets
// the app icon afterwards.
func TestTrayIconFromTheFirstFrame(t *testing.T) {
	var tray *trayApp
	newHarness(t, statusWith(companion.StateValid), withTray(&tray))
	if tray.iconAtStart == nil {
		t.Fatal("the tray started while the app had no icon: Fyne would fall back to an SVG")
	}
	if _, _, err := image.Decode(bytes.NewReader(tray.iconAtStart.Content())); err != nil {
		t.Fatalf("the icon the tray starts with (%s) is no bitmap: %v", tray.iconAtStart.Name(), err)
	}
	if tray.iconAtStart != tray.icons[0] {
		t.Errorf("the tray starts with %s, then shows %s", tray.iconAtStart.Name(), tray.icons[0].Name())
	}
	if tray.icon != appIcon {
		t.Errorf("after New the app's icon is %v, not the app icon", tray.icon)
	}
}

// TestTrayFollowsStatus: the tray's menu and icon change with every status
// change, and only then.
func TestTrayFollowsStatus(t *testing.T) {
	var tray *trayApp
	h := newHarness(t, statusWith(companion.StateValid), withTray(&tray))
	if tray.window != h.ui.win {
		t.Fatal("the tray does not control the window")
	}
	h.start()
	if got := tray.lastLine(); got != "Valid · expires in 197 days" {
		t.Fatalf("tray says %q", got)
	}
	if tray.lastIcon() != trayValid {
		t.Fatalf("tray icon %s", tray.lastIcon().Name())
	}
	sets := len(tray.menus)
	h.advance(10 * time.Minute) // "last checked" changes; the tray does not
	if len(tray.menus) != sets {
		t.Fatalf("the tray menu was set again %d times without a change", len(tray.menus)-sets)
	}
	h.core.publish(statusWith(companion.StateRevoked))
	if got := tray.lastLine(); got != "Revoked" {
		t.Fatalf("after a revoke found elsewhere the tray says %q", got)
	}
	if tray.lastIcon() != trayExpired {
		t.Fatalf("tray icon %s after revoke", tray.lastIcon().Name())
	}
}

// TestTrayTimeMovesState: as time passes the tray enters the warning window
// and then shows the token expired, without asking the platform.
func TestTrayTimeMovesState(t *testing.T) {
	var tray *trayApp
	st := statusWith(companion.StateValid)
	st.ExpiresAt = testNow.Add(8 * day)
	st.CheckedAt = time.Time{} // fewer wake-ups: only the expiry text moves
	h := newHarness(t, st, withTray(&tray))
	h.core.online = &st
	h.start()
	checks := h.core.count("Status(")
	h.advance(day + time.Minute)
	if got := tray.lastLine(); got != "Expires soon · in 7 days" {
		t.Fatalf("a day later the tray says %q", got)
	}
	if tray.lastIcon() != trayExpiring {
		t.Fatalf("tray icon %s in the warning window", tray.lastIcon().Name())
	}
	h.advance(7 * day)
	if got := tray.lastLine(); got != "Expired · 1 minute ago" {
		t.Fatalf("after the expiry the tray says %q", got)
	}
	if tray.lastIcon() != trayExpired {
		t.Fatalf("tray icon %s after the expiry", tray.lastIcon().Name())
	}
	// Periodic checks ran (every 6 hours), nothing else.
	if got, want := h.core.count("Status(")-checks, int((8*day+time.Minute)/checkEvery); got != want {
		t.Fatalf("%d status calls in 8 days, want %d (one per 6 hours)", got, want)
	}
}

// TestCloseWindow: with a tray, closing the window hides it and the app
// goes on; without one, closing quits (and clears the clipboard).
func TestCloseWindow(t *testing.T) {
	var tray *trayApp
	h := newHarness(t, statusWith(companion.StateValid), withTray(&tray)).start()
	tray.win.intercept()
	if h.ui.arb.stopped {
		t.Fatal("closing the window quit the app although it has a tray")
	}

	var spy *spyApp
	plain := newHarness(t, statusWith(companion.StateValid), withSpy(&spy)).start()
	plain.tap("Copy for Power Automate")
	plain.settle()
	spy.win.intercept()
	if !plain.ui.arb.stopped {
		t.Fatal("closing the window of an app without a tray did not quit")
	}

	// A driver with tray support, and a panel that shows tray items only
	// part of the time: asked when the window closes.
	var hostless *trayApp
	host := true
	h = newHarness(t, statusWith(companion.StateValid), withTray(&hostless), func(_ *harness, d *Deps) {
		d.HasTray = func() bool { return host }
	}).start()
	hostless.win.intercept()
	if h.ui.arb.stopped {
		t.Fatal("closing the window quit the app although a tray host was there")
	}
	host = false
	hostless.win.intercept()
	if !h.ui.arb.stopped {
		t.Fatal("closing the window without a tray host hid it out of reach")
	}
	if plain.app.Clipboard().Content() != "" {
		t.Fatal("quitting by closing the window left the token on the clipboard")
	}
}
