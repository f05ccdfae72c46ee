package app

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// The shared pieces of package glance under the names the window uses.
const day = glance.Day

var (
	displayState = glance.DisplayState
	nextChange   = glance.NextChange
)

// The words glance shares with the tray program, in the window's language.

func stateWords(s companion.State) string { return glance.StateWords(say(), s) }
func until(t, now time.Time) string       { return glance.Until(say(), t, now) }
func date(t, now time.Time) string        { return glance.Date(say(), t, now) }

// spoken is the language the window speaks, set by the language choice
// (language.go); nil is English.
var spoken atomic.Pointer[words.Words]

// say is the words the window speaks.
func say() *words.Words {
	if w := spoken.Load(); w != nil {
		return w
	}
	return words.English()
}

// word is one message of the catalogue without placeholders, in the
// window's language.
func word(m *words.Message) string { return say().Say(m, nil) }

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
		return say().Say(words.WindowClockExpiring, words.Args{"Relative": until(st.ExpiresAt, now), "Date": date(st.ExpiresAt, now)})
	case companion.StateExpired:
		return say().Say(words.WindowClockExpired, words.Args{"Date": date(st.ExpiresAt, now)})
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
		return word(words.WindowHintToken)
	case companion.FormatHeader:
		return word(words.WindowHintHeader)
	case companion.FormatPowerAutomate:
		return word(words.WindowHintJSON)
	}
	return word(words.WindowHintBearer)
}

// timeLeftWords is the sign-in's countdown: "2:59 left to sign in".
func timeLeftWords(d time.Duration) string {
	n := int((d + time.Second - 1) / time.Second) // 0.5 s left still shows 0:01
	return say().Say(words.WindowTimeLeft, words.Args{"Time": fmt.Sprintf("%d:%02d", n/60, n%60)})
}
