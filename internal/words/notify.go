package words

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

// The desktop notifications about a token.
var (
	noteExpires      = msg("NotifyExpiresTitle", "Your iObeya token expires {{.Relative}}")
	noteLastDay      = msg("NotifyLastDayBody", "Generate a new one now so your Power Automate flows keep working.")
	noteWarning      = msg("NotifyWarningBody", "It expires on {{.Date}}. Open iObeya Token to generate a new one.")
	noteExpired      = msg("NotifyExpiredTitle", "Your iObeya token has expired")
	noteExpiredBody  = msg("NotifyExpiredBody", "Anything that uses it, such as your Power Automate flows, has stopped working. Open iObeya Token to generate a new one.")
	noteRevoked      = msg("NotifyRevokedTitle", "Your iObeya token was revoked")
	noteRevokedBody  = msg("NotifyRevokedBody", "The platform no longer accepts it. Open iObeya Token to generate a new one.")
	noteNoAccess     = msg("NotifyNoAccessTitle", "Your iObeya token has no access to the API")
	noteNoAccessBody = msg("NotifyNoAccessBody", "Power Automate flows that use it will be refused. Ask your iObeya administrator for API access; the token itself is fine.")
	noteDemo         = msg("NotifyDemoTitle", "{{.Title}} (demo platform)")
)

// The tray menu's items; the copy item is FormatLabel("bearer").
var (
	TrayDemo   = msg("TrayDemo", "Demo platform")
	TrayOpen   = msg("TrayOpen", "Open iObeya Token")
	TrayCheck  = msg("TrayCheck", "Check now")
	TrayRevoke = msg("TrayRevoke", "Revoke…")
	TrayQuit   = msg("TrayQuit", "Quit")
)

// Notification is the title and body of the notification a state calls
// for at now (State is the state to show); both empty when it calls for
// none. Within a day of the expiry the body asks to act now.
func (w *Words) Notification(f Facts, now time.Time) (title, body string) {
	switch f.State {
	case token.StateExpiring:
		title = w.Say(noteExpires, Args{"Relative": w.Relative(f.ExpiresAt, now)})
		if f.ExpiresAt.Sub(now) <= day {
			body = w.Say(noteLastDay, nil)
		} else {
			body = w.Say(noteWarning, Args{"Date": w.Date(f.ExpiresAt, now)})
		}
	case token.StateExpired:
		title, body = w.Say(noteExpired, nil), w.Say(noteExpiredBody, nil)
	case token.StateRevoked:
		title, body = w.Say(noteRevoked, nil), w.Say(noteRevokedBody, nil)
	case token.StateNoAccess:
		title, body = w.Say(noteNoAccess, nil), w.Say(noteNoAccessBody, nil)
	default:
		return "", ""
	}
	if f.Demo {
		title = w.Say(noteDemo, Args{"Title": title})
	}
	return title, body
}
