package token

import (
	"fmt"
	"time"
)

// DefaultWarnWithin is the default warning window: a token that expires
// within it is "expiring".
const DefaultWarnWithin = 7 * 24 * time.Hour

// Reasons callers may need to recognise or show on their own.
const (
	ReasonNone     = "You have no personal access token yet."
	ReasonNoExpiry = "Your token has no expiry date — ask the platform whether it still works."
	ReasonNoAccess = "The platform knows your token but refuses it the API: your plan or your permissions do not include it. Ask your iObeya administrator for API access."
)

// Leeway is the clock skew tolerated on exp when the platform refuses a
// token: an expired token is not mistaken for a revoked one.
const Leeway = time.Minute

// Check is the platform's view of a token, gathered by the caller.
type Check struct {
	// Reached: the API check with the PAT (GET /v1/rooms, the way Power
	// Automate will use it) answered 200, 401 or 403. False when the
	// platform was unreachable, timed out, answered 5xx or anything else.
	Reached bool
	// Accepted: the API check answered 200.
	Accepted bool
	// NoAPIAccess: the API check answered 403: the token is known but has
	// no access to the API.
	NoAPIAccess bool
	// ActiveKnown: GET /personal-access-token answered (200 or 404). False
	// when it could not be asked (for instance signed out); the other
	// Active fields are then ignored.
	ActiveKnown bool
	// ActiveFound: it answered 200, naming ActiveID as the active PAT.
	ActiveFound bool
	ActiveID    string
}

// Status is where a token stands, in the terms of the status model.
type Status struct {
	State  State
	Reason string // one plain-language sentence or two, for people
	// ExpiresAt is the token's own expiry date; zero when it has none or
	// there is no token.
	ExpiresAt time.Time
	// ExpiresIn is ExpiresAt minus now: negative once passed, zero when
	// there is no expiry date.
	ExpiresIn time.Duration
	// CheckedWithServer: the platform answered and its answer decided.
	CheckedWithServer bool
	// NeedsServerCheck: only the platform can tell (a token without an
	// expiry date that was not checked).
	NeedsServerCheck bool
}

// Evaluate decides a token's state (docs/platform-api.md, section 6). info
// nil means no token. warnWithin is the warning window (DefaultWarnWithin
// unless the user chose otherwise; zero or less: never "expiring"). check
// nil means offline: the answer then comes from the token's own expiry
// date alone. Otherwise the platform's answer wins over the local date:
//
//	API 200, not named inactive             → valid, or expiring within warnWithin
//	API 403, not named inactive             → no-api-access
//	API 401 (or named inactive), exp passed → expired
//	API 401 (or named inactive), otherwise  → revoked
//	platform not reached                    → unknown, with the local expiry in Reason
//
// "Named inactive" is GET /personal-access-token answering 404 or another
// id. exp counts as passed a minute early (Leeway) when the platform
// refuses the token, so a little clock skew does not turn an expired
// token into a revoked one.
func Evaluate(info *Info, now time.Time, warnWithin time.Duration, check *Check) Status {
	if info == nil {
		return Status{State: StateNone, Reason: ReasonNone}
	}
	st := Status{ExpiresAt: info.ExpiresAt}
	if info.HasExpiry() {
		st.ExpiresIn = info.ExpiresAt.Sub(now)
	}
	date := info.ExpiresAt.In(now.Location()).Format("2 Jan 2006")

	switch {
	case check == nil:
		return offline(st, info, warnWithin, date)

	case !check.Reached:
		st.State = StateUnknown
		st.NeedsServerCheck = !info.HasExpiry()
		switch {
		case !info.HasExpiry():
			st.Reason = "Your token could not be checked with the platform, and it has no expiry date of its own."
		case st.ExpiresIn <= 0:
			st.Reason = fmt.Sprintf("Your token could not be checked with the platform. By its own date it expired on %s.", date)
		default:
			st.Reason = fmt.Sprintf("Your token could not be checked with the platform. By its own date it expires in %s (%s).", Until(st.ExpiresIn), date)
		}
		return st
	}

	st.CheckedWithServer = true
	inactive := check.ActiveKnown && (!check.ActiveFound || (info.ID != "" && check.ActiveID != info.ID))
	switch {
	case check.Accepted && !inactive:
		switch {
		case !info.HasExpiry():
			st.State, st.Reason = StateValid, "Your token works and has no expiry date."
		case st.ExpiresIn <= 0:
			st.State = StateExpiring
			st.Reason = fmt.Sprintf("The platform still accepts your token, but by this computer's clock it expired on %s. Check the computer's date and time, and generate a new token soon.", date)
		case st.ExpiresIn <= warnWithin:
			st.State = StateExpiring
			st.Reason = fmt.Sprintf("Your token works but expires in %s (%s). Generate a new one soon.", Until(st.ExpiresIn), date)
		default:
			st.State = StateValid
			st.Reason = fmt.Sprintf("Your token works and expires in %s (%s).", Until(st.ExpiresIn), date)
		}
	case check.NoAPIAccess && !inactive:
		st.State = StateNoAccess
		st.Reason = ReasonNoAccess
	case info.HasExpiry() && st.ExpiresIn <= Leeway:
		st.State = StateExpired
		st.Reason = fmt.Sprintf("Your token expired on %s. Generate a new one.", date)
	default:
		st.State = StateRevoked
		st.Reason = "The platform no longer accepts your token: it was revoked. Generate a new one."
	}
	return st
}

// offline is the local answer, from the token's own expiry date.
func offline(st Status, info *Info, warnWithin time.Duration, date string) Status {
	switch {
	case !info.HasExpiry():
		st.State, st.Reason, st.NeedsServerCheck = StateUnknown, ReasonNoExpiry, true
	case st.ExpiresIn <= 0:
		st.State = StateExpired
		st.Reason = fmt.Sprintf("Your token expired on %s. Generate a new one.", date)
	case st.ExpiresIn <= warnWithin:
		st.State = StateExpiring
		st.Reason = fmt.Sprintf("Your token expires in %s (%s); not checked with the platform. Generate a new one soon.", Until(st.ExpiresIn), date)
	default:
		st.State = StateValid
		st.Reason = fmt.Sprintf("Your token expires in %s (%s); not checked with the platform.", Until(st.ExpiresIn), date)
	}
	return st
}

// InWords says a duration the way people do: "197 days", "1 day",
// "5 hours", "1 minute", "less than a minute". Whole units, rounded down:
// the right reading for time gone by ("checked 5 minutes ago").
func InWords(d time.Duration) string {
	s, _ := Span(d, false)
	return s
}

// Until says how far ahead a moment is, rounded to the nearest whole unit:
// a token generated just now with 90 days to live expires "in 90 days",
// not in 89 days and 23 hours' worth of "89 days".
func Until(d time.Duration) string {
	s, _ := Span(d, true)
	return s
}

// Span puts d in words in its largest whole unit (days, hours, minutes),
// rounded to the nearest when nearest is set and down otherwise, and
// returns the unit it counts in (0 below a minute) so a caller can tell
// when the words will change. Rounded up to a whole larger unit, the larger
// unit's name is used ("1 day" for 23 hours 40 minutes). It is the one place durations become words.
func Span(d time.Duration, nearest bool) (string, time.Duration) {
	var unit time.Duration
	var name string
	switch {
	case d >= 24*time.Hour:
		unit, name = 24*time.Hour, "day"
	case d >= time.Hour:
		unit, name = time.Hour, "hour"
	case d >= time.Minute:
		unit, name = time.Minute, "minute"
	default:
		return "less than a minute", 0
	}
	n := int64(d / unit)
	if nearest {
		n = int64((d + unit/2) / unit)
		// Rounded up to a whole larger unit: say "1 day", not "24 hours".
		switch {
		case unit == time.Hour && n == 24:
			return "1 day", unit
		case unit == time.Minute && n == 60:
			return "1 hour", unit
		}
	}
	if n == 1 {
		return "1 " + name, unit
	}
	return fmt.Sprintf("%d %ss", n, name), unit
}
