package app

import (
	"fmt"
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

// clockMessage is the card's sentence for a state the clock decides: the
// token entered its warning window or passed its expiry since the platform
// was last asked.
func clockMessage(st companion.Status, now time.Time) string {
	switch st.State {
	case companion.StateExpiring:
		return "Your token expires " + until(st.ExpiresAt, now) + " (" + date(st.ExpiresAt, now) + "). Generate a new one soon."
	case companion.StateExpired:
		return "Your token expired on " + date(st.ExpiresAt, now) + ". Generate a new one."
	}
	return st.Message
}

// checkedLine says when the platform last answered.
func checkedLine(st companion.Status, now time.Time) string {
	return say().CheckedLine(st.Facts(), now)
}

// accountLine is who is signed in: "Ada Lovelace · ada@acme.com".
func accountLine(st companion.Status) string { return say().AccountLine(st.Facts()) }

// platformName is the platform as the user knows it.
func platformName(st companion.Status) string { return say().PlatformName(st.Facts()) }

// pasteHint says where a copy in format f goes, in Power Automate's terms
// where it is for Power Automate.
func pasteHint(f companion.Format) string {
	switch f {
	case companion.FormatToken:
		return "This is the token alone, for a tool that asks for a bearer token. For Power Automate's HTTP action, use Copy for Power Automate instead."
	case companion.FormatHeader:
		return "This is a whole header line, for a tool that takes header lines as text. For Power Automate's HTTP action, use Copy for Power Automate instead."
	case companion.FormatPowerAutomate:
		return "In your flow's HTTP action, switch Headers to text mode (the button beside Headers), then paste into the box, replacing what it holds."
	}
	return "In your flow's HTTP action, under Headers: type Authorization as the key, then paste into the value beside it."
}

// timeLeftWords is the sign-in's countdown: "2:59 left to sign in".
func timeLeftWords(d time.Duration) string {
	n := int((d + time.Second - 1) / time.Second) // 0.5 s left still shows 0:01
	return fmt.Sprintf("%d:%02d left to sign in", n/60, n%60)
}
