package app

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/words"
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

// say is the words the window speaks. English for now: the language
// setting will choose it.
func say() *words.Words { return words.English() }

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
