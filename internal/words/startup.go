package words

// Starting with the session: the settings switch and the one-time question
// after the first token.
var (
	StartAtLogin           = msg("StartAtLogin", "Start iObeya Token when I log in")
	StartAtLoginOnFailed   = msg("StartAtLoginOnFailed", "iObeya Token could not set itself to start when you log in.")
	StartAtLoginOffFailed  = msg("StartAtLoginOffFailed", "iObeya Token could not stop starting when you log in.")
	StartAtLoginReadFailed = msg("StartAtLoginReadFailed", "iObeya Token could not tell whether it starts when you log in.")
	StartAtLoginFailedNext = msg("StartAtLoginFailedNext", "The system said: {{.Reason}}. Try again, or ask your IT support.")
	StartAtLoginOn         = msg("StartAtLoginOn", "iObeya Token will start in the tray when you log in.")
	StartAtLoginOnNext     = msg("StartAtLoginOnNext", "You can change this in Settings.")
	AskStartAtLoginTitle   = msg("AskStartAtLoginTitle", "Keep iObeya Token in the tray when you log in?")
	AskStartAtLoginBody    = msg("AskStartAtLoginBody", "It warns you before your token expires.")
	AskStartAtLoginYes     = msg("AskStartAtLoginYes", "Yes")
	AskStartAtLoginNo      = msg("AskStartAtLoginNo", "Not now")
)

// The About part of the settings page.
var (
	AboutHeading         = msg("AboutHeading", "About")
	AboutContract        = msg("AboutContract", "Platform contract version {{.Version}}")
	AboutSettingsFolder  = msg("AboutSettingsFolder", "Settings folder")
	AboutCopyDiagnostics = msg("AboutCopyDiagnostics", "Copy diagnostics")
	AboutGathering       = msg("AboutGathering", "Checking iObeya Token and the platform…")
	AboutCopied          = msg("AboutCopied", "Diagnostics copied. Paste them into your message to IT support: they hold no token or password.")
)
