package main

// The tray program's own words; the status line, the menu and the expiry
// notices are package glance's.
const (
	copyFailedTitle     = "Could not copy your token"
	noClipboardBody     = "No clipboard program was found. Install xclip (X11) or wl-clipboard (Wayland), then try again."
	clipboardFailedBody = "The clipboard could not be used. Try again, or open iObeya Token and copy it from there."
	windowFailedTitle   = "Could not open iObeya Token"
	windowFailedBody    = "The iobeya-token program was not found next to the tray program. Reinstall iObeya Token, then try again."
)
