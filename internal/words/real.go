package words

// The problems of the OAuth client from IT and of bringing a token in from
// the iObeya web app (issue 11).
var (
	MachineConfigBroken = trouble("MachineConfigBroken", "The configuration your IT department put on this computer ({{.Path}}) cannot be used: {{.Cause}}.", "Tell your IT support: they can fix or remove that file.")
	ClipboardWatchEnded = trouble("ClipboardWatchEnded", "No token was copied within two minutes.", "Copy the token in the iObeya web app, or paste it in the box, then try again.")
	NotPlatformToken    = trouble("NotPlatformToken", "This is not a personal access token of your platform.", "Copy the whole token from the iObeya web app (avatar menu → Personal access token) of the platform set up here, then try again.")
	TokenRefused        = trouble("TokenRefused", "The platform does not accept this token: it expired, was revoked, or was not copied whole.", "Generate a new one in the iObeya web app, copy it whole, then try again.")
	OtherAccount        = trouble("OtherAccount", "This token belongs to another account than the one signed in here.", "Sign out first, or bring in a token of your own account.")
	StillAccepted       = trouble("StillAccepted", "The platform still accepts this token, so it was kept here.", "Revoke it in the iObeya web app (avatar menu → Personal access token → Revoke), then try again.")
	RevokeOnWeb         = trouble("RevokeOnWeb", "This token was brought in from the iObeya web app, so it is revoked there.", "Revoke it in the web app (avatar menu → Personal access token → Revoke); iObeya Token then checks that it no longer works and removes its copy.")
	SetByIT             = trouble("SetByIT", "Your IT department set this for this computer, so it cannot be changed here.", "Ask your IT support if it needs to change.")
)

var statusNoTokenAPI = msg("StatusNoTokenAPI", "Your platform makes personal access tokens in its web app: get one there, and iObeya Token keeps it.")

// NoTokenAPI says tokens come from the platform's web app.
func (w *Words) NoTokenAPI() string { return w.Say(statusNoTokenAPI, nil) }

// The command line's words of issue 11.
var (
	CLISummaryImport    = msg("CLISummaryImport", "keep a token you copied in the iObeya web app (read from standard input)")
	CLIFlagClientID     = msg("CLIFlagClientID", "the OAuth client `ID` your iObeya administrator registered (kept for next time; its secret goes to the keychain)")
	CLIFlagSecretStdin  = msg("CLIFlagSecretStdin", "read the OAuth client's secret from standard input (never give it as an argument)")
	CLIFlagRedirectPort = msg("CLIFlagRedirectPort", "the `port` of the redirect URI your administrator registered (http://127.0.0.1:PORT/callback); 0: any")
	CLISignedInUnnamed  = msg("CLISignedInUnnamed", "Signed in on {{.Platform}} (the platform does not say under which name)")
)

// The command line's import and web-page revoke.
var (
	CLIPromptClientSecret = msg("CLIPromptClientSecret", "Client secret for {{.ID}} (leave empty if it has none): ")
	CLIPromptToken        = msg("CLIPromptToken", "Paste your token from the iObeya web app, then press Enter: ")
	CLINoTokenOnStdin     = msg("CLINoTokenOnStdin", "No token on standard input. Copy your token in the iObeya web app (avatar menu → Personal access token), then run:\n  iobeya-token import   (and paste it)\nor pipe it in from your password manager.")
	CLIImported           = msg("CLIImported", "Kept your token for {{.Who}} in the keychain.")
	CLIRevokeOnWebFirst   = msg("CLIRevokeOnWebFirst", "This token was brought in from the iObeya web app: revoke it there first, at {{.Link}}\nThen run iobeya-token revoke --yes: it checks that the platform refuses the token before removing it here.")
	CLIOpenThisPage       = msg("CLIOpenThisPage", "Open this page in your browser: {{.Link}}")
	CLIBrowserOpenOn      = msg("CLIBrowserOpenOn", "Your browser is open on {{.Link}}")
	CLITokenPageSteps     = msg("CLITokenPageSteps", "In iObeya, open your avatar menu (top right) → Personal access token, confirm, then copy the token.")
	CLIRevokeThere        = msg("CLIRevokeThere", "Revoke your token there (Revoke this token… then confirm).")
	CLIAskRevokedOnWeb    = msg("CLIAskRevokedOnWeb", "Have you revoked it in the web app? iObeya Token then checks it and removes its copy")
	CLINothingRemoved     = msg("CLINothingRemoved", "Nothing was removed.")
	CLIRevokedOnWeb       = msg("CLIRevokedOnWeb", "The platform no longer accepts the token; it was removed from the keychain ({{.Platform}}).")
)
