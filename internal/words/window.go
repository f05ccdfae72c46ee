package words

// The window's confirmations, progress lines, passing notices and paste
// hints. Said by package app; exported, like the tray's and the command
// line's.
var (
	WindowGenerateTitle  = msg("WindowGenerateTitle", "Generate a personal access token?")
	WindowGenerateActs   = msg("WindowGenerateActs", "The token acts as you, with all your permissions in iObeya: anyone who has it can do everything you can do.")
	WindowGenerateKeep   = msg("WindowGenerateKeep", "Keep it like a password. iObeya Token keeps it in this computer's keychain and copies it for you when you need it.")
	WindowRevokeAnyTime  = msg("WindowRevokeAnyTime", "You can revoke it at any time.")
	WindowGenerateButton = msg("WindowGenerateButton", "Generate token")

	WindowRenewTitle    = msg("WindowRenewTitle", "Generate a new token?")
	WindowRenewReplaces = msg("WindowRenewReplaces", "Your current token no longer works; the new one takes its place. Give it to everything that used the old one, such as your Power Automate flows.")
	WindowNewActs       = msg("WindowNewActs", "The new token acts as you, with all your permissions in iObeya. Keep it like a password.")
	WindowRenewButton   = msg("WindowRenewButton", "Generate new token")

	WindowReplaceTitle  = msg("WindowReplaceTitle", "Revoke this token and generate a new one?")
	WindowReplaceStops  = msg("WindowReplaceStops", "Your current token stops working at once. Give the new one to everything that used the old one, such as your Power Automate flows.")
	WindowReplaceButton = msg("WindowReplaceButton", "Revoke and generate")

	WindowRevokeTitle  = msg("WindowRevokeTitle", "Revoke your token?")
	WindowRevokeStops  = msg("WindowRevokeStops", "Anything that uses it, such as your Power Automate flows, stops working at once.")
	WindowRevokeFinal  = msg("WindowRevokeFinal", "This cannot be undone. You can generate a new token afterwards.")
	WindowRevokeButton = msg("WindowRevokeButton", "Revoke")

	WindowGenerating   = msg("WindowGenerating", "Generating your token…")
	WindowRegenerating = msg("WindowRegenerating", "Revoking the old token and generating a new one…")
	WindowRevoking     = msg("WindowRevoking", "Revoking your token…")

	WindowReady     = msg("WindowReady", "Your new token is ready.")
	WindowReadyNext = msg("WindowReadyNext", "It is kept in this computer's keychain. Copy it for Power Automate and paste it into your flow.")

	WindowClockExpiring = msg("WindowClockExpiring", "Your token expires {{.Relative}} ({{.Date}}). Generate a new one soon.")
	WindowClockExpired  = msg("WindowClockExpired", "Your token expired on {{.Date}}. Generate a new one.")

	WindowHintToken  = msg("WindowHintToken", "This is the token alone, for a tool that asks for a bearer token. For Power Automate's HTTP action, use Copy for Power Automate instead.")
	WindowHintHeader = msg("WindowHintHeader", "This is a whole header line, for a tool that takes header lines as text. For Power Automate's HTTP action, use Copy for Power Automate instead.")
	WindowHintJSON   = msg("WindowHintJSON", "In your flow's HTTP action, switch Headers to text mode (the button beside Headers), then paste into the box, replacing what it holds.")
	WindowHintBearer = msg("WindowHintBearer", "In your flow's HTTP action, under Headers: type Authorization as the key, then paste into the value beside it.")

	WindowTimeLeft = msg("WindowTimeLeft", "{{.Time}} left to sign in")
)
