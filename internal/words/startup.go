package words

// The window's messages are exported and their IDs start with "App": the
// window says them.

// Starting with the session: the settings switch and the one-time question
// after the first token.
var (
	StartAtLogin           = msg("AppStartAtLogin", "Start iObeya Token when I log in")
	StartAtLoginOnFailed   = msg("AppStartAtLoginOnFailed", "iObeya Token could not set itself to start when you log in.")
	StartAtLoginOffFailed  = msg("AppStartAtLoginOffFailed", "iObeya Token could not stop starting when you log in.")
	StartAtLoginReadFailed = msg("AppStartAtLoginReadFailed", "iObeya Token could not tell whether it starts when you log in.")
	StartAtLoginFailedNext = msg("AppStartAtLoginFailedNext", "The system said: {{.Reason}}. Try again, or ask your IT support.")
	StartAtLoginOn         = msg("AppStartAtLoginOn", "iObeya Token will start in the tray when you log in.")
	StartAtLoginOnNext     = msg("AppStartAtLoginOnNext", "You can change this in Settings.")
	AskStartAtLoginTitle   = msg("AppAskStartAtLoginTitle", "Keep iObeya Token in the tray when you log in?")
	AskStartAtLoginBody    = msg("AppAskStartAtLoginBody", "It warns you before your token expires.")
	AskStartAtLoginYes     = msg("AppAskStartAtLoginYes", "Yes")
	AskStartAtLoginNo      = msg("AppAskStartAtLoginNo", "Not now")
)

// The About part of the settings page.
var (
	AboutHeading         = msg("AppAboutHeading", "About")
	AboutContract        = msg("AppAboutContract", "Platform contract version {{.Version}}")
	AboutSettingsFolder  = msg("AppAboutSettingsFolder", "Settings folder")
	AboutCopyDiagnostics = msg("AppAboutCopyDiagnostics", "Copy diagnostics")
	AboutGathering       = msg("AppAboutGathering", "Checking iObeya Token and the platform…")
	AboutCopied          = msg("AppAboutCopied", "Diagnostics copied. Paste them into your message to IT support: they hold no token or password.")
)

// AppNoDisplay is said on standard error when the desktop app is started
// where no window can open (over ssh, in a container).
var AppNoDisplay = msg("AppNoDisplay", "iobeya-token: there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop app cannot open its window.\nStart it from your desktop session, or use the command line: iobeya-token help")
