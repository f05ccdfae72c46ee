package words

import (
	"fmt"
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
	// TrayTooltip is what hovering the tray item shows.
	TrayTooltip = msg("TrayTooltip", "iObeya Token — {{.Line}}")
	// The notification after a copy from the tray.
	TrayCopied         = msg("TrayCopied", "Copied — paste it within {{.In}}")
	TrayCopiedBody     = msg("TrayCopiedBody", "Paste it into the Authorization header of your Power Automate HTTP action. The clipboard is cleared after that.")
	TrayCopiedKept     = msg("TrayCopiedKept", "Copied")
	TrayCopiedKeptBody = msg("TrayCopiedKeptBody", "Paste it into the Authorization header of your Power Automate HTTP action. The clipboard is not cleared automatically (see Settings).")
	// The tray program's troubles, said in a notification.
	TrayCopyFailed      = msg("TrayCopyFailed", "Could not copy your token")
	TrayNoClipboard     = msg("TrayNoClipboard", "No clipboard program was found. Install xclip (X11) or wl-clipboard (Wayland), then try again.")
	TrayClipboardFailed = msg("TrayClipboardFailed", "The clipboard could not be used. Try again, or open iObeya Token and copy it from there.")
	TrayWindowFailed    = msg("TrayWindowFailed", "Could not open iObeya Token")
	TrayWindowMissing   = msg("TrayWindowMissing", "The iobeya-token program was not found next to the tray program. Reinstall iObeya Token, then try again.")
	trayCountdownSecs   = msg("TrayCountdownSeconds", "{{.N}} s")
	trayCountdownMins   = msg("TrayCountdownMinutes", "{{.M}}:{{.S}}")
)

// Countdown is a countdown's length: "30 s", "2:00".
func (w *Words) Countdown(n int) string {
	if n < 60 {
		return w.Say(trayCountdownSecs, Args{"N": n})
	}
	return w.Say(trayCountdownMins, Args{"M": n / 60, "S": fmt.Sprintf("%02d", n%60)})
}

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
