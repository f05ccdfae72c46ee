package glance

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// What the tray and the window say, from the one catalogue
// (internal/words). English for now: the language setting will choose it.

// say is the words both front ends speak.
func say() *words.Words { return words.English() }

// AppName is the product's name as people see it.
const AppName = "iObeya Token"

// StateWords is the badge text of a state: the words next to its colour and
// its icon.
func StateWords(s companion.State) string { return say().State(s) }

// Until says how far ahead t is ("in 197 days") or how long ago it was
// ("3 days ago").
func Until(t, now time.Time) string { return say().Relative(t, now) }

// Date is a calendar date in the clock's time zone: "12 June 2027".
func Date(t, now time.Time) string { return say().Date(t, now) }

// StatusLine is the one-line summary of a status whose State is the state
// to show: "Valid · expires in 197 days", "Signed out".
func StatusLine(st companion.Status, now time.Time) string { return say().TrayLine(st.Facts(), now) }

// Tooltip is what hovering the tray item shows: "iObeya Token — Valid ·
// expires in 90 days".
func Tooltip(st companion.Status, now time.Time) string {
	return say().Say(words.TrayTooltip, words.Args{"Line": StatusLine(st, now)})
}

// Menu labels.
var (
	LabelDemo   = say().Say(words.TrayDemo, nil)
	LabelCopy   = say().FormatLabel(string(companion.FormatBearer))
	LabelOpen   = say().Say(words.TrayOpen, nil)
	LabelCheck  = say().Say(words.TrayCheck, nil)
	LabelRevoke = say().Say(words.TrayRevoke, nil)
	LabelQuit   = say().Say(words.TrayQuit, nil)
)

// CopiedNotice is the notification after a copy from the tray: where the
// value is and for how long (seconds ≤ 0: the clipboard is not cleared).
func CopiedNotice(seconds int) (title, body string) {
	w := say()
	if seconds <= 0 {
		return w.Say(words.TrayCopiedKept, nil), w.Say(words.TrayCopiedKeptBody, nil)
	}
	return w.Say(words.TrayCopied, words.Args{"In": Seconds(seconds)}), w.Say(words.TrayCopiedBody, nil)
}

// Seconds is a countdown's length: "30 s", "2:00".
func Seconds(n int) string { return say().Countdown(n) }
