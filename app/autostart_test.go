package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/autostart"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// fakeAutostart is the session's entry in memory. Its calls wait at the
// fake core's gate, as the core's calls do, so their results reach the
// widgets only when the harness lets them.
type fakeAutostart struct {
	gate       func(context.Context) error
	mu         sync.Mutex
	on         bool
	readErr    error
	enableErr  error
	disableErr error
	calls      []string
	exe        string
}

func (f *fakeAutostart) Enabled() (bool, error) {
	f.pass()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Enabled")
	return f.on, f.readErr
}

func (f *fakeAutostart) Enable(exe string) error {
	f.pass()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Enable")
	if f.enableErr != nil {
		return f.enableErr
	}
	f.on, f.exe = true, exe
	return nil
}

func (f *fakeAutostart) Disable() error {
	f.pass()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Disable")
	if f.disableErr != nil {
		return f.disableErr
	}
	f.on = false
	return nil
}

func (f *fakeAutostart) pass() {
	if f.gate != nil {
		_ = f.gate(context.Background())
	}
}

// set changes the entry behind the app's back, as the system's settings would.
func (f *fakeAutostart) set(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.on = on
}

func (f *fakeAutostart) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == call {
			n++
		}
	}
	return n
}

func withAutostart(a *fakeAutostart) option {
	return func(h *harness, d *Deps) { a.gate = h.core.pass; d.Autostart = a }
}

// The fake core's settings folder and doctor report.
const fakeSettingsPath = "/home/ada/.config/iobeya-token/settings.json"

func (f *fakeCore) SettingsPath() string { return fakeSettingsPath }

func (f *fakeCore) Doctor(ctx context.Context) companion.Report {
	f.record("Doctor")
	if err := f.wait(ctx, "Doctor"); err != nil {
		return companion.Report{Findings: []companion.Finding{{Topic: "Platform", Detail: err.Error()}}}
	}
	return fakeReport()
}

// fakeReport is what the fake core's doctor finds.
func fakeReport() companion.Report {
	return companion.Report{Findings: []companion.Finding{
		{Topic: "Settings", OK: true, Detail: fakeSettingsPath},
		{Topic: "Token", OK: true, Detail: "eyJhbGci…Xy12, expires 2027-06-12T12:00:00Z (valid by its own date)"},
	}}
}

// openSettings shows the settings page and lets its reads finish.
func (h *harness) openSettings() {
	h.t.Helper()
	h.tap("Settings")
	h.settle()
}

func TestStartAtLoginSwitchShowsTheEntry(t *testing.T) {
	fake := &fakeAutostart{on: true}
	h := newHarness(t, statusWith(companion.StateValid), withAutostart(fake)).start()
	if fake.count("Enabled") != 0 {
		t.Fatalf("the entry was read before the settings page was shown: %v", fake.calls)
	}
	h.openSettings()
	sw := h.ui.prefs.atLogin
	if !sw.Visible() || !sw.Checked || sw.Disabled() {
		t.Fatalf("switch visible=%v checked=%v disabled=%v; want on and usable", sw.Visible(), sw.Checked, sw.Disabled())
	}
	if !strings.Contains(h.shownText(), word(words.StartAtLogin)) {
		t.Fatalf("the page does not say %q:\n%s", word(words.StartAtLogin), h.shownText())
	}
	h.assertMarkup("settings_autostart.xml")

	// Removed by hand while the page is away: shown off when it comes back.
	h.tap("Done")
	h.settle()
	fake.set(false)
	h.openSettings()
	if sw.Checked {
		t.Fatal("the switch shows the entry as it was, not as it is")
	}
	if n := fake.count("Enable") + fake.count("Disable"); n != 0 {
		t.Fatalf("showing the state wrote the entry %d times", n)
	}
}

func TestStartAtLoginSwitchWritesTheEntry(t *testing.T) {
	fake := &fakeAutostart{}
	h := newHarness(t, statusWith(companion.StateValid), withAutostart(fake)).start()
	h.openSettings()
	sw := h.ui.prefs.atLogin

	test.Tap(sw)
	h.settle()
	if fake.count("Enable") != 1 || !sw.Checked {
		t.Fatalf("after switching on: calls %v, checked %v", fake.calls, sw.Checked)
	}
	if !filepath.IsAbs(fake.exe) || strings.Contains(fake.exe, "..") {
		t.Fatalf("the entry starts %q; want this program's full path", fake.exe)
	}
	want, _ := runningExecutable()
	if fake.exe != want {
		t.Fatalf("the entry starts %q; want the running program %q", fake.exe, want)
	}

	test.Tap(sw)
	h.settle()
	if fake.count("Disable") != 1 || sw.Checked {
		t.Fatalf("after switching off: calls %v, checked %v", fake.calls, sw.Checked)
	}
}

func TestStartAtLoginFailureIsShown(t *testing.T) {
	fake := &fakeAutostart{enableErr: errors.New("the folder /home/ada/.config/autostart cannot be written to")}
	h := newHarness(t, statusWith(companion.StateValid), withAutostart(fake)).start()
	h.openSettings()
	sw := h.ui.prefs.atLogin
	test.Tap(sw)
	h.settle()
	shown := h.shownText()
	for _, w := range []string{word(words.StartAtLoginOnFailed), "cannot be written to", "Try again"} {
		if !strings.Contains(shown, w) {
			t.Errorf("the window does not say %q:\n%s", w, shown)
		}
	}
	if sw.Checked {
		t.Error("the switch shows on although the entry was not written")
	}
	if sw.Disabled() {
		t.Error("the switch stays disabled after a failure")
	}

	fake.disableErr = errors.New("the entry cannot be removed")
	fake.set(true)
	h.tap("Done")
	h.settle()
	h.openSettings()
	test.Tap(sw)
	h.settle()
	if !strings.Contains(h.shownText(), word(words.StartAtLoginOffFailed)) || !sw.Checked {
		t.Errorf("a failed switch-off: checked %v, window says:\n%s", sw.Checked, h.shownText())
	}
}

func TestStartAtLoginHiddenWhereUnsupported(t *testing.T) {
	fake := &fakeAutostart{readErr: autostart.ErrUnsupported}
	h := newHarness(t, statusWith(companion.StateValid), withAutostart(fake)).start()
	h.openSettings()
	if h.ui.prefs.atLogin.Visible() {
		t.Fatal("the switch is shown on a system without the mechanism")
	}
	if strings.Contains(h.shownText(), word(words.StartAtLoginReadFailed)) {
		t.Fatal("an unsupported system is reported as a failure")
	}
}

// generateFirst generates the first token through the confirmation.
func generateFirst(h *harness) {
	h.t.Helper()
	h.core.generated = companion.Generated{Status: statusWith(companion.StateValid)}
	h.tap("Generate token…")
	h.confirmation().Confirm()
	h.settle()
}

func TestAskStartAtLoginOnceAfterFirstToken(t *testing.T) {
	fake := &fakeAutostart{}
	h := newHarness(t, statusWith(companion.StateNone), withAutostart(fake)).start()
	if h.ui.dialog != nil {
		t.Fatal("a question is open before any token")
	}
	generateFirst(h)
	c := h.confirmation()
	shown := h.shownText()
	for _, w := range []*words.Message{words.AskStartAtLoginTitle, words.AskStartAtLoginBody, words.AskStartAtLoginYes, words.AskStartAtLoginNo} {
		if !strings.Contains(shown, word(w)) {
			t.Errorf("the question does not say %q:\n%s", word(w), shown)
		}
	}
	h.assertMarkup("ask_start_at_login.xml")
	if !h.core.Settings().AskedStartAtLogin {
		t.Fatal("asking was not remembered in the settings")
	}
	h.tap(word(words.AskStartAtLoginNo))
	if !c.closed || fake.count("Enable") != 0 {
		t.Fatalf("Not now: closed %v, calls %v", c.closed, fake.calls)
	}

	// A new token later: not asked again.
	h.tap("Revoke and generate new…")
	h.confirmation().Confirm()
	h.settle()
	if h.ui.dialog != nil {
		t.Fatal("the question was asked a second time")
	}
}

func TestAskStartAtLoginYesWritesTheEntry(t *testing.T) {
	fake := &fakeAutostart{}
	h := newHarness(t, statusWith(companion.StateNone), withAutostart(fake)).start()
	generateFirst(h)
	h.tap(word(words.AskStartAtLoginYes))
	h.settle()
	if fake.count("Enable") != 1 || !fake.on {
		t.Fatalf("Yes did not write the entry: %v", fake.calls)
	}
	if !strings.Contains(h.shownText(), word(words.StartAtLoginOn)) {
		t.Fatalf("the window does not say it will start at login:\n%s", h.shownText())
	}
}

func TestAskStartAtLoginNotWhenAlreadyOn(t *testing.T) {
	fake := &fakeAutostart{on: true}
	h := newHarness(t, statusWith(companion.StateNone), withAutostart(fake)).start()
	generateFirst(h)
	if h.ui.dialog != nil {
		t.Fatal("asked although the app already starts at login")
	}
	if !h.core.Settings().AskedStartAtLogin {
		t.Fatal("not remembered: the question would come later")
	}
}

func TestAskStartAtLoginNotWhenAskedBefore(t *testing.T) {
	fake := &fakeAutostart{}
	asked := func(h *harness, _ *Deps) { h.core.settings.AskedStartAtLogin = true }
	h := newHarness(t, statusWith(companion.StateNone), withAutostart(fake), asked).start()
	generateFirst(h)
	if h.ui.dialog != nil || fake.count("Enabled") != 0 {
		t.Fatalf("asked again (dialog %T, calls %v)", h.ui.dialog, fake.calls)
	}
}

func TestAboutShowsVersionContractAndFolder(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.openSettings()
	shown := h.shownText()
	for _, w := range []string{"iObeya Token dev", "Platform contract version 1", "/home/ada/.config/iobeya-token"} {
		if !strings.Contains(shown, w) {
			t.Errorf("About does not say %q:\n%s", w, shown)
		}
	}
	if strings.Contains(shown, "settings.json") {
		t.Error("About shows the file, not its folder")
	}
	if h.ui.prefs.atLogin.Visible() {
		t.Error("the switch is shown without an Autostart")
	}
}

// TestCopyDiagnostics: the report goes to the clipboard, and the token's
// countdown, still running from an earlier copy, leaves it there.
func TestCopyDiagnostics(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.tap("Copy for Power Automate")
	h.settle()
	h.openSettings()
	h.tap(word(words.AboutCopyDiagnostics))
	h.settle()
	got := h.app.Clipboard().Content()
	want := diagnostics(fakeReport())
	if got != want {
		t.Fatalf("clipboard holds %q, want the report %q", got, want)
	}
	if !strings.Contains(got, "✓ Settings") || strings.Contains(got, h.jwt) {
		t.Fatalf("the report is not the doctor's, or holds the token: %q", got)
	}
	if !strings.Contains(h.shownText(), word(words.AboutCopied)) {
		t.Fatalf("the page does not say the report was copied:\n%s", h.shownText())
	}
	h.advance(time.Duration(h.core.Settings().ClipboardClearSeconds+1) * time.Second)
	if h.app.Clipboard().Content() != want {
		t.Fatal("the token's countdown cleared the diagnostics")
	}
}

// TestLoginEntryNamesTheWindowProgram: the window opened from a terminal on
// Windows is iobeya-token.com; the login entry names iobeya-token.exe beside
// it, which opens no console, and keeps any other path as it is.
func TestLoginEntryNamesTheWindowProgram(t *testing.T) {
	there := map[string]bool{
		`C:\Users\ada\AppData\Local\Programs\iObeya Token\iobeya-token.exe`: true,
		`C:\Tools\IOBEYA-TOKEN.exe`:                                         true,
	}
	exists := func(p string) bool { return there[p] }
	for _, tt := range []struct{ exe, want string }{
		{`C:\Users\ada\AppData\Local\Programs\iObeya Token\iobeya-token.com`, `C:\Users\ada\AppData\Local\Programs\iObeya Token\iobeya-token.exe`},
		{`C:\Tools\IOBEYA-TOKEN.COM`, `C:\Tools\IOBEYA-TOKEN.exe`},
		{`C:\Users\ada\AppData\Local\Programs\iObeya Token\iobeya-token.exe`, `C:\Users\ada\AppData\Local\Programs\iObeya Token\iobeya-token.exe`},
		{`C:\portable\iobeya-token.com`, `C:\portable\iobeya-token.com`}, // no .exe beside it
		{"/usr/lib/iobeya-token/iobeya-token", "/usr/lib/iobeya-token/iobeya-token"},
	} {
		if got := windowProgram(tt.exe, exists); got != tt.want {
			t.Errorf("windowProgram(%s) = %s, want %s", tt.exe, got, tt.want)
		}
	}
	// On this machine, a real file beside a real one.
	dir := t.TempDir()
	com, exe := filepath.Join(dir, "iobeya-token.com"), filepath.Join(dir, "iobeya-token.exe")
	for _, p := range []string{com, exe} {
		if err := os.WriteFile(p, nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if got := windowProgram(com, fileExists); got != exe {
		t.Errorf("windowProgram(%s) = %s, want %s", com, got, exe)
	}
}
