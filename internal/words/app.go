package words

// The window's own words: its screens' headings, labels, buttons and
// sentences, its dialogs and the edit menu of its text boxes. Exported and
// said by package app; the IDs start with "App" like the other window
// messages (startup.go). Their French is in locales/app.fr.toml.

// The window's frame: its title, the header and the start-up pages.
var (
	AppTitleDemo      = msg("AppTitleDemo", "iObeya Token — demo platform")
	AppSettings       = msg("AppSettings", "Settings")
	AppDemoBanner     = msg("AppDemoBanner", "Demo platform: its tokens work only on this computer.")
	AppDemoPlatform   = msg("AppDemoPlatform", "Demo platform")
	AppLoading        = msg("AppLoading", "Loading…")
	AppTryAgain       = msg("AppTryAgain", "Try again")
	AppCouldNotStart  = msg("AppCouldNotStart", "iObeya Token could not start.")
	AppCannotStart    = msg("AppCannotStart", "iObeya Token cannot start")
	AppQuit           = msg("AppQuit", "Quit")
	AppBack           = msg("AppBack", "Back")
	AppCancel         = msg("AppCancel", "Cancel")
	AppClose          = msg("AppClose", "Close")
	AppDone           = msg("AppDone", "Done")
	AppLabelAccount   = msg("AppLabelAccount", "Account")
	AppLabelPlatform  = msg("AppLabelPlatform", "Platform")
	AppLabelIssued    = msg("AppLabelIssued", "Issued")
	AppLabelToken     = msg("AppLabelToken", "Token")
	AppCopyTokenOnly  = msg("AppCopyTokenOnly", "Copy token only")
	AppGenerateToken  = msg("AppGenerateToken", "Generate token…")
	AppGenerateNew    = msg("AppGenerateNew", "Generate a new token…")
	AppCheckingServer = msg("AppCheckingServer", "Checking with the platform…")
)

// The platform page: the first run, and "Change…" in the settings.
var (
	AppWelcome          = msg("AppWelcome", "Welcome to iObeya Token")
	AppWelcomeIntro     = msg("AppWelcomeIntro", "Keep your iObeya personal access token safe in this computer's keychain, see when it expires, and copy it for Power Automate in one click.")
	AppAddressLabel     = msg("AppAddressLabel", "Your iObeya platform address")
	AppAddressExample   = msg("AppAddressExample", "For example acme, acme.iobeya.com or https://acme.iobeya.com.")
	AppContinue         = msg("AppContinue", "Continue")
	AppTryDemo          = msg("AppTryDemo", "Try the demo platform")
	AppDemoOffer        = msg("AppDemoOffer", "No account yet, or just looking? The demo platform runs on this computer so you can try everything safely.")
	AppChangePlatform   = msg("AppChangePlatform", "Change platform")
	AppChangeFromDemo   = msg("AppChangeFromDemo", "You are trying the demo platform. Enter your iObeya platform's address to use it instead.")
	AppChangeFrom       = msg("AppChangeFrom", "Enter the address of the iObeya platform to use instead of {{.Platform}}.")
	AppUsingAddress     = msg("AppUsingAddress", "Using {{.Address}}")
	AppCheckingAddress  = msg("AppCheckingAddress", "Checking {{.Address}}…")
	AppStartingDemo     = msg("AppStartingDemo", "Starting the demo platform…")
	AppAdvanced         = msg("AppAdvanced", "Advanced")
	AppClientIDLabel    = msg("AppClientIDLabel", "OAuth client ID (from your iObeya administrator)")
	AppClientSecret     = msg("AppClientSecret", "Client secret (leave empty if it has none)")
	AppClientHint       = msg("AppClientHint", "Only if your administrator registered iObeya Token in Administration → Settings → API. The secret is kept in this computer's keychain.")
	AppClientSetByIT    = msg("AppClientSetByIT", "Set by your IT department for this computer.")
	AppYourPlatform     = msg("AppYourPlatform", "your iObeya platform")
	AppYourAccount      = msg("AppYourAccount", "your usual account")
	AppTheDemoPlatform  = msg("AppTheDemoPlatform", "the demo platform")
	AppOneOfDemoAccount = msg("AppOneOfDemoAccount", "one of its demo accounts")
)

// The sign-in page.
var (
	AppSignInHeading = msg("AppSignInHeading", "Sign in")
	AppSignInButton  = msg("AppSignInButton", "Sign in with your browser")
	AppSignInIntro   = msg("AppSignInIntro", "Sign in to {{.Where}} with {{.Who}}. Your browser opens the sign-in page; come back here once it says you are signed in.")
	AppSignInAgain   = msg("AppSignInAgain", "Your token is still kept on this computer. Sign in to {{.Where}} again to revoke or replace it.")
	AppCopyLink      = msg("AppCopyLink", "Copy sign-in link")
	AppReopenBrowser = msg("AppReopenBrowser", "Open the browser again")
	AppOpeningBrow   = msg("AppOpeningBrowser", "Opening your browser…")
	AppPreparingLink = msg("AppPreparingLink", "Preparing the sign-in link…")
	AppWaitPaste     = msg("AppWaitPaste", "Waiting for you to sign in: paste the link into your browser's address bar.")
	AppWaitBrowser   = msg("AppWaitBrowser", "Finish signing in on the page your browser opened. If you closed it, open the browser again or copy the sign-in link.")
	AppNoBrowser     = msg("AppNoBrowser", "Your browser did not open. Copy the sign-in link and paste it into your browser's address bar.")
	AppLinkCopied    = msg("AppLinkCopied", "Sign-in link copied. Paste it into your browser's address bar.")
)

// The page of a signed-in user without a token.
var (
	AppSignedInAs    = msg("AppSignedInAs", "Signed in as {{.Who}} on {{.Where}}.")
	AppSignedInOn    = msg("AppSignedInOn", "Signed in on {{.Where}}.")
	AppNoTokenTitle  = msg("AppNoTokenTitle", "No token yet")
	AppNoTokenAbout  = msg("AppNoTokenAbout", "A personal access token lets Power Automate and other tools work in iObeya as you. Generate one here: iObeya Token keeps it in this computer's keychain and copies it for you in one click.")
	AppRevokedTitle  = msg("AppRevokedTitle", "Your token is revoked")
	AppRevokedAbout  = msg("AppRevokedAbout", "Anything that used it, such as your Power Automate flows, has stopped working. Generate a new token when you need one, and give it to them.")
	AppRevokedNotice = msg("AppRevokedNotice", "Your token is revoked.")
	AppRevokedNext   = msg("AppRevokedNext", "Anything that used it has stopped working. Get a new one in the iObeya web app when you need it.")
)

// The token card.
var (
	AppDeadNote        = msg("AppDeadNote", "This token no longer works. Generate a new one, then give it to everything that used the old one.")
	AppUnknownNote     = msg("AppUnknownNote", "The platform could not be reached to check this token; the dates are what the token itself says.")
	AppCheckNow        = msg("AppCheckNow", "Check now")
	AppOtherFormats    = msg("AppOtherFormats", "Other formats…")
	AppRevoke          = msg("AppRevoke", "Revoke…")
	AppRevokeAndNew    = msg("AppRevokeAndNew", "Revoke and generate new…")
	AppSignInEllipsis  = msg("AppSignInEllipsis", "Sign in…")
	AppSignedOutOnCard = msg("AppSignedOutOnCard", "You are signed out. The token still works; sign in again to revoke or replace it.")
)

// The dialog of a new token the keychain could not keep.
var (
	AppUnstoredTitle = msg("AppUnstoredTitle", "Save your new token now")
	AppUnstoredNote  = msg("AppUnstoredNote", "Nothing was written to a file. Once you close this window, the token cannot be shown again: if you lose it, revoke it and generate a new one.")
	AppSavedIt       = msg("AppSavedIt", "I have saved it")
)

// The settings page.
var (
	AppChange           = msg("AppChange", "Change…")
	AppSignOut          = msg("AppSignOut", "Sign out")
	AppSignedOut        = msg("AppSignedOut", "Signed out")
	AppClearLabel       = msg("AppClearLabel", "Clear the clipboard after copying the token")
	AppClearNever       = msg("AppClearNever", "Never")
	AppClearSeconds     = plural("AppClearSeconds", "After {{.Count}} second", "After {{.Count}} seconds")
	AppClearMinutes     = plural("AppClearMinutes", "After {{.Count}} minute", "After {{.Count}} minutes")
	AppWarnLabel        = msg("AppWarnLabel", "Warn me before the token expires")
	AppWarnDays         = plural("AppWarnDays", "{{.Count}} day before", "{{.Count}} days before")
	AppNotifyCheck      = msg("AppNotifyCheck", "Show notifications when the token needs attention")
	AppStartInTray      = msg("AppStartInTray", "Start in the tray, without opening this window")
	AppLanguageLabel    = msg("AppLanguageLabel", "Language")
	AppSignedOutHere    = msg("AppSignedOutHere", "You are signed out on this computer.")
	AppSignedOutHereNxt = msg("AppSignedOutHereNext", "The platform could not be told; your session there ends by itself.")
	AppSignedOutDone    = msg("AppSignedOutDone", "You are signed out.")
)

// The clipboard's countdown and its notification on quitting.
var (
	AppCopied            = msg("AppCopied", "Copied")
	AppCopiedWhat        = msg("AppCopiedWhat", "Copied {{.What}}")
	AppCopiedNotCleared  = msg("AppCopiedNotCleared", "{{.Copied}} — the clipboard is not cleared automatically (see Settings).")
	AppCopiedClearsIn    = msg("AppCopiedClearsIn", "{{.Copied}} — clipboard clears in {{.In}}")
	AppClipboardCleared  = msg("AppClipboardCleared", "Clipboard cleared.")
	AppClipClearedTitle  = msg("AppClipClearedTitle", "Clipboard cleared")
	AppClipClearedOnQuit = msg("AppClipClearedOnQuit", "iObeya Token emptied the clipboard as it quit, so the token cannot be pasted by mistake. Open iObeya Token and copy it again when you need it.")
)

// Bringing a token in from the iObeya web app, and revoking it there.
var (
	AppBringButton      = msg("AppBringButton", "Get a token from the iObeya web app…")
	AppBringTitle       = msg("AppBringTitle", "Get a token from the iObeya web app")
	AppBringIntro       = msg("AppBringIntro", "Your platform makes tokens in its web app. Open it, generate your token there and click Copy: iObeya Token picks it up from the clipboard, checks it and keeps it in the keychain.")
	AppBringOpen        = msg("AppBringOpen", "Open the iObeya web app")
	AppBringWatching    = msg("AppBringWatching", "Waiting for you to copy the token (up to two minutes)…")
	AppBringPasteLabel  = msg("AppBringPasteLabel", "Or paste the token here:")
	AppBringKeep        = msg("AppBringKeep", "Keep this token")
	AppBringChecking    = msg("AppBringChecking", "Checking the token with the platform…")
	AppRevokeWebTitle   = msg("AppRevokeWebTitle", "Revoke your token in the iObeya web app")
	AppRevokeWebIntro   = msg("AppRevokeWebIntro", "This token was made in the iObeya web app, so it is revoked there: open the web app, choose Revoke this token, and confirm.")
	AppRevokeWebThen    = msg("AppRevokeWebThen", "Then come back: iObeya Token checks that the platform no longer accepts the token, and only then removes its copy from this computer.")
	AppRevokeWebDone    = msg("AppRevokeWebDone", "I have revoked it")
	AppRevokeWebConfirm = msg("AppRevokeWebConfirm", "Remove the token from this computer?")
	AppRemove           = msg("AppRemove", "Remove")
)

// The edit menu of the window's text boxes, which Fyne builds with its own
// words: the window hands it these (app/fynewords.go), so the menu follows
// the language chosen here rather than Fyne's guess from the system.
var (
	AppEditCut       = msg("AppEditCut", "Cut")
	AppEditCopy      = msg("AppEditCopy", "Copy")
	AppEditPaste     = msg("AppEditPaste", "Paste")
	AppEditSelectAll = msg("AppEditSelectAll", "Select all")
	AppEditUndo      = msg("AppEditUndo", "Undo")
	AppEditRedo      = msg("AppEditRedo", "Redo")
)
