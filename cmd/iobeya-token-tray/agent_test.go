package main

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/instance"
)

// fakeTray records what the agent shows.
type fakeTray struct {
	mu    sync.Mutex
	lines []string
	tips  []string
	quits int
}

func (f *fakeTray) ready() {}
func (f *fakeTray) show(items []glance.Item, _ glance.Icon, tooltip string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lines = append(f.lines, items[0].Label)
	f.tips = append(f.tips, tooltip)
}
func (f *fakeTray) quit() { f.mu.Lock(); f.quits++; f.mu.Unlock() }

// testAgent is an agent on the real endpoint, in a throw-away runtime and
// settings folder, with a fake tray and window starter.
type testAgent struct {
	*agent
	tray    *fakeTray
	started chan struct{} // one value per window start asked
}

func newTestAgent(t *testing.T, background, hasTray bool) *testAgent {
	t.Helper()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dir := filepath.Join(t.TempDir(), "settings")
	ctx, stop := context.WithCancel(context.Background())
	ta := &testAgent{tray: &fakeTray{}, started: make(chan struct{}, 8)}
	a := &agent{
		background: background,
		dir:        dir,
		demo:       &demoServer{program: windowProgram},
		hasTray:    func() bool { return hasTray },
		startUI:    func() error { ta.started <- struct{}{}; return nil },
		now:        time.Now,
		jobs:       make(chan func(), 64),
		done:       make(chan struct{}),
		ctx:        ctx,
		stop:       stop,
		notes:      &notices{path: filepath.Join(dir, noticesFile), sent: map[string]glance.Sent{}},
		tray:       ta.tray,
	}
	a.clip = &clipKeeper{post: a.post, system: systemClipboard}
	if err := a.openCore(); err != nil {
		t.Fatal(err)
	}
	srv, err := instance.Listen(context.Background(), a.handle)
	if err != nil {
		t.Fatal(err)
	}
	a.srv = srv
	go a.loop()
	t.Cleanup(func() {
		a.post(a.quit)
		<-a.done
	})
	ta.agent = a
	return ta
}

// window connects as a window process would and registers.
func window(t *testing.T) (*instance.Conn, instance.Kind, chan instance.Message) {
	t.Helper()
	pushed := make(chan instance.Message, 8)
	c, err := instance.Dial(context.Background(), func(m instance.Message) { pushed <- m })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	reply, err := c.Request(context.Background(), instance.Message{Kind: instance.KindRegister})
	if err != nil {
		t.Fatal(err)
	}
	return c, reply.Kind, pushed
}

func expectPush(t *testing.T, pushed chan instance.Message, want instance.Kind) {
	t.Helper()
	select {
	case m := <-pushed:
		if m.Kind != want {
			t.Fatalf("pushed %q, want %q", m.Kind, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("nothing pushed, want %q", want)
	}
}

// TestOneWindow: the first window registers; a second is told another was
// raised, and the first is asked to show itself.
func TestOneWindow(t *testing.T) {
	newTestAgent(t, true, true)
	_, kind, pushed := window(t)
	if kind != instance.KindOK {
		t.Fatalf("first window: %q, want ok", kind)
	}
	_, kind, _ = window(t)
	if kind != instance.KindShown {
		t.Fatalf("second window: %q, want shown", kind)
	}
	expectPush(t, pushed, instance.KindShow)
}

// TestRevokeStartsWindow: "Revoke…" with no window starts one, once for
// two clicks, and asks it for the confirmation when it registers.
func TestRevokeStartsWindow(t *testing.T) {
	a := newTestAgent(t, true, true)
	a.post(func() { a.do(glance.ActRevoke) })
	a.post(func() { a.do(glance.ActRevoke) })
	<-a.started
	_, kind, pushed := window(t)
	if kind != instance.KindOK {
		t.Fatalf("register: %q", kind)
	}
	expectPush(t, pushed, instance.KindRevoke)
	select {
	case <-a.started:
		t.Fatal("two clicks started two windows")
	default:
	}
	// With the window there, Open shows it rather than starting another.
	a.post(func() { a.do(glance.ActOpen) })
	expectPush(t, pushed, instance.KindShow)
}

// TestQuitEndsWindow: Quit pushes quit to the window and ends the agent.
func TestQuitEndsWindow(t *testing.T) {
	a := newTestAgent(t, true, true)
	c, _, pushed := window(t)
	a.post(func() { a.do(glance.ActQuit) })
	expectPush(t, pushed, instance.KindQuit)
	c.Close()
	select {
	case <-a.done:
	case <-time.After(10 * time.Second):
		t.Fatal("the agent did not end after Quit")
	}
	if a.tray.quits != 1 {
		t.Errorf("the tray was ended %d times", a.tray.quits)
	}
}

// TestWindowGoneWithoutTrayHost: without a tray host, an agent the window
// started ends with the window; one started at login stays.
func TestWindowGoneWithoutTrayHost(t *testing.T) {
	for _, background := range []bool{false, true} {
		a := newTestAgent(t, background, false)
		c, _, _ := window(t)
		c.Close()
		select {
		case <-a.done:
			if background {
				t.Error("the agent started at login ended with the window")
			}
		case <-time.After(2 * time.Second):
			if !background {
				t.Error("the agent started by the window outlived it without a tray host")
			}
		}
	}
}

// TestChangedReadsAgain: a change reported by the window shows in the tray
// without waiting for a check.
func TestChangedReadsAgain(t *testing.T) {
	a := newTestAgent(t, true, true)
	c, _, _ := window(t)
	if _, err := c.Request(context.Background(), instance.Message{Kind: instance.KindChanged}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		a.tray.mu.Lock()
		n, tip := len(a.tray.lines), ""
		if n > 0 {
			tip = a.tray.tips[n-1]
		}
		a.tray.mu.Unlock()
		if n > 0 && tip == "iObeya Token — Not set up yet" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the tray shows %d lines, last tooltip %q", n, tip)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTrayFollowsTheLanguage: the tray speaks the language the window's
// Settings store, and changes when the window says they changed.
func TestTrayFollowsTheLanguage(t *testing.T) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", "en_GB.UTF-8")
	a := newTestAgent(t, true, true)
	a.tray.waitTip(t, "iObeya Token — Not set up yet")
	a.call(func() {
		if err := a.core.UpdateSettings(func(s *companion.Settings) { s.Language = "fr" }); err != nil {
			t.Error(err)
		}
		a.changed()
	})
	a.tray.waitTip(t, "iObeya Token — Pas encore configuré")
}

// waitTip waits, up to a deadline, for the tray to show tooltip want.
func (f *fakeTray) waitTip(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		f.mu.Lock()
		var last string
		if len(f.tips) > 0 {
			last = f.tips[len(f.tips)-1]
		}
		f.mu.Unlock()
		if last == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the tray shows %q, want %q", last, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
