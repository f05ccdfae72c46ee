package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// errAddress is what the fake core says of an address it refuses.
var errAddress = errors.New("not an address")

var update = flag.Bool("update", false, "rewrite the golden markup files under testdata/")

// fakeCore records every call and answers from its fields. A call named in
// block waits until release is closed or its context ends, and reports its
// start on started.
//
// Every call that takes a context also waits at a gate that only the
// harness opens (settle, waitStarted). Fyne's test driver runs fyne.Do at
// once on the calling goroutine, so a call that returned while the test was
// still inside a tap would touch widgets concurrently; the real driver
// queues it to the UI goroutine instead. The gate gives tests that order.
type fakeCore struct {
	mu    sync.Mutex
	calls []string
	gate  chan struct{} // closed while open
	open  bool

	status       companion.Status
	online       *companion.Status // what Status(ctx, false) answers; nil: status
	statusErr    error
	generated    companion.Generated
	generateErr  error
	revokeErr    error
	headers      map[companion.Format]string
	headerErr    error
	validateErr  error
	platformErr  error
	loginErr     error
	loginURL     string
	loginOpened  bool
	logout       companion.LogoutResult
	logoutErr    error
	settings     companion.Settings
	updateErr    error
	subs         []func(companion.Status)
	block        map[string]bool
	release      chan struct{}
	started      chan string
	blockedCtxEr error // the context error a blocked call returned with
}

func newFakeCore(st companion.Status) *fakeCore {
	return &fakeCore{
		status:   st,
		settings: companion.DefaultSettings(),
		block:    map[string]bool{},
		release:  make(chan struct{}),
		started:  make(chan string, 16),
		headers:  map[companion.Format]string{},
		gate:     make(chan struct{}),
	}
}

// pass waits at the gate.
func (f *fakeCore) pass(ctx context.Context) error {
	f.mu.Lock()
	gate := f.gate
	f.mu.Unlock()
	select {
	case <-gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// setGate opens or closes the gate.
func (f *fakeCore) setGate(open bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case open && !f.open:
		close(f.gate)
	case !open && f.open:
		f.gate = make(chan struct{})
	}
	f.open = open
}

func (f *fakeCore) record(call string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
}

// wait holds a call at the gate, then blocks it if a key of block starts
// its name ("Status" blocks both kinds, "Status(offline=false)" one).
func (f *fakeCore) wait(ctx context.Context, name string) error {
	if err := f.pass(ctx); err != nil {
		return err
	}
	f.mu.Lock()
	blocked := false
	for k, on := range f.block {
		blocked = blocked || (on && strings.HasPrefix(name, k))
	}
	f.mu.Unlock()
	if !blocked {
		return nil
	}
	f.started <- name
	select {
	case <-f.release:
		return nil
	case <-ctx.Done():
		f.mu.Lock()
		f.blockedCtxEr = ctx.Err()
		f.mu.Unlock()
		return ctx.Err()
	}
}

// count is how many calls start with prefix.
func (f *fakeCore) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

func (f *fakeCore) callList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeCore) Status(ctx context.Context, offline bool) (companion.Status, error) {
	call := fmt.Sprintf("Status(offline=%v)", offline)
	f.record(call)
	// The answer is read before any wait, like a check that has asked the
	// platform and is on its way back.
	f.mu.Lock()
	st, err := f.status, f.statusErr
	if !offline && f.online != nil {
		st = *f.online
	}
	f.mu.Unlock()
	if err := f.wait(ctx, call); err != nil {
		return companion.Status{}, err
	}
	return st, err
}

func (f *fakeCore) Login(ctx context.Context, opts companion.LoginOptions) (companion.Account, error) {
	f.record(fmt.Sprintf("Login(noBrowser=%v)", opts.NoBrowser))
	if err := f.pass(ctx); err != nil {
		return companion.Account{}, err
	}
	if opts.OnURL != nil && f.loginURL != "" {
		opts.OnURL(f.loginURL, f.loginOpened && !opts.NoBrowser)
	}
	if err := f.wait(ctx, "Login"); err != nil {
		return companion.Account{}, fmt.Errorf("sign-in: %w", err)
	}
	if f.loginErr != nil {
		return companion.Account{}, f.loginErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status.SignedIn = true
	return companion.Account{Email: f.status.Account, Platform: f.status.Platform}, nil
}

func (f *fakeCore) Logout(ctx context.Context) (companion.LogoutResult, error) {
	f.record("Logout")
	if err := f.wait(ctx, "Logout"); err != nil {
		return companion.LogoutResult{}, err
	}
	if f.logoutErr == nil {
		f.mu.Lock()
		f.status.SignedIn = false
		f.mu.Unlock()
	}
	return f.logout, f.logoutErr
}

func (f *fakeCore) Generate(ctx context.Context, confirmed bool) (companion.Generated, error) {
	f.record(fmt.Sprintf("Generate(confirmed=%v)", confirmed))
	if err := f.wait(ctx, "Generate"); err != nil {
		return companion.Generated{}, err
	}
	return f.generated, f.generateErr
}

func (f *fakeCore) Regenerate(ctx context.Context, confirmed bool) (companion.Generated, error) {
	f.record(fmt.Sprintf("Regenerate(confirmed=%v)", confirmed))
	if err := f.wait(ctx, "Regenerate"); err != nil {
		return companion.Generated{}, err
	}
	return f.generated, f.generateErr
}

func (f *fakeCore) Revoke(ctx context.Context) error {
	f.record("Revoke")
	if err := f.wait(ctx, "Revoke"); err != nil {
		return err
	}
	if f.revokeErr == nil {
		f.mu.Lock()
		f.status.State, f.status.Masked, f.status.TokenID = companion.StateNone, "", ""
		f.mu.Unlock()
	}
	return f.revokeErr
}

func (f *fakeCore) Header(ctx context.Context, format companion.Format) (string, error) {
	f.record("Header(" + string(format) + ")")
	if err := f.wait(ctx, "Header"); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.headers[format], f.headerErr
}

func (f *fakeCore) Settings() companion.Settings {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.settings
}

func (f *fakeCore) UpdateSettings(change func(*companion.Settings)) error {
	f.record("UpdateSettings")
	_ = f.pass(context.Background()) // it writes a file: it runs off the UI goroutine too
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.updateErr != nil {
		return f.updateErr
	}
	change(&f.settings)
	return nil
}

func (f *fakeCore) ValidateAddress(address string) (string, error) {
	if strings.TrimSpace(address) == "" || strings.Contains(strings.TrimSpace(address), " ") {
		return "", f.validateErr
	}
	// Pasted pages are reduced as the real core does it.
	if a, err := client.ParseAddress(address); err == nil && a.Reduced {
		return a.Host(), nil
	}
	return "", nil
}

func (f *fakeCore) SetPlatform(ctx context.Context, address string, demo bool) error {
	f.record(fmt.Sprintf("SetPlatform(%s, demo=%v)", address, demo))
	if err := f.wait(ctx, "SetPlatform"); err != nil {
		return err
	}
	if f.platformErr != nil {
		return f.platformErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status.Platform, f.status.Demo = strings.TrimPrefix(address, "http://"), demo
	f.settings.Platform, f.settings.Demo = address, demo
	return nil
}

func (f *fakeCore) Subscribe(fn func(companion.Status)) func() {
	f.record("Subscribe")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subs = append(f.subs, fn)
	i := len(f.subs) - 1
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.subs[i] = nil
	}
}

// publish sends a status to the subscribers, as the core does after a
// change made elsewhere.
func (f *fakeCore) publish(st companion.Status) {
	f.mu.Lock()
	subs := slices.Clone(f.subs)
	f.mu.Unlock()
	for _, fn := range subs {
		if fn != nil {
			fn(st)
		}
	}
}

// fakeClock is a clock whose time moves only when the test says; timers fire
// on the test goroutine, in order.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
	set    int    // timers set so far
	fired  func() // runs after each timer, so the test can let work settle
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	c.set++
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// Advance moves the time forward by d, firing every timer due on the way at
// its own instant.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	end := c.now.Add(d)
	c.mu.Unlock()
	for {
		c.mu.Lock()
		c.timers = slices.DeleteFunc(c.timers, func(t *fakeTimer) bool { return t.stopped })
		var next *fakeTimer
		for _, t := range c.timers {
			if !t.at.After(end) && (next == nil || t.at.Before(next.at)) {
				next = t
			}
		}
		if next == nil {
			c.now = end
			c.mu.Unlock()
			return
		}
		next.stopped = true
		if next.at.After(c.now) {
			c.now = next.at
		}
		c.mu.Unlock()
		next.f()
		if c.fired != nil {
			c.fired()
		}
	}
}

// pending lists the waits of the live timers.
func (c *fakeClock) pending() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ds []time.Duration
	for _, t := range c.timers {
		if !t.stopped {
			ds = append(ds, t.at.Sub(c.now))
		}
	}
	slices.Sort(ds)
	return ds
}

// The fixed "now" of the tests and a status per state around it.
var (
	testNow   = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	testExpAt = time.Date(2027, 6, 12, 12, 0, 0, 0, time.UTC) // 197 days and 2 hours after testNow
)

func statusWith(state companion.State) companion.Status {
	st := companion.Status{
		Platform:    "acme.iobeya.com",
		PlatformURL: "https://acme.iobeya.com",
		SignedIn:    true,
		Account:     "ada@acme.example",
		AccountName: "Ada Lovelace",
		State:       state,
	}
	if state == companion.StateNone {
		return st
	}
	st.Masked = "eyJhbGci…Xy12"
	st.TokenID = "pat-1"
	st.IssuedAt = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	st.ExpiresAt = testExpAt
	st.CheckedWithServer = state != companion.StateUnknown
	st.CheckedAt = testNow.Add(-2 * time.Minute)
	switch state {
	case companion.StateExpiring:
		st.ExpiresAt = testNow.Add(3*day + 5*time.Hour)
	case companion.StateExpired:
		st.ExpiresAt = testNow.Add(-2*day - time.Hour)
	case companion.StateUnknown:
		st.CheckedAt = testNow.Add(-3 * time.Hour)
	}
	return st
}

// harness runs the UI on Fyne's test app with a fake core and a fake clock.
type harness struct {
	t     testing.TB
	app   fyne.App
	core  *fakeCore
	clock *fakeClock
	ui    *UI
	demo  []string // calls of StartDemo
	jwt   string
	lang  string // the language preference it started with; "fr": golden files under testdata/fr
}

type option func(*harness, *Deps)

func withoutDemo() option { return func(_ *harness, d *Deps) { d.StartDemo = nil } }

// withLanguage starts the window with a language preference in the
// settings ("fr", "en", or words.PrefSystem).
func withLanguage(pref string) option {
	return func(h *harness, _ *Deps) { h.core.settings.Language, h.lang = pref, pref }
}

// englishSystem makes the system's language English for the test, whatever
// the machine's: the window follows it when no language is chosen.
func englishSystem(t testing.TB) {
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", "en_US.UTF-8")
}

func newHarness(t testing.TB, st companion.Status, opts ...option) *harness {
	t.Helper()
	englishSystem(t)
	h := &harness{
		t:     t,
		app:   test.NewTempApp(t),
		core:  newFakeCore(st),
		clock: &fakeClock{now: testNow},
		jwt:   testenv.FakeJWT(`{"sub":"u_ada"}`),
	}
	h.core.validateErr = errAddress
	h.core.headers[companion.FormatBearer] = "Bearer " + h.jwt
	h.core.headers[companion.FormatToken] = h.jwt
	h.core.headers[companion.FormatHeader] = "Authorization: Bearer " + h.jwt
	h.core.headers[companion.FormatPowerAutomate] = `{"Authorization": "Bearer ` + h.jwt + `"}`
	deps := Deps{
		Core:  h.core,
		Clock: h.clock,
		StartDemo: func(ctx context.Context) (string, error) {
			if err := h.core.pass(ctx); err != nil {
				return "", err
			}
			h.demo = append(h.demo, "StartDemo")
			return "http://127.0.0.1:47001", nil
		},
	}
	for _, o := range opts {
		o(h, &deps)
	}
	h.core.settings = h.core.Settings() // options may have changed the settings
	h.ui = New(h.app, deps)
	h.clock.fired = h.settle
	t.Cleanup(h.ui.shutdown)
	return h
}

// start starts the UI and waits for its first status checks.
func (h *harness) start() *harness {
	h.ui.Start()
	h.settle()
	return h
}

// settle lets the core calls through and waits until none is in flight.
func (h *harness) settle() {
	h.core.setGate(true)
	h.ui.work.jobs.Wait()
	h.core.setGate(false)
}

// waitStarted lets the core calls through until a blocked one has started.
func (h *harness) waitStarted() {
	h.core.setGate(true)
	<-h.core.started
	h.core.setGate(false)
}

// advance moves the clock, letting the work each timer starts finish.
func (h *harness) advance(d time.Duration) {
	h.clock.Advance(d)
	h.settle()
}

// markup renders the window, dialogs included, to Fyne's markup.
func (h *harness) markup() string { return test.RenderToMarkup(h.ui.win.Canvas()) }

// assertMarkup compares the window with testdata/name, or rewrites it
// under -update.
func (h *harness) assertMarkup(name string) {
	h.t.Helper()
	if h.lang == words.PrefFrench {
		name = filepath.Join("fr", name)
	}
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			h.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(h.markup()), 0o644); err != nil {
			h.t.Fatal(err)
		}
		return
	}
	test.AssertRendersToMarkup(h.t.(*testing.T), name, h.ui.win.Canvas())
}

// button finds a visible button by its text in the window or its dialogs.
func (h *harness) button(text string) *actionButton {
	h.t.Helper()
	var found *actionButton
	for _, o := range h.objects() {
		if b, ok := o.(*actionButton); ok && b.Text == text {
			found = b
		}
	}
	if found == nil {
		h.t.Fatalf("no visible button %q", text)
	}
	return found
}

// hasButton says whether a visible button with this text exists.
func (h *harness) hasButton(text string) bool {
	for _, o := range h.objects() {
		if b, ok := o.(*actionButton); ok && b.Text == text {
			return true
		}
	}
	return false
}

// tap taps a button; a disabled one ignores it, as on screen.
func (h *harness) tap(text string) {
	h.t.Helper()
	test.Tap(h.button(text))
}

// objects lists what is visible: the window's content and its overlays.
func (h *harness) objects() []fyne.CanvasObject {
	c := h.ui.win.Canvas()
	var objs []fyne.CanvasObject
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		objs = append(objs, o)
		switch v := o.(type) {
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(v).Objects() {
				walk(k)
			}
		}
	}
	walk(c.Content())
	for _, o := range c.Overlays().List() {
		walk(o)
	}
	return objs
}

// shownText is every visible text of the window and its dialogs, one per
// line: labels, buttons, checks, selects and entries.
func (h *harness) shownText() string {
	var b strings.Builder
	for _, o := range h.objects() {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text)
		case *actionButton:
			b.WriteString(v.Text)
		case *widget.Button:
			b.WriteString(v.Text)
		case *widget.Check:
			b.WriteString(v.Text)
		case *escCheck:
			b.WriteString(v.Text)
		case *escSelect:
			b.WriteString(v.Selected)
		case *widget.Select:
			b.WriteString(v.Selected)
		case *widget.Entry:
			b.WriteString(v.Text)
		default:
			continue
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// menuOpen says whether a pop-up menu is open over the window.
func (h *harness) menuOpen() bool {
	top := h.ui.win.Canvas().Overlays().Top()
	return top != nil && top.Visible() && h.ui.dialog == nil
}

// key presses a key the way the driver hands it over: to the focused
// widget, or else to the canvas.
func (h *harness) key(name fyne.KeyName) {
	c := h.ui.win.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if on := c.OnTypedKey(); on != nil {
		on(ev)
	}
}

// dialog is the open confirmation.
func (h *harness) confirmation() *confirmation {
	h.t.Helper()
	c, ok := h.ui.dialog.(*confirmation)
	if !ok {
		h.t.Fatalf("no confirmation is open (dialog %T)", h.ui.dialog)
	}
	return c
}
