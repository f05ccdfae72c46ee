package glance

import (
	"fmt"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// The words of this package, in one place for the words catalogue.

// AppName is the product's name as people see it.
const AppName = "iObeya Token"

// StateWords is the badge text of a state: the words next to its colour and
// its icon.
func StateWords(s companion.State) string {
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

// Until says how far ahead t is ("in 197 days") or how long ago it was
// ("3 days ago").
func Until(t, now time.Time) string {
	if d := t.Sub(now); d > 0 {
		return "in " + companion.Until(d)
	}
	return companion.InWords(now.Sub(t)) + " ago"
}

// Date is a calendar date in the clock's time zone: "12 June 2027".
func Date(t, now time.Time) string {
	return t.In(now.Location()).Format("2 January 2006")
}

// StatusLine is the one-line summary of a status whose State is the state
// to show: "Valid · expires in 197 days", "Signed out".
func StatusLine(st companion.Status, now time.Time) string {
	switch st.State {
	case companion.StateValid, companion.StateUnknown:
		head := StateWords(st.State)
		if st.ExpiresAt.IsZero() {
			return head + " · does not expire"
		}
		return head + " · expires " + Until(st.ExpiresAt, now)
	case companion.StateExpiring:
		return "Expires soon · " + Until(st.ExpiresAt, now)
	case companion.StateExpired:
		if st.ExpiresAt.IsZero() {
			return "Expired"
		}
		return "Expired · " + Until(st.ExpiresAt, now)
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

// Tooltip is what hovering the tray item shows: "iObeya Token — Valid ·
// expires in 90 days".
func Tooltip(st companion.Status, now time.Time) string {
	return AppName + " — " + StatusLine(st, now)
}

// Menu labels.
const (
	LabelDemo   = "Demo platform"
	LabelCopy   = "Copy for Power Automate"
	LabelOpen   = "Open " + AppName
	LabelCheck  = "Check now"
	LabelRevoke = "Revoke…"
	LabelQuit   = "Quit"
)

// Notice texts.
func noticeExpiring(st companion.Status, now time.Time, lastDay bool) (string, string) {
	title := "Your iObeya token expires " + Until(st.ExpiresAt, now)
	if lastDay {
		return title, "Generate a new one now so your Power Automate flows keep working."
	}
	return title, "It expires on " + Date(st.ExpiresAt, now) + ". Open iObeya Token to generate a new one."
}

const (
	noticeExpiredTitle = "Your iObeya token has expired"
	noticeExpiredBody  = "Anything that uses it, such as your Power Automate flows, has stopped working. Open iObeya Token to generate a new one."
	noticeRevokedTitle = "Your iObeya token was revoked"
	noticeRevokedBody  = "The platform no longer accepts it. Open iObeya Token to generate a new one."
	noticeDemoSuffix   = " (demo platform)"
)

// CopiedNotice is the notification after a copy from the tray: where the
// value is and for how long (seconds ≤ 0: the clipboard is not cleared).
func CopiedNotice(seconds int) (title, body string) {
	if seconds <= 0 {
		return "Copied", "Paste it into the Authorization header of your Power Automate HTTP action. The clipboard is not cleared automatically (see Settings)."
	}
	return "Copied — paste it within " + Seconds(seconds), "Paste it into the Authorization header of your Power Automate HTTP action. The clipboard is cleared after that."
}

// Seconds is a countdown's length: "30 s", "2:00".
func Seconds(n int) string {
	if n < 60 {
		return fmt.Sprintf("%d s", n)
	}
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}
