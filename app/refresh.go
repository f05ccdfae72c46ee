package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// How often the platform is asked. When it cannot be reached the next try
// comes sooner, then later and later, up to the normal interval.
const (
	checkEvery   = 6 * time.Hour
	retryFirst   = 5 * time.Minute
	retryLongest = checkEvery
)

// backoff is the wait before the next try after n failures in a row.
func backoff(n int) time.Duration {
	d := retryFirst
	for i := 1; i < n && d < retryLongest; i++ {
		d *= 2
	}
	return min(d, retryLongest)
}

// checkNow asks the platform about the token; one check at a time.
func (u *UI) checkNow() {
	if u.checking || !u.configured {
		return
	}
	u.checking = true
	u.render()
	epoch := u.epoch
	run(u, statusTimeout, func(ctx context.Context) (companion.Status, error) {
		return u.core.Status(ctx, false)
	}, func(st companion.Status, err error) {
		u.checking = false
		if epoch != u.epoch {
			// The user changed something meanwhile: ask again.
			u.checkNow()
			return
		}
		reached := err == nil && st.State != companion.StateUnknown
		if reached {
			// An old complaint about the network is no longer true.
			u.problem.clear()
		}
		u.apply(st, err)
		u.scheduleCheck(reached)
	})
}

// scheduleCheck sets the next platform check.
func (u *UI) scheduleCheck(reached bool) {
	if u.stopCheck != nil {
		u.stopCheck()
		u.stopCheck = nil
	}
	if !u.configured || u.stopped {
		return
	}
	wait := checkEvery
	if reached {
		u.failures = 0
	} else {
		u.failures++
		wait = backoff(u.failures)
	}
	u.stopCheck = u.clock.AfterFunc(wait, func() { fyne.Do(u.checkNow) })
}

// tickSpacing keeps wake-ups at least this far apart: two texts changing a
// few seconds apart are updated together.
const tickSpacing = time.Minute

// scheduleTick sets a wake-up for the next moment the shown text changes;
// nothing runs in between.
func (u *UI) scheduleTick(now time.Time) {
	if u.stopTick != nil {
		u.stopTick()
		u.stopTick = nil
	}
	next := nextChange(u.status, now, u.settings.ExpiryWarningDays)
	if next.IsZero() || u.stopped {
		return
	}
	if soonest := u.lastTick.Add(tickSpacing); next.Before(soonest) {
		next = soonest
	}
	u.stopTick = u.clock.AfterFunc(next.Sub(now), func() {
		fyne.Do(func() {
			u.lastTick = u.clock.Now()
			u.render()
		})
	})
}
