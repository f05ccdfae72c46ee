package main

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/instance"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// sentNotes records the notifications the agent sends.
type sentNotes struct {
	mu     sync.Mutex
	titles []string
	bodies []string
	got    chan struct{}
}

func (s *sentNotes) Send(_ context.Context, title, body string) error {
	s.mu.Lock()
	s.titles = append(s.titles, title)
	s.bodies = append(s.bodies, body)
	s.mu.Unlock()
	s.got <- struct{}{}
	return nil
}

// watchEnv is an agent on the real endpoint with an in-memory clipboard,
// the keychain's mock, and a sandbox shaped like a real platform (no token
// API, no discovery, no /v1/me), set up as the window would.
type watchEnv struct {
	*testAgent
	cb    *memClipboard
	notes *sentNotes
	srv   *sandbox.Server
	core  *companion.Core
}

func newWatchEnv(t *testing.T, background, hasTray bool) *watchEnv {
	t.Helper()
	srv, err := sandbox.Start(sandbox.Config{NoDiscovery: true, NoPATAPI: true, NoMe: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e := &watchEnv{testAgent: newTestAgent(t, background, hasTray), cb: &memClipboard{}, notes: &sentNotes{got: make(chan struct{}, 8)}, srv: srv}
	var err2 error
	e.call(func() {
		e.clip.system = func() (clipboard.Clipboard, error) { return e.cb, nil }
		e.agent.notes.other = e.notes
		e.keys = keychain.New(keychain.WithBackend(&testenv.MemKeychain{}))
		err2 = e.openCore()
		e.core = e.agent.core
	})
	if err2 != nil {
		t.Fatal(err2)
	}
	if err := e.core.SetPlatform(context.Background(), srv.URL(), false); err != nil {
		t.Fatal(err)
	}
	return e
}

// copied puts text on the clipboard, as a click on Copy in a web page does.
func (e *watchEnv) copied(text string) { _ = e.cb.Write(context.Background(), text) }

// current is a core as the window would make it: the same settings and
// keychain, read now.
func (e *watchEnv) current(t *testing.T) *companion.Core {
	t.Helper()
	core, err := companion.New(companion.Config{SettingsDir: e.dir, Keychain: e.keys})
	if err != nil {
		t.Fatal(err)
	}
	return core
}

// kept reads what the keychain holds now, as the window would.
func (e *watchEnv) kept(t *testing.T) companion.Status {
	t.Helper()
	st, err := e.current(t).Status(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func startWatch(t *testing.T, c *instance.Conn) {
	t.Helper()
	if reply, err := c.Request(context.Background(), instance.Message{Kind: instance.KindWatch}); err != nil || reply.Kind != instance.KindOK {
		t.Fatalf("clipboard-watch: %+v, %v; want ok", reply, err)
	}
}

// TestWatchKeepsTheTokenForTheWindow: the window asks the agent to watch;
// another platform's token on the clipboard is left alone; the platform's
// token is taken, the clipboard cleared, the token checked and kept in the
// keychain by the agent, and the window told so without the token ever
// crossing the endpoint.
func TestWatchKeepsTheTokenForTheWindow(t *testing.T) {
	e := newWatchEnv(t, true, true)
	c, _, pushed := window(t)
	other := testenv.SignedJWT(t, jwt.MapClaims{"iss": "https://other.iobeya.com", "sub": "u_x", "exp": time.Now().Add(time.Hour).Unix()})
	e.copied(other)
	startWatch(t, c)
	raw := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice").Generate()
	// At least one reading of the other token first: the agent reads at
	// once, then every half second.
	time.Sleep(700 * time.Millisecond)
	if got := e.cb.get(); got != other {
		t.Fatal("another platform's token was taken off the clipboard")
	}
	e.copied(raw)
	var seen []instance.Message
	for len(seen) == 0 || seen[len(seen)-1].Kind == instance.KindWatchChecking {
		select {
		case m := <-pushed:
			seen = append(seen, m)
		case <-time.After(20 * time.Second):
			t.Fatalf("the window was told %+v, then nothing", seen)
		}
	}
	if len(seen) != 2 || seen[0].Kind != instance.KindWatchChecking || seen[1].Kind != instance.KindWatchKept {
		t.Fatalf("the window was told %+v, want checking then kept", seen)
	}
	for _, m := range seen {
		if strings.Contains(m.Text, raw) || strings.Contains(m.Text, raw[len(raw)-12:]) {
			t.Fatal("a message to the window carries the token")
		}
	}
	if got := e.cb.get(); got != "" {
		t.Error("the clipboard still holds the token")
	}
	if st := e.kept(t); st.State != companion.StateValid || !st.BroughtIn || st.Account != "alice@example.com" {
		t.Errorf("the keychain's state: %s %q brought in %v", st.State, st.Account, st.BroughtIn)
	}
	if h, err := e.current(t).Header(context.Background(), companion.FormatToken); h != raw {
		t.Errorf("the kept token is not the one copied (%v)", err)
	}
	select {
	case <-e.notes.got:
		t.Errorf("a notification was sent with the window there: %q", e.notes.titles)
	default:
	}
}

// TestWatchOutlivesTheWindow: the window that asked closes before the user
// copies; the agent still takes the token, keeps it, and says so in a
// notification. Without a tray host, the agent the window started stays
// for the watch, then ends.
func TestWatchOutlivesTheWindow(t *testing.T) {
	e := newWatchEnv(t, false, false)
	c, _, _ := window(t)
	startWatch(t, c)
	c.Close()
	raw := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice").Generate()
	select {
	case <-e.done:
		t.Fatal("the agent ended with the window while watching the clipboard")
	case <-time.After(700 * time.Millisecond): // the window's end is handled by now
	}
	e.copied(raw)
	select {
	case <-e.notes.got:
	case <-time.After(20 * time.Second):
		t.Fatal("no notification of the kept token")
	}
	e.notes.mu.Lock()
	title, body := e.notes.titles[0], e.notes.bodies[0]
	e.notes.mu.Unlock()
	if title != "Your token is kept" || strings.Contains(body, raw) {
		t.Errorf("notification %q: %q", title, body)
	}
	if got := e.cb.get(); got != "" {
		t.Error("the clipboard still holds the token")
	}
	select {
	case <-e.done:
	case <-time.After(10 * time.Second):
		t.Fatal("the agent did not end after the watch, with no window and no tray host")
	}
	if h, err := e.current(t).Header(context.Background(), companion.FormatToken); h != raw {
		t.Errorf("the token is not kept (%v)", err)
	}
}

// TestWatchRefusedTokenIsReported: a token the platform refuses (revoked
// in the web app) is taken off the clipboard but not kept; the window is
// told why in words.
func TestWatchRefusedTokenIsReported(t *testing.T) {
	e := newWatchEnv(t, true, true)
	c, _, pushed := window(t)
	web := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice")
	raw := web.Generate()
	web.Revoke()
	startWatch(t, c)
	e.copied(raw)
	expectPush(t, pushed, instance.KindWatchChecking)
	select {
	case m := <-pushed:
		if m.Kind != instance.KindWatchFailed || !strings.HasPrefix(m.Text, "The platform does not accept this token") {
			t.Fatalf("pushed %+v, want a failure that says the platform refused the token", m)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the failure was not reported")
	}
	if st := e.kept(t); st.State != companion.StateNone {
		t.Errorf("the keychain's state: %s, want none", st.State)
	}
}

// TestWatchStop: once the user ends the watch, a token copied afterwards
// stays on the clipboard and nothing is kept or reported.
func TestWatchStop(t *testing.T) {
	e := newWatchEnv(t, true, true)
	c, _, pushed := window(t)
	startWatch(t, c)
	if _, err := c.Request(context.Background(), instance.Message{Kind: instance.KindWatchStop}); err != nil {
		t.Fatal(err)
	}
	raw := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice").Generate()
	e.copied(raw)
	time.Sleep(1500 * time.Millisecond) // three readings' worth, had it gone on
	if got := e.cb.get(); got != raw {
		t.Error("the token was taken off the clipboard after the watch was stopped")
	}
	select {
	case m := <-pushed:
		t.Errorf("pushed %+v after the stop", m)
	default:
	}
	if st := e.kept(t); st.State != companion.StateNone {
		t.Errorf("kept a token after the stop: %s", st.State)
	}
	// A new start watches again.
	startWatch(t, c)
	expectPush(t, pushed, instance.KindWatchChecking)
	expectPush(t, pushed, instance.KindWatchKept)
}

// TestWatchWithoutClipboard: an agent that cannot reach the clipboard
// says so, and the window watches itself.
func TestWatchWithoutClipboard(t *testing.T) {
	e := newWatchEnv(t, true, true)
	e.call(func() {
		e.clip.system = func() (clipboard.Clipboard, error) {
			return nil, &clipboard.NoClipboardError{Reason: "install xclip"}
		}
	})
	c, _, _ := window(t)
	_, err := c.Request(context.Background(), instance.Message{Kind: instance.KindWatch})
	if !errors.Is(err, instance.ErrRefused) {
		t.Fatalf("clipboard-watch without a clipboard: %v, want a refusal", err)
	}
}
