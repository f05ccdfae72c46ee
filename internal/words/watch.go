package words

// The clipboard pick-up of a token copied in the iObeya web app, when it
// ends with nobody looking: the tray program watches on after the window
// closed and says how it ended in a notification; a window opened since
// says it as a passing notice.
var (
	TrayWatchKept     = msg("TrayWatchKept", "Your token is kept")
	TrayWatchKeptBody = msg("TrayWatchKeptBody", "The token you copied in the iObeya web app was checked with the platform and is kept in this computer's keychain; the clipboard was cleared. Open iObeya Token to see its state and copy it for Power Automate.")
	TrayWatchFailed   = msg("TrayWatchFailed", "Your token was not kept")
)
