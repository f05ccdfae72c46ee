package glance

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// How often the platform is asked. When it cannot be reached the next try
// comes sooner, then later and later, up to the normal interval.
const (
	CheckEvery   = 6 * time.Hour
	RetryFirst   = 5 * time.Minute
	RetryLongest = CheckEvery
)

// TickSpacing keeps wake-ups at least this far apart: two texts changing a
// few seconds apart are updated together.
const TickSpacing = time.Minute

// Backoff is the wait before the next try after n failures in a row.
func Backoff(n int) time.Duration {
	d := RetryFirst
	for i := 1; i < n && d < RetryLongest; i++ {
		d *= 2
	}
	return min(d, RetryLongest)
}

// NextChange is the first instant after now at which any text or state
// derived from st and the clock changes: the expiry countdown, the "last
// checked" age, the token entering its warning window or its last day. It is zero when
// nothing will change. Between changes the programs sleep.
func NextChange(st companion.Status, now time.Time, warnDays int) time.Time {
	return nextChange(st, now, warnDays, true)
}

// NextTrayChange is NextChange for the tray, which does not show the "last
// checked" age: in the hour after a check it would wake every minute for
// nothing.
func NextTrayChange(st companion.Status, now time.Time, warnDays int) time.Time {
	return nextChange(st, now, warnDays, false)
}

func nextChange(st companion.Status, now time.Time, warnDays int, checked bool) time.Time {
	var next time.Time
	consider := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	if DisplayState(st, now, warnDays) != companion.StateNone && !st.ExpiresAt.IsZero() {
		consider(st.ExpiresAt.Add(-time.Duration(warnDays) * Day))
		consider(st.ExpiresAt.Add(-Day)) // the last-day notification is due
		if d := st.ExpiresAt.Sub(now); d > 0 {
			consider(now.Add(untilChanges(d)))
		} else {
			consider(after(st.ExpiresAt, now))
		}
	}
	if checked && !st.CheckedAt.IsZero() {
		consider(after(st.CheckedAt, now))
	}
	return next
}

// untilChanges is how long "in N units" for a moment d ahead keeps its
// words. The words count in whole units rounded to the nearest, so they can
// change when d+unit/2 drops below the next lower multiple of the unit, or
// when d drops below the unit (counting in a smaller one); at some of those
// instants the words stay the same ("1 day" for 23 h 40 min), so each
// candidate is checked and the next one tried.
func untilChanges(d time.Duration) time.Duration {
	words := timing.Until(d)
	var waited time.Duration
	for range 8 {
		rest := d - waited
		_, unit := timing.Span(rest, true)
		if unit == 0 {
			return d // "less than a minute" until it has expired
		}
		step := (rest+unit/2)%unit + time.Nanosecond
		if toSmaller := rest - unit + time.Nanosecond; toSmaller < step {
			step = toSmaller
		}
		waited += step
		if timing.Until(d-waited) != words {
			break
		}
	}
	return waited
}

// after is when "… ago" text about t next changes.
func after(t, now time.Time) time.Time {
	e := now.Sub(t)
	_, unit := timing.Span(e, false)
	if unit == 0 {
		return t.Add(time.Minute)
	}
	return t.Add((e/unit + 1) * unit)
}
