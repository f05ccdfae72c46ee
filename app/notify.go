package app

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// Kinds of notification. Each is sent once per token, and never twice in a
// day, so a restart or a flapping network does not repeat it.
const (
	noteWarning = "warning" // entered the warning window
	noteLastDay = "lastday" // less than a day left
	noteExpired = "expired"
	noteRevoked = "revoked"
	noteNoAPI   = "no-api-access"
)

// notify sends the notification the shown status calls for, if any.
func (u *UI) notify(st companion.Status, now time.Time) {
	if !u.settings.Notifications {
		return
	}
	kind, n := notification(st, now)
	if n == nil {
		return
	}
	prefs := u.app.Preferences()
	atKey, tokenKey := fmt.Sprintf(prefNotifiedAt, kind), fmt.Sprintf(prefNotifiedToken, kind)
	id := tokenKeyOf(st)
	last := time.Unix(int64(prefs.Int(atKey)), 0)
	if prefs.String(tokenKey) == id || (prefs.Int(atKey) != 0 && now.Sub(last) < day) {
		return
	}
	prefs.SetInt(atKey, int(now.Unix()))
	prefs.SetString(tokenKey, id)
	u.app.SendNotification(n)
}

// notification is what to say about a status, or nil.
func notification(st companion.Status, now time.Time) (string, *fyne.Notification) {
	title := func(t string) string {
		if st.Demo {
			return t + " (demo platform)"
		}
		return t
	}
	switch st.State {
	case companion.StateExpiring:
		left := st.ExpiresAt.Sub(now)
		if left <= day {
			return noteLastDay, fyne.NewNotification(title("Your iObeya token expires "+until(st.ExpiresAt, now)),
				"Generate a new one now so your Power Automate flows keep working.")
		}
		return noteWarning, fyne.NewNotification(title("Your iObeya token expires "+until(st.ExpiresAt, now)),
			"It expires on "+date(st.ExpiresAt, now)+". Open iObeya Token to generate a new one.")
	case companion.StateExpired:
		return noteExpired, fyne.NewNotification(title("Your iObeya token has expired"),
			"Anything that uses it, such as your Power Automate flows, has stopped working. Open iObeya Token to generate a new one.")
	case companion.StateRevoked:
		return noteRevoked, fyne.NewNotification(title("Your iObeya token was revoked"),
			"The platform no longer accepts it. Open iObeya Token to generate a new one.")
	case companion.StateNoAccess:
		return noteNoAPI, fyne.NewNotification(title("Your iObeya token has no access to the API"),
			"Power Automate flows that use it will be refused. Ask your iObeya administrator for API access; the token itself is fine.")
	}
	return "", nil
}

// tokenKeyOf tells tokens apart without holding them: the id, or else the
// expiry instant.
func tokenKeyOf(st companion.Status) string {
	if st.TokenID != "" {
		return st.TokenID
	}
	return "exp:" + strconv.FormatInt(st.ExpiresAt.Unix(), 10)
}
