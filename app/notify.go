package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
)

// notify sends the notification the shown status calls for, if any: when
// and what is glance's decision, shared with the tray program. While the
// tray program runs it notifies, and the window does not.
func (u *UI) notify(st companion.Status, now time.Time) {
	if !u.settings.Notifications || u.deps.Agent {
		return
	}
	kind, n := notification(st, now)
	if n == nil {
		return
	}
	prefs := u.app.Preferences()
	atKey, tokenKey := fmt.Sprintf(prefNotifiedAt, kind), fmt.Sprintf(prefNotifiedToken, kind)
	id := glance.TokenKey(st)
	last := glance.Sent{Token: prefs.String(tokenKey)}
	if at := prefs.Int(atKey); at != 0 {
		last.At = time.Unix(int64(at), 0)
	}
	if !glance.Due(last, id, now) {
		return
	}
	prefs.SetInt(atKey, int(now.Unix()))
	prefs.SetString(tokenKey, id)
	u.app.SendNotification(n)
}

// notification is what to say about a status, or nil.
func notification(st companion.Status, now time.Time) (string, *fyne.Notification) {
	n, ok := glance.NoticeFor(say(), st, now)
	if !ok {
		return "", nil
	}
	return n.Kind, fyne.NewNotification(n.Title, n.Body)
}
