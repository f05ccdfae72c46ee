package words

// The command line's messages. The command names, options and examples
// (iobeya-token login --platform acme.iobeya.com) stay as they are typed.
var (
	CLIUsageHeader = msg("CLIUsageHeader", `iobeya-token keeps your iObeya personal access token in the system keychain.

Usage:
  iobeya-token                     open the desktop app
  iobeya-token COMMAND [OPTIONS]   use it from the command line

Commands:
`)
	CLIUsageFooter = msg("CLIUsageFooter", `
Formats (header, copy):
{{.Formats}}
Every command also takes --verbose: say what happens on standard error
(tokens, codes and keys are never shown); and --lang en or --lang fr: speak
English or French (default: the language chosen in the app's Settings, or
the system's).

header prints exactly the value, with a line break at the end only when the
output is a terminal, so "$(iobeya-token header)" and pipes get the bare value.

Exit codes:
  0  done
  1  something went wrong; the message says what to do next
  2  the command line is wrong
  3  no token yet, or not signed in
  4  the token has expired or was revoked
  5  the token works but has no access to the API (ask your iObeya administrator)

Get started:
  iobeya-token login --platform acme.iobeya.com
  iobeya-token generate
  iobeya-token copy        (then paste into Power Automate's header value)

No account at hand? "--platform demo" uses the built-in demo platform
(sign in as alice@example.com, password demo-alice).
`)
	CLICommandUsage = msg("CLICommandUsage", "Usage: iobeya-token {{.Command}} {{.Args}}")
	CLIOptions      = msg("CLIOptions", "Options:")
	CLIRunHelp      = msg("CLIRunHelp", `Run "iobeya-token help" to see the commands.`)
	CLINotACommand  = msg("CLINotACommand", "{{.Name}} is not a command of iobeya-token.")
	CLINoArgument   = msg("CLINoArgument", "{{.Command}} takes no argument {{.Arg}}.")
	CLIBadFormat    = msg("CLIBadFormat", "Unknown format {{.Format}}. Use one of: {{.Formats}}.")
	CLIBadTimeout   = msg("CLIBadTimeout", "The timeout must be positive, like 3m or 90s.")
	CLIBadDelay     = msg("CLIBadDelay", "The delay must be 0 or positive, like 30s.")
	CLITryDemo      = msg("CLITryDemo", "Or try the built-in demo platform: --platform demo")
	CLIUsing        = msg("CLIUsing", "Using {{.Host}}") // a pasted page was reduced to the platform

	CLISummaryLogin    = msg("CLISummaryLogin", "sign in to your iObeya platform through your browser")
	CLISummaryLogout   = msg("CLISummaryLogout", "sign out (your token stays in the keychain)")
	CLISummaryGenerate = msg("CLISummaryGenerate", "generate a personal access token and keep it in the keychain")
	CLISummaryStatus   = msg("CLISummaryStatus", "say whether the token works and when it expires")
	CLISummaryHeader   = msg("CLISummaryHeader", "print the token for scripts (default format: bearer)")
	CLISummaryCopy     = msg("CLISummaryCopy", "copy the token to the clipboard, and clear it afterwards")
	CLISummaryRevoke   = msg("CLISummaryRevoke", "revoke the token on the platform, then remove it from the keychain")
	CLISummaryDoctor   = msg("CLISummaryDoctor", "check the keychain, the platform, the clock and the proxy")
	CLISummaryVersion  = msg("CLISummaryVersion", "print the version")
	CLISummaryHelp     = msg("CLISummaryHelp", "show this help, or a command's options")

	CLIBrowserOpen      = msg("CLIBrowserOpen", "Your browser is open to sign in. If it is not, open this link:\n  {{.Link}}")
	CLIOpenLink         = msg("CLIOpenLink", "Open this link in your browser to sign in:\n  {{.Link}}")
	CLIWaitingSignIn    = msg("CLIWaitingSignIn", "Waiting for you to sign in (up to {{.Delay}})…")
	CLISignedIn         = msg("CLISignedIn", "Signed in as {{.Account}} on {{.Platform}}")
	CLINotSignedIn      = msg("CLINotSignedIn", "You were not signed in.")
	CLISignedOutOf      = msg("CLISignedOutOf", "Signed out of {{.Platform}}.")
	CLISessionLeft      = msg("CLISessionLeft", "{{.Platform}} could not be reached to end the session there; it ends on its own.")
	CLITokenStays       = msg("CLITokenStays", "Your personal access token stays in the keychain and keeps working.")
	CLIConfirmGenerate  = msg("CLIConfirmGenerate", "Generate a personal access token for {{.Account}} on {{.Platform}}? It carries all your permissions.")
	CLIConfirmReplace   = msg("CLIConfirmReplace", "Revoke your current token and generate a new one for {{.Account}} on {{.Platform}}? Tools using the current token stop working; the new one carries all your permissions.")
	CLIConfirmRevoke    = msg("CLIConfirmRevoke", "Revoke the personal access token of {{.Account}} on {{.Platform}}? Tools using it stop working.")
	CLINothingGenerated = msg("CLINothingGenerated", "Nothing was generated.")
	CLINothingRevoked   = msg("CLINothingRevoked", "Nothing was revoked.")
	CLIShownOnce        = msg("CLIShownOnce", "Your new token follows; it is shown only this once:")
	CLIGenerated        = msg("CLIGenerated", "Generated a personal access token for {{.Account}} on {{.Platform}}. It is kept in the keychain.")
	CLIItExpires        = msg("CLIItExpires", "It expires {{.Date}} ({{.Relative}}).")
	CLICopyHint         = msg("CLICopyHint", "Copy it for Power Automate with: iobeya-token copy")
	CLIRevokedNone      = msg("CLIRevokedNone", "There was no token in the keychain; {{.Platform}} has no active token for {{.Account}} now.")
	CLIRevoked          = msg("CLIRevoked", "Revoked the token of {{.Account}} on {{.Platform}} and removed it from the keychain.")
	CLICopied           = msg("CLICopied", "Copied {{.What}} to the clipboard ({{.Masked}}).")
	CLIWillClear        = msg("CLIWillClear", "It will be cleared in {{.Delay}}, if it still holds the token (Ctrl+C clears it now).")
	CLICleared          = msg("CLICleared", "Clipboard cleared.")
	CLILeftAsIs         = msg("CLILeftAsIs", "The clipboard holds something else now; it was left as it is.")
	CLIDoctorFailed     = msg("CLIDoctorFailed", "Some checks failed; the lines marked ✗ say what to do. Send this report to your IT support if you need help: it holds no secret.")

	CLIStepRevokeFirst = msg("CLIStepRevokeFirst", "To revoke it and generate a new one: iobeya-token generate --replace")
	CLIStepDamaged     = msg("CLIStepDamaged", "Revoke it and generate a new one: iobeya-token generate --replace")

	CLIDemoMissing     = trouble("CLIDemoMissing", "The demo platform is not part of this program.", "Use your own platform: iobeya-token login --platform acme.iobeya.com")
	CLIDemoBusy        = trouble("CLIDemoBusy", "The demo platform could not start: another program may be using its address.", "Close other copies of iObeya Token and try again, or use your own platform: iobeya-token login --platform acme.iobeya.com")
	CLINoClipboard     = trouble("CLINoClipboard", "No clipboard is available here: {{.Reason}}.", `Use "iobeya-token header" to print the value instead.`)
	CLIClipboardFailed = trouble("CLIClipboardFailed", "The clipboard could not be used ({{.Reason}}).", `Use "iobeya-token header" to print the value instead.`)

	CLIFlagPlatform   = msg("CLIFlagPlatform", "your platform's `address`, e.g. acme.iobeya.com, or demo for the built-in demo platform (kept for next time)")
	CLIFlagNoBrowser  = msg("CLIFlagNoBrowser", "do not open a browser: print the sign-in link and wait")
	CLIFlagTimeout    = msg("CLIFlagTimeout", "how long to wait for you to sign in (a `duration` such as 3m)")
	CLIFlagVerbose    = msg("CLIFlagVerbose", "explain what happens on standard error (tokens are never shown)")
	CLIFlagFormat     = msg("CLIFlagFormat", "`format`: {{.Formats}}")
	CLIFlagClearAfter = msg("CLIFlagClearAfter", "clear the clipboard after this `delay` if it still holds the token; 0: never (default: the setting, 90s)")
	CLIFlagYes        = msg("CLIFlagYes", "confirm without being asked (needed when not on a terminal)")
	CLIFlagReplace    = msg("CLIFlagReplace", "revoke the current token first, then generate a new one")
	CLIFlagJSON       = msg("CLIFlagJSON", "print JSON for scripts")
	CLIFlagOffline    = msg("CLIFlagOffline", "do not ask the platform; read the keychain only")
	CLIFlagLang       = msg("CLIFlagLang", "the `language` to speak: en (English) or fr (French); default: the app's setting, or the system's")
	CLIBadLang        = msg("CLIBadLang", "iobeya-token speaks English and French: --lang {{.Lang}} is not one of them. Use --lang en or --lang fr.")

	CLINoOption         = msg("CLINoOption", "There is no option {{.Option}}.")
	CLIOptionNeedsValue = msg("CLIOptionNeedsValue", "The option {{.Option}} needs a value.")
	CLIBadOptionValue   = msg("CLIBadOptionValue", "The value {{.Value}} of the option {{.Option}} is not valid.")
	CLIEmptyClientID    = msg("CLIEmptyClientID", "The option -client-id is empty. Give the client ID your iObeya administrator registered.")
	CLIEmptyPlatform    = msg("CLIEmptyPlatform", "The option -platform is empty. Give your platform's address, like acme.iobeya.com, or leave the option out to use the one you used last time.")
	CLIClientOptions    = msg("CLIClientOptions", "--client-secret-stdin and --redirect-port go with --client-id.")
	CLINotATerminal     = msg("CLINotATerminal", "Not confirmed: this is not a terminal, so nothing can be asked.\nAdd --yes to confirm.")
	CLIAskYesNo         = msg("CLIAskYesNo", "{{.Question}} [y/N] ")

	// The synopses of the commands' options, after "Usage: iobeya-token
	// COMMAND"; option names stay as they are typed.
	CLIArgsLogin    = msg("CLIArgsLogin", "[--platform ADDRESS] [--client-id ID [--client-secret-stdin] [--redirect-port N]] [--no-browser] [--timeout 3m]")
	CLIArgsGenerate = msg("CLIArgsGenerate", "[--yes] [--replace]")
	CLIArgsStatus   = msg("CLIArgsStatus", "[--json] [--offline]")
	CLIArgsHeader   = msg("CLIArgsHeader", "[--format FORMAT]")
	CLIArgsCopy     = msg("CLIArgsCopy", "[--format FORMAT] [--clear-after 90s]")
	CLIArgsRevoke   = msg("CLIArgsRevoke", "[--yes]")
	CLIArgsHelp     = msg("CLIArgsHelp", "[COMMAND]")

	cliDemoPlace = msg("CLIDemoPlatform", "the demo platform")
)

// The next steps of a status on the command line, shared with CLIHint.
var (
	CLIStepSetUp      = hintSetUp
	CLIStepSignIn     = hintSignIn
	CLIStepGenerate   = hintGenerate
	CLIStepRegenerate = hintRegenerate
)

// Place names the platform in a sentence of the command line: its host as
// users know it, or "the demo platform".
func (w *Words) Place(f Facts) string {
	if f.Demo {
		return w.Say(cliDemoPlace, nil)
	}
	return f.Platform
}
