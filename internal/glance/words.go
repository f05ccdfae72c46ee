package glance

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// What the tray and the window say, from the one catalogue
// (internal/words), in the words the caller chose (words.Choose of the
// language setting): a change of language shows at the next call.

// AppName is the product's name as people see it.
const AppName = "iObeya Token"

// StateWords is the badge text of a state: the words next to its colour and
// its icon.
func StateWords(w *words.Words, s companion.State) string { return w.State(s) }

// Until says how far ahead t is ("in 197 days") or how long ago it was
// ("3 days ago").
func Until(w *words.Words, t, now time.Time) string { return w.Relative(t, now) }

// Date is a calendar date in the clock's time zone: "12 June 2027".
func Date(w *words.Words, t, now time.Time) string { return w.Date(t, now) }

// StatusLine is the one-line summary of a status whose State is the state
// to show: "Valid · expires in 197 days", "Signed out".
func StatusLine(w *words.Words, st companion.Status, now time.Time) string {
	return w.TrayLine(st.Facts(), now)
}

// Tooltip is what hovering the tray item shows: "iObeya Token — Valid ·
// expires in 90 days".
func Tooltip(w *words.Words, st companion.Status, now time.Time) string {
	return w.Say(words.TrayTooltip, words.Args{"Line": StatusLine(w, st, now)})
}

// Label is the label of a menu action, ActNone giving the demo platform's
// line.
func Label(w *words.Words, act Action) string {
	switch act {
	case ActCopy:
		return w.FormatLabel(string(companion.FormatBearer))
	case ActOpen:
		return w.Say(words.TrayOpen, nil)
	case ActCheck:
		return w.Say(words.TrayCheck, nil)
	case ActRevoke:
		return w.Say(words.TrayRevoke, nil)
	case ActQuit:
		return w.Say(words.TrayQuit, nil)
	}
	return w.Say(words.TrayDemo, nil)
}

// CopiedNotice is the notification after a copy from the tray: where the
// value is and for how long (seconds ≤ 0: the clipboard is not cleared).
func CopiedNotice(w *words.Words, seconds int) (title, body string) {
	if seconds <= 0 {
		return w.Say(words.TrayCopiedKept, nil), w.Say(words.TrayCopiedKeptBody, nil)
	}
	return w.Say(words.TrayCopied, words.Args{"In": Seconds(w, seconds)}), w.Say(words.TrayCopiedBody, nil)
}

// Seconds is a countdown's length: "30 s", "2:00".
func Seconds(w *words.Words, n int) string { return w.Countdown(n) }

// timing is the words next.go counts in to find when the words change:
// every language counts in the same whole units, rounded the same way, so
// English's changes are every language's.
var timing = words.English()
