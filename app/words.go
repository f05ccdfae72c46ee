package app

import (
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
	case companion.StateNoAccess:
		return "No API access"
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

// until says how far ahead t is ("in 197 days") or how long ago it was
// ("3 days ago").
func until(t, now time.Time) string {
	if d := t.Sub(now); d > 0 {
		return "in " + companion.Until(d)
	}
	return companion.InWords(now.Sub(t)) + " ago"
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
	return "Last checked " + companion.InWords(e) + " ago"
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
	case companion.StateNoAccess:
		return "No API access · ask your iObeya administrator"
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
	words := companion.Until(d)
	var waited time.Duration
	for range 8 {
		rest := d - waited
		_, unit := companion.Span(rest, true)
		if unit == 0 {
			return d // "less than a minute" until it has expired
		}
		step := (rest+unit/2)%unit + time.Nanosecond
		if toSmaller := rest - unit + time.Nanosecond; toSmaller < step {
			step = toSmaller
		}
		waited += step
		if companion.Until(d-waited) != words {
			break
		}
	}
	return waited
}

// after is when "… ago" text about t next changes.
func after(t, now time.Time) time.Time {
	e := now.Sub(t)
	_, unit := companion.Span(e, false)
	if unit == 0 {
		return t.Add(time.Minute)
	}
	return t.Add((e/unit + 1) * unit)
}
