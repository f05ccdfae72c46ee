package token

import (
	"time"
)

// DefaultWarnWithin is the default warning window: a token that expires
// within it is "expiring".
const DefaultWarnWithin = 7 * 24 * time.Hour

// Why says which reason decided a status; internal/words puts it in words.
type Why int

// The reasons of Evaluate.
const (
	WhyNoToken           Why = iota // no token here
	WhyDamaged                      // the stored copy cannot be read
	WhyNoExpiry                     // offline, and the token has no expiry date
	WhyLocalValid                   // offline, expires after the window
	WhyLocalExpiring                // offline, expires within the window
	WhyExpired                      // its date has passed (offline, or refused after it)
	WhyUncheckedNoExpiry            // platform not reached, no expiry date
	WhyUncheckedExpired             // platform not reached, its date has passed
	WhyUnchecked                    // platform not reached, its date is ahead
	WhyWorksNoExpiry                // accepted, no expiry date
	WhyWorksClockPast               // accepted although this computer's clock says it expired
	WhyWorksExpiring                // accepted, expires within the window
	WhyWorks                        // accepted, expires after the window
	WhyRevoked                      // refused before its date
	WhyNoAccess                     // known, but refused the API (403)
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
	State State
	Why   Why // the reason that decided State
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
//	platform not reached                    → unknown (Why says what the local expiry says)
//
// "Named inactive" is GET /personal-access-token answering 404 or another
// id. exp counts as passed a minute early (Leeway) when the platform
// refuses the token, so a little clock skew does not turn an expired
// token into a revoked one.
func Evaluate(info *Info, now time.Time, warnWithin time.Duration, check *Check) Status {
	if info == nil {
		return Status{State: StateNone, Why: WhyNoToken}
	}
	st := Status{ExpiresAt: info.ExpiresAt}
	if info.HasExpiry() {
		st.ExpiresIn = info.ExpiresAt.Sub(now)
	}
	switch {
	case check == nil:
		return offline(st, info, now, warnWithin)

	case !check.Reached:
		st.State = StateUnknown
		st.NeedsServerCheck = !info.HasExpiry()
		switch {
		case !info.HasExpiry():
			st.Why = WhyUncheckedNoExpiry
		case st.ExpiresIn <= 0:
			st.Why = WhyUncheckedExpired
		default:
			st.Why = WhyUnchecked
		}
		return st
	}

	st.CheckedWithServer = true
	inactive := check.ActiveKnown && (!check.ActiveFound || (info.ID != "" && check.ActiveID != info.ID))
	switch {
	case check.Accepted && !inactive:
		switch {
		case !info.HasExpiry():
			st.State, st.Why = StateValid, WhyWorksNoExpiry
		case st.ExpiresIn <= 0:
			// The platform's answer wins over this computer's clock.
			st.State, st.Why = StateExpiring, WhyWorksClockPast
		case st.ExpiresIn <= warnWithin:
			st.State, st.Why = StateExpiring, WhyWorksExpiring
		default:
			st.State, st.Why = StateValid, WhyWorks
		}
	case check.NoAPIAccess && !inactive:
		st.State, st.Why = StateNoAccess, WhyNoAccess
	case info.HasExpiry() && st.ExpiresIn <= Leeway:
		st.State, st.Why = StateExpired, WhyExpired
	default:
		st.State, st.Why = StateRevoked, WhyRevoked
	}
	return st
}

// offline is the local answer, from the token's own expiry date.
func offline(st Status, info *Info, now time.Time, warnWithin time.Duration) Status {
	if !info.HasExpiry() {
		st.State, st.Why, st.NeedsServerCheck = StateUnknown, WhyNoExpiry, true
		return st
	}
	st.State = At(StateValid, info.ExpiresAt, now, warnWithin)
	switch st.State {
	case StateExpired:
		st.Why = WhyExpired
	case StateExpiring:
		st.Why = WhyLocalExpiring
	default:
		st.Why = WhyLocalValid
	}
	return st
}

// At is the state to show at now for a token whose state was s when it was
// last decided: as time passes without a check, a valid token enters the
// warning window and any token passes its expiry date, which the local clock
// knows without asking the platform. It is the one place this rule lives;
// companion.StateAt applies it to a status.
func At(s State, expiresAt, now time.Time, warnWithin time.Duration) State {
	switch s {
	case "", StateNone:
		return StateNone
	case StateExpired, StateRevoked:
		return s
	}
	if expiresAt.IsZero() {
		return s
	}
	if !now.Before(expiresAt) {
		return StateExpired
	}
	if s == StateValid && expiresAt.Sub(now) <= warnWithin {
		return StateExpiring
	}
	return s
}
