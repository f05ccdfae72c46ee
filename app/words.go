package app

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
)

// The shared pieces of package glance under the names the window uses.
const day = glance.Day

var (
	stateWords   = glance.StateWords
	displayState = glance.DisplayState
	until        = glance.Until
	date         = glance.Date
	statusLine   = glance.StatusLine
	nextChange   = glance.NextChange
)

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
