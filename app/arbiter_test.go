package app

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// newTestArbiter is an arbiter on a fake clock whose timers run their work
// at once, as fyne.Do does in Fyne's test driver.
func newTestArbiter() (*statusArbiter, *fakeClock) {
	clock := &fakeClock{now: testNow}
	return newStatusArbiter(clock, func(f func()) { f() }), clock
}

// TestArbiterTake: an answer replaces the status; "no platform" empties it;
// "signed out" keeps the token but not the session; any other error keeps
// what was shown.
func TestArbiterTake(t *testing.T) {
	valid := statusWith(companion.StateValid)
	tests := []struct {
		name           string
		err            error
		wantConfigured bool
		wantSignedIn   bool
		wantState      companion.State
	}{
		{name: "answer", wantConfigured: true, wantSignedIn: true, wantState: companion.StateValid},
		{name: "no platform", err: companion.ErrNotConfigured, wantState: ""},
		{name: "session ended", err: companion.ErrSessionEnded, wantConfigured: true, wantState: companion.StateValid},
		{name: "other error", err: errors.New("keychain locked"), wantConfigured: true, wantSignedIn: true, wantState: companion.StateValid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := newTestArbiter()
			a.take(valid, nil)
			if tt.err != nil {
				a.take(companion.Status{}, tt.err)
			}
			if !a.loaded || a.configured != tt.wantConfigured || a.status.SignedIn != tt.wantSignedIn || a.status.State != tt.wantState {
				t.Fatalf("loaded %v configured %v signed in %v state %q", a.loaded, a.configured, a.status.SignedIn, a.status.State)
			}
		})
	}
	a, _ := newTestArbiter()
	a.take(companion.Status{}, errors.New("keychain locked"))
	if a.loaded {
		t.Fatal("a failed first answer counts as loaded")
	}
}

// TestArbiterDropsStaleAnswers: an answer asked for before a change the user
// made is not the one to show; one asked for after it is.
func TestArbiterDropsStaleAnswers(t *testing.T) {
	a, _ := newTestArbiter()
	before := a.ticket()
	a.changed()
	if a.current(before) {
		t.Fatal("an answer from before the change is taken")
	}
	if !a.current(a.ticket()) {
		t.Fatal("an answer from after the change is dropped")
	}
}

// TestArbiterOneCheckAtATime: a second check waits for the first; a check
// that a change overtook says so, to be asked again; nothing is checked
// without a platform or after stop.
func TestArbiterOneCheckAtATime(t *testing.T) {
	a, _ := newTestArbiter()
	if _, ok := a.beginCheck(); ok {
		t.Fatal("a check starts without a platform")
	}
	a.take(statusWith(companion.StateValid), nil)
	ticket, ok := a.beginCheck()
	if !ok || !a.checking {
		t.Fatal("no check starts")
	}
	if _, ok := a.beginCheck(); ok {
		t.Fatal("a second check starts while one is in flight")
	}
	if !a.endCheck(ticket) || a.checking {
		t.Fatal("an undisturbed check is not taken")
	}
	ticket, _ = a.beginCheck()
	a.changed()
	if a.endCheck(ticket) {
		t.Fatal("a check overtaken by a change is taken")
	}
	a.stop()
	if _, ok := a.beginCheck(); ok {
		t.Fatal("a check starts after stop")
	}
}

// TestArbiterTakesNotice: the core's notices are shown only while no call of
// ours is in flight, and never after stop.
func TestArbiterTakesNotice(t *testing.T) {
	a, _ := newTestArbiter()
	if !a.takesNotice(0) || a.takesNotice(1) {
		t.Fatal("notice taken while a call runs, or dropped while none does")
	}
	a.stop()
	if a.takesNotice(0) {
		t.Fatal("notice taken after stop")
	}
}

// TestArbiterBackoff: failed checks come back after 5, 10, 20… minutes up to
// 6 hours; a reached platform resets the count. One check timer at a time.
func TestArbiterBackoff(t *testing.T) {
	a, clock := newTestArbiter()
	a.take(statusWith(companion.StateValid), nil)
	checks := 0
	check := func() { checks++ }
	for _, want := range []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, 40 * time.Minute, 80 * time.Minute, 160 * time.Minute, 320 * time.Minute, checkEvery, checkEvery} {
		a.scheduleCheck(false, check)
		if got := clock.pending(); !slices.Equal(got, []time.Duration{want}) {
			t.Fatalf("after %d failures: timers %v, want [%v]", a.failures, got, want)
		}
	}
	a.scheduleCheck(true, check)
	if got := clock.pending(); a.failures != 0 || !slices.Equal(got, []time.Duration{checkEvery}) {
		t.Fatalf("after a success: %d failures, timers %v", a.failures, got)
	}
	clock.Advance(checkEvery)
	if checks != 1 {
		t.Fatalf("%d checks ran, want 1", checks)
	}
}

// TestArbiterTick: the wake-up comes when the shown text changes, but at
// least a minute after the last one; stop cancels both timers for good.
func TestArbiterTick(t *testing.T) {
	a, clock := newTestArbiter()
	st := statusWith(companion.StateValid)
	st.CheckedAt = testNow.Add(-30 * time.Second) // "checked just now" changes in 30 s
	a.take(st, nil)
	ticks := 0
	tick := func() { ticks++ }
	a.scheduleTick(testNow, 7, tick)
	first := clock.pending()
	if len(first) != 1 || first[0] <= 0 || first[0] > time.Minute {
		t.Fatalf("timers %v, want one within the minute", first)
	}
	clock.Advance(first[0])
	if ticks != 1 || !a.lastTick.Equal(clock.Now()) {
		t.Fatalf("%d ticks, last at %v", ticks, a.lastTick)
	}
	a.scheduleTick(clock.Now(), 7, tick)
	if got := clock.pending(); len(got) != 1 || got[0] < tickSpacing {
		t.Fatalf("timers %v, want one at least %v away", got, tickSpacing)
	}
	a.scheduleCheck(true, func() {})
	a.stop()
	if got := clock.pending(); len(got) != 0 {
		t.Fatalf("timers left after stop: %v", got)
	}
	a.scheduleTick(clock.Now(), 7, tick)
	a.scheduleCheck(true, func() {})
	if got := clock.pending(); len(got) != 0 {
		t.Fatalf("timers set after stop: %v", got)
	}
}

// TestActivityWords: each activity has its words, and idle none.
func TestActivityWords(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range []activity{generating, regenerating, revoking} {
		w := activityWords(a)
		if w == "" || seen[w] {
			t.Fatalf("activity %d has words %q", a, w)
		}
		seen[w] = true
	}
	if activityWords(idle) != "" {
		t.Fatal("idle has words")
	}
}
