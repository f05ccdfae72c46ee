package clipwatch

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// fakeClipboard is a clipboard whose content the test changes between
// ticks.
type fakeClipboard struct {
	mu      sync.Mutex
	text    string
	reads   int
	cleared bool
	readErr error
}

func (f *fakeClipboard) Read(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	return f.text, f.readErr
}

func (f *fakeClipboard) Write(_ context.Context, text string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.text, f.cleared = text, text == ""
	return nil
}

func (f *fakeClipboard) set(text string) { f.mu.Lock(); f.text = text; f.mu.Unlock() }

// ticker is a fixed clock with ticks the test sends: each tick moves the
// clock by every.
type ticker struct {
	clock *testenv.Clock
	every chan time.Duration // the period asked for
	asked time.Duration
	c     chan time.Time
}

func newTicker() *ticker {
	return &ticker{clock: testenv.NewClock(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)), c: make(chan time.Time), every: make(chan time.Duration, 1)}
}

func (tk *ticker) tick(every time.Duration) (<-chan time.Time, func()) {
	tk.every <- every
	return tk.c, func() {}
}

// step advances the clock by one period and delivers the tick. It returns
// false when the watch has ended instead (its outcome is then on done).
func (tk *ticker) step(done chan outcome) bool {
	tk.clock.Advance(DefaultEvery)
	select {
	case tk.c <- tk.clock.Now():
		return true
	case o := <-done:
		done <- o // for the test to read
		return false
	case <-time.After(10 * time.Second):
		panic("the watch neither took a tick nor ended")
	}
}

func ours(text string) bool { return text == "eyJ.ours.sig" }

type outcome struct {
	text string
	err  error
}

func start(cb *fakeClipboard, tk *ticker) chan outcome {
	done := make(chan outcome, 1)
	go func() {
		text, err := Watch(context.Background(), Config{Clipboard: cb, Accept: ours, Now: tk.clock.Now, Tick: tk.tick})
		done <- outcome{text, err}
	}()
	// The watch has read the clock for its window once it asks for ticks.
	tk.asked = <-tk.every
	return done
}

func TestWatchTakesOnlyThePlatformsTokenThenClears(t *testing.T) {
	cb := &fakeClipboard{text: "some notes"}
	tk := newTicker()
	done := start(cb, tk)
	// Another platform's token, then text, are left alone.
	for _, s := range []string{"eyJ.other-platform.sig", "hello"} {
		cb.set(s)
		if !tk.step(done) {
			t.Fatal("the watch stopped early")
		}
	}
	cb.set("  eyJ.ours.sig\n")
	for tk.step(done) {
	}
	got := <-done
	if got.err != nil || got.text != "eyJ.ours.sig" {
		t.Fatalf("Watch: %q, %v", got.text, got.err)
	}
	if !cb.cleared {
		t.Error("the clipboard still holds the token")
	}
	if tk.asked != DefaultEvery {
		t.Errorf("polls every %s", tk.asked)
	}
}

func TestWatchEndsAfterTwoMinutes(t *testing.T) {
	cb := &fakeClipboard{text: "eyJ.other-platform.sig"}
	tk := newTicker()
	done := start(cb, tk)
	steps := 0
	for tk.step(done) {
		steps++
		if steps > 1000 {
			t.Fatal("the watch never ends")
		}
	}
	got := <-done
	if !errors.Is(got.err, ErrWindowPassed) || got.text != "" {
		t.Fatalf("Watch: %q, %v", got.text, got.err)
	}
	if steps != int(DefaultWindow/DefaultEvery) {
		t.Errorf("watched for %d ticks, want %d", steps, DefaultWindow/DefaultEvery)
	}
	if cb.cleared || cb.text != "eyJ.other-platform.sig" {
		t.Error("the clipboard was changed")
	}
}

func TestWatchGoesOnAfterAReadError(t *testing.T) {
	cb := &fakeClipboard{readErr: errors.New("no clipboard owner")}
	tk := newTicker()
	done := start(cb, tk)
	tk.step(done)
	cb.mu.Lock()
	cb.readErr, cb.text = nil, "eyJ.ours.sig"
	cb.mu.Unlock()
	for tk.step(done) {
	}
	if got := <-done; got.err != nil || got.text != "eyJ.ours.sig" {
		t.Fatalf("Watch: %q, %v", got.text, got.err)
	}
}

func TestWatchStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tk := newTicker()
	done := make(chan error, 1)
	go func() {
		_, err := Watch(ctx, Config{Clipboard: &fakeClipboard{}, Accept: ours, Now: tk.clock.Now, Tick: tk.tick})
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Watch: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watch did not stop")
	}
}
