package app

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

const day = 24 * time.Hour

// say is the words the window and the tray speak. English for now: the
// language setting will choose it.
func say() *words.Words { return words.English() }

// stateWords is the badge text of a state: the words next to its colour and
// its icon.
func stateWords(s companion.State) string { return say().State(s) }

// displayState is the state to show at now (companion.StateAt).
func displayState(st companion.Status, now time.Time, warnDays int) companion.State {
	return companion.StateAt(st, now, warnDays)
}

// until says how far ahead t is ("in 197 days") or how long ago it was
// ("3 days ago").
func until(t, now time.Time) string { return say().Relative(t, now) }

// date is a calendar date in the clock's time zone: "12 June 2027".
func date(t, now time.Time) string { return say().Date(t, now) }

// expiryLine is "Expires 12 June 2027 — in 197 days", or its past form.
func expiryLine(st companion.Status, now time.Time) string {
	return say().ExpiryLine(st.Facts(), now)
}

// checkedLine says when the platform last answered.
func checkedLine(st companion.Status, now time.Time) string {
	return say().CheckedLine(st.Facts(), now)
}

// accountLine is who is signed in: "Ada Lovelace · ada@acme.com".
func accountLine(st companion.Status) string { return say().AccountLine(st.Facts()) }

// platformName is the platform as the user knows it.
func platformName(st companion.Status) string { return say().PlatformName(st.Facts()) }

// statusLine is the one-line summary of the tray menu, for a status whose
// State is already the display state.
func statusLine(st companion.Status, now time.Time) string {
	return say().TrayLine(st.Facts(), now)
}

// nextChange is the first instant after now at which any text or state
// derived from st and the clock changes: the expiry countdown, the "last
// checked" age, the token entering its warning window or its last day. It is zero when
// nothing will change. Between changes the app sleeps.
func nextChange(st companion.Status, now time.Time, warnDays int) time.Time {
	var next time.Time
	consider := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	if displayState(st, now, warnDays) != companion.StateNone && !st.ExpiresAt.IsZero() {
		consider(st.ExpiresAt.Add(-time.Duration(warnDays) * day))
		consider(st.ExpiresAt.Add(-day)) // the last-day notification is due
		if d := st.ExpiresAt.Sub(now); d > 0 {
			consider(now.Add(untilChanges(d)))
		} else {
			consider(after(st.ExpiresAt, now))
		}
	}
	if !st.CheckedAt.IsZero() {
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
	w := say()
	text := w.Until(d)
	var waited time.Duration
	for range 8 {
		rest := d - waited
		_, unit := w.Span(rest, true)
		if unit == 0 {
			return d // "less than a minute" until it has expired
		}
		step := (rest+unit/2)%unit + time.Nanosecond
		if toSmaller := rest - unit + time.Nanosecond; toSmaller < step {
			step = toSmaller
		}
		waited += step
		if w.Until(d-waited) != text {
			break
		}
	}
	return waited
}

// after is when "… ago" text about t next changes.
func after(t, now time.Time) time.Time {
	e := now.Sub(t)
	_, unit := say().Span(e, false)
	if unit == 0 {
		return t.Add(time.Minute)
	}
	return t.Add((e/unit + 1) * unit)
}
