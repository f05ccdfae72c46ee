package app

import (
	"fmt"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

const day = 24 * time.Hour

// stateWords is the badge text of a state: the words next to its colour and
// its icon.
func stateWords(s companion.State) string {
	switch s {
	case companion.StateValid:
		return "Valid"
	case companion.StateExpiring:
		return "Expires soon"
	case companion.StateExpired:
		return "Expired"
	case companion.StateRevoked:
		return "Revoked"
	case companion.StateUnknown:
		return "Couldn't check"
	}
	return "No token"
}

// displayState is the state to show at now. The core decided the state at
// its last check; as time passes without a check, a valid token enters the
// warning window and any token passes its expiry date, which the local clock
// knows without asking the platform.
func displayState(st companion.Status, now time.Time, warnDays int) companion.State {
	s := st.State
	switch s {
	case "", companion.StateNone:
		return companion.StateNone
	case companion.StateExpired, companion.StateRevoked:
		return s
	}
	if st.ExpiresAt.IsZero() {
		return s
	}
	if !now.Before(st.ExpiresAt) {
		return companion.StateExpired
	}
	if s == companion.StateValid && st.ExpiresAt.Sub(now) <= time.Duration(warnDays)*day {
		return companion.StateExpiring
	}
	return s
}

// span puts a duration in words, rounded down to its largest unit, and
// returns that unit (0 below a minute) so callers know when the words change.
func span(d time.Duration) (string, time.Duration) {
	unit, name := time.Duration(0), ""
	switch {
	case d >= day:
		unit, name = day, "day"
	case d >= time.Hour:
		unit, name = time.Hour, "hour"
	case d >= time.Minute:
		unit, name = time.Minute, "minute"
	default:
		return "less than a minute", 0
	}
	n := int64(d / unit)
	if n == 1 {
		return "1 " + name, unit
	}
	return fmt.Sprintf("%d %ss", n, name), unit
}

// until says how far ahead t is ("in 197 days") or how long ago it was
// ("3 days ago").
func until(t, now time.Time) string {
	if d := t.Sub(now); d > 0 {
		s, _ := span(d)
		return "in " + s
	}
	s, _ := span(now.Sub(t))
	return s + " ago"
}

// date is a calendar date in the clock's time zone: "12 June 2027".
func date(t, now time.Time) string {
	return t.In(now.Location()).Format("2 January 2006")
}

// expiryLine is "Expires 12 June 2027 — in 197 days", or its past form.
func expiryLine(st companion.Status, now time.Time) string {
	if st.ExpiresAt.IsZero() {
		return "Does not expire"
	}
	switch {
	case st.State == companion.StateRevoked && now.Before(st.ExpiresAt):
		// A countdown would suggest it still works.
		return "Would have expired " + date(st.ExpiresAt, now)
	case !now.Before(st.ExpiresAt):
		return "Expired " + date(st.ExpiresAt, now) + " — " + until(st.ExpiresAt, now)
	}
	return "Expires " + date(st.ExpiresAt, now) + " — " + until(st.ExpiresAt, now)
}

// checkedLine says when the platform last answered.
func checkedLine(st companion.Status, now time.Time) string {
	if st.CheckedAt.IsZero() {
		return "Not checked with the platform yet"
	}
	e := now.Sub(st.CheckedAt)
	if e < time.Minute {
		return "Last checked just now"
	}
	s, _ := span(e)
	return "Last checked " + s + " ago"
}

// accountLine is who is signed in: "Ada Lovelace · ada@acme.com".
func accountLine(st companion.Status) string {
	switch {
	case st.AccountName != "" && st.Account != "":
		return st.AccountName + " · " + st.Account
	case st.Account != "":
		return st.Account
	}
	return st.AccountName
}

// platformName is the platform as the user knows it.
func platformName(st companion.Status) string {
	if st.Demo {
		return "Demo platform (" + st.Platform + ")"
	}
	return st.Platform
}

// statusLine is the one-line summary of the tray menu, for a status whose
// State is already the display state.
func statusLine(st companion.Status, now time.Time) string {
	switch st.State {
	case companion.StateValid, companion.StateUnknown:
		head := stateWords(st.State)
		if st.ExpiresAt.IsZero() {
			return head + " · does not expire"
		}
		return head + " · expires " + until(st.ExpiresAt, now)
	case companion.StateExpiring:
		return "Expires soon · " + until(st.ExpiresAt, now)
	case companion.StateExpired:
		if st.ExpiresAt.IsZero() {
			return "Expired"
		}
		return "Expired · " + until(st.ExpiresAt, now)
	case companion.StateRevoked:
		return "Revoked"
	}
	switch {
	case st.Platform == "":
		return "Not set up yet"
	case !st.SignedIn:
		return "Signed out"
	}
	return "No token yet"
}

// nextChange is the first instant after now at which any text or state
// derived from st and the clock changes: the expiry countdown, the "last
// checked" age, or the token entering its warning window. It is zero when
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
		if d := st.ExpiresAt.Sub(now); d > 0 {
			// "in N units" rounds down: it changes just after d falls to N whole units.
			_, unit := span(d)
			if unit == 0 {
				consider(st.ExpiresAt)
			} else {
				consider(now.Add(d - d/unit*unit + time.Nanosecond))
			}
		} else {
			consider(after(st.ExpiresAt, now))
		}
	}
	if !st.CheckedAt.IsZero() {
		consider(after(st.CheckedAt, now))
	}
	return next
}

// after is when "… ago" text about t next changes.
func after(t, now time.Time) time.Time {
	e := now.Sub(t)
	_, unit := span(e)
	if unit == 0 {
		return t.Add(time.Minute)
	}
	return t.Add((e/unit + 1) * unit)
}
