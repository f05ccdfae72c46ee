package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// fakeAgentWatch stands in for the tray program's watch: it records the
// requests; the test plays the tray program's reports with UI.Watched.
type fakeAgentWatch struct {
	gate    func(context.Context) error // the harness's: the answer waits for settle
	refuse  error
	started chan struct{}
	stopped chan struct{}
}

func newFakeAgentWatch() *fakeAgentWatch {
	return &fakeAgentWatch{started: make(chan struct{}, 4), stopped: make(chan struct{}, 4)}
}

func (f *fakeAgentWatch) Start(context.Context) error {
	if f.refuse != nil {
		return f.refuse
	}
	f.started <- struct{}{}
	return nil
}

func (f *fakeAgentWatch) Stop(ctx context.Context) error {
	f.stopped <- struct{}{}
	return f.gate(ctx)
}

func withAgentWatch(w *fakeAgentWatch) option {
	return func(h *harness, d *Deps) {
		w.gate = h.core.pass
		d.Watch = w
	}
}

// expect waits for one request of the kind ch records.
func expect(t *testing.T, ch chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("the tray program was not asked to %s", what)
	}
}

// bringWithAgent opens the bring dialog with the tray program there and
// the platform's token already on the clipboard.
func bringWithAgent(t *testing.T) (*harness, *bringFake, *fakeAgentWatch) {
	st := statusWith(companion.StateNone)
	st.NoTokenAPI = true
	b := &bringFake{}
	w := newFakeAgentWatch()
	h := newHarness(t, st, withBring(b), withAgentWatch(w))
	b.want = h.jwt
	h.start()
	h.tap(word(words.AppBringButton))
	h.app.Clipboard().SetContent(h.jwt)
	return h, b, w
}

// With the tray program there, the window asks it to watch rather than
// reading the clipboard itself, says what it reports, and on "kept" closes
// the dialog and reads the state again.
func TestBringTokenThroughTheTrayProgram(t *testing.T) {
	h, b, w := bringWithAgent(t)
	h.tap(word(words.AppBringOpen))
	expect(t, w.started, "watch")
	d := h.ui.dialog.(*bringDialog)
	h.ui.Watched(WatchChecking, "")
	if d.note.Text != word(words.AppBringChecking) {
		t.Errorf("the dialog says %q while the tray program checks the token", d.note.Text)
	}
	statuses := h.core.count("Status")
	h.ui.Watched(WatchKept, "")
	h.settle()
	if h.ui.dialog != nil {
		t.Error("the dialog is still open after the token was kept")
	}
	if h.core.count("Status") == statuses {
		t.Error("the state was not read again after the token was kept")
	}
	if len(b.imported) != 0 || h.app.Clipboard().Content() != h.jwt {
		t.Error("the window read the clipboard itself")
	}
	if b.reloaded != 1 {
		t.Errorf("the settings the tray program wrote were read %d times, want once", b.reloaded)
	}
	select {
	case <-w.stopped:
		t.Error("the tray program was told to stop a watch that ended")
	default:
	}
}

// The tray program's account of a failure is shown as it is; the user can
// start again.
func TestBringTokenThroughTheTrayProgramFails(t *testing.T) {
	h, _, w := bringWithAgent(t)
	h.tap(word(words.AppBringOpen))
	expect(t, w.started, "watch")
	const why = "The platform does not accept this token: it expired. Generate a new one."
	h.ui.Watched(WatchFailed, why)
	h.settle()
	d, ok := h.ui.dialog.(*bringDialog)
	if !ok || d.note.Text != why {
		t.Fatalf("after the failure: dialog %T, note %q", h.ui.dialog, d.note.Text)
	}
	h.tap(word(words.AppBringOpen))
	expect(t, w.started, "watch again")
}

// Closing the dialog ends the tray program's watch; closing the window
// does not. (Pasting the token ends it the same way, through stopWatch; the
// test app runs two jobs' answers on two goroutines at once, so that case
// is not played here.)
func TestBringTokenTrayWatchStops(t *testing.T) {
	t.Run("dialog closed", func(t *testing.T) {
		h, _, w := bringWithAgent(t)
		h.tap(word(words.AppBringOpen))
		expect(t, w.started, "watch")
		h.tap(word(words.AppClose))
		expect(t, w.stopped, "stop")
		h.settle()
	})
	t.Run("window closed", func(t *testing.T) {
		h, _, w := bringWithAgent(t)
		h.tap(word(words.AppBringOpen))
		expect(t, w.started, "watch")
		h.ui.shutdown() // what closing the window does when the tray program runs
		select {
		case <-w.stopped:
			t.Error("closing the window stopped the tray program's watch")
		default:
		}
	})
}

// A tray program that cannot watch (no clipboard program) leaves the watch
// to the window.
func TestBringTokenTrayProgramCannotWatch(t *testing.T) {
	st := statusWith(companion.StateNone)
	st.NoTokenAPI = true
	b := &bringFake{}
	w := newFakeAgentWatch()
	w.refuse = errors.New("no clipboard program was found")
	h := newHarness(t, st, withBring(b), withAgentWatch(w))
	b.want = h.jwt
	h.start()
	h.tap(word(words.AppBringButton))
	h.app.Clipboard().SetContent(h.jwt)
	h.tap(word(words.AppBringOpen))
	h.settle()
	if len(b.imported) != 1 || h.app.Clipboard().Content() != "" {
		t.Fatalf("imported %d; the clipboard cleared: %v", len(b.imported), h.app.Clipboard().Content() == "")
	}
}

// A window opened after the one that asked was closed learns the outcome
// as a passing notice.
func TestWatchedWithoutTheDialog(t *testing.T) {
	b := &bringFake{}
	h := newHarness(t, statusWith(companion.StateNone), withBring(b)).start()
	statuses := h.core.count("Status")
	h.core.mu.Lock()
	h.core.status = statusWith(companion.StateValid) // what the tray program kept
	h.core.mu.Unlock()
	h.ui.Watched(WatchKept, "")
	h.settle()
	if h.ui.current != h.ui.card {
		t.Errorf("the window does not show the kept token:\n%s", h.shownText())
	}
	if !strings.Contains(h.shownText(), "Your token is kept") {
		t.Errorf("the window does not say the token is kept:\n%s", h.shownText())
	}
	if h.core.count("Status") == statuses || b.reloaded != 1 {
		t.Errorf("the settings were read again %d times and the state %d times, want once and more", b.reloaded, h.core.count("Status")-statuses)
	}
	h.ui.Watched(WatchFailed, "No token was copied within two minutes. Copy the token in the iObeya web app, then try again.")
	if !strings.Contains(h.shownText(), "No token was copied within two minutes") {
		t.Errorf("the window does not say why nothing was kept:\n%s", h.shownText())
	}
}
