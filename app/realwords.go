package app

// The words of the OAuth client from IT and of bringing a token in from
// the web app, in one place for the catalogue.
const (
	wordAdvanced         = "Advanced"
	wordClientIDLabel    = "OAuth client ID (from your iObeya administrator)"
	wordClientSecret     = "Client secret (leave empty if it has none)"
	wordClientHint       = "Only if your administrator registered iObeya Token in Administration → Settings → API. The secret is kept in this computer's keychain."
	wordClientByIT       = "Set by your IT department for this computer."
	wordBringButton      = "Get a token from the iObeya web app…"
	wordBringTitle       = "Get a token from the iObeya web app"
	wordBringIntro       = "Your platform makes tokens in its web app. Open it, generate your token there and click Copy: iObeya Token picks it up from the clipboard, checks it and keeps it in the keychain."
	wordBringOpen        = "Open the iObeya web app"
	wordBringWatching    = "Waiting for you to copy the token (up to two minutes)…"
	wordBringPasteLabel  = "Or paste the token here:"
	wordBringKeep        = "Keep this token"
	wordBringChecking    = "Checking the token with the platform…"
	wordClose            = "Close"
	wordRevokeWebTitle   = "Revoke your token in the iObeya web app"
	wordRevokeWebIntro   = "This token was made in the iObeya web app, so it is revoked there: open the web app, choose Revoke this token, and confirm."
	wordRevokeWebThen    = "Then come back: iObeya Token checks that the platform no longer accepts the token, and only then removes its copy from this computer."
	wordRevokeWebDone    = "I have revoked it"
	wordRevokeWebConfirm = "Remove the token from this computer?"
)
