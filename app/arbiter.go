package app

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
)

// The check rhythm and the wake-up spacing are glance's, shared with the
// tray program.
const (
	checkEvery  = glance.CheckEvery
	tickSpacing = glance.TickSpacing
)

var backoff = glance.Backoff

// statusArbiter decides which status answer is the one to show and when the
// next is asked for. A status asked for before a change the user made
// (sign-in, generate, revoke…) may describe the world before it, so it is
// dropped; one platform check runs at a time; failed checks come back
// sooner, then later and later; a wake-up is set for the next moment the
// shown text changes, and nothing runs in between. It lives on the UI
// goroutine and knows nothing of Fyne: its timers hand their work back
// through post.
type statusArbiter struct {
	clock Clock
	post  func(func()) // runs f on the UI goroutine

	status     companion.Status
	configured bool // a platform is chosen
	loaded     bool // a first answer came

	epoch    int  // changes the user made
	checking bool // a platform check is in flight
	failures int  // platform checks failed in a row

	stopTick  func() bool // the countdown's next wake-up
	lastTick  time.Time   // when it last woke
	stopCheck func() bool // the next platform check
	stopped   bool
}

func newStatusArbiter(clock Clock, post func(func())) *statusArbiter {
	return &statusArbiter{clock: clock, post: post}
}

// take records the answer of a status call. An error other than "no
// platform" or "signed out" leaves the last status as it was.
func (a *statusArbiter) take(st companion.Status, err error) {
	next, answered := glance.Take(a.status, st, err)
	a.status = next
	if answered {
		a.configured = next.Platform != ""
		a.loaded = true
	}
}

// shown is the status as it reads at now: its State is the display state.
func (a *statusArbiter) shown(now time.Time, warnDays int) companion.Status {
	st := a.status
	st.State = displayState(st, now, warnDays)
	if st.State != a.status.State || st.State == companion.StateExpiring {
		// The core's sentence was written for the state and countdown of
		// its last check; the clock has moved on since.
		st.Message = clockMessage(st, now)
	}
	return st
}

// changed marks a change the user made: answers asked for before it are out
// of date.
func (a *statusArbiter) changed() { a.epoch++ }

// ticket is taken when a status is asked for; current says whether the
// answer to it is still the one to show.
func (a *statusArbiter) ticket() int             { return a.epoch }
func (a *statusArbiter) current(ticket int) bool { return ticket == a.epoch }

// takesNotice says whether the core's notice of a change is shown: while a
// call of ours runs (pending of them), its own answer is the one to show;
// the notice may come first, or be out of date.
func (a *statusArbiter) takesNotice(pending int) bool { return !a.stopped && pending == 0 }

// beginCheck starts a platform check and returns its ticket; ok is false
// when one is already in flight or there is no platform to ask.
func (a *statusArbiter) beginCheck() (ticket int, ok bool) {
	if a.checking || !a.configured || a.stopped {
		return 0, false
	}
	a.checking = true
	return a.epoch, true
}

// endCheck ends the check of ticket and says whether its answer is the one
// to show; if not, the user changed something meanwhile: ask again.
func (a *statusArbiter) endCheck(ticket int) bool {
	a.checking = false
	return a.current(ticket)
}

// scheduleCheck sets when check runs next: after the normal interval when
// the platform was reached, sooner after a failure.
func (a *statusArbiter) scheduleCheck(reached bool, check func()) {
	if a.stopCheck != nil {
		a.stopCheck()
		a.stopCheck = nil
	}
	if !a.configured || a.stopped {
		return
	}
	wait := checkEvery
	if reached {
		a.failures = 0
	} else {
		a.failures++
		wait = backoff(a.failures)
	}
	a.stopCheck = a.clock.AfterFunc(wait, func() { a.post(check) })
}

// scheduleTick sets a wake-up for the next moment the shown text changes,
// at least tickSpacing after the last one; tick then redraws.
func (a *statusArbiter) scheduleTick(now time.Time, warnDays int, tick func()) {
	if a.stopTick != nil {
		a.stopTick()
		a.stopTick = nil
	}
	next := nextChange(a.status, now, warnDays)
	if next.IsZero() || a.stopped {
		return
	}
	if soonest := a.lastTick.Add(tickSpacing); next.Before(soonest) {
		next = soonest
	}
	a.stopTick = a.clock.AfterFunc(next.Sub(now), func() {
		a.post(func() {
			a.lastTick = a.clock.Now()
			tick()
		})
	})
}

// stop cancels both timers for good, as the app quits.
func (a *statusArbiter) stop() {
	a.stopped = true
	for _, stop := range []func() bool{a.stopTick, a.stopCheck} {
		if stop != nil {
			stop()
		}
	}
}
