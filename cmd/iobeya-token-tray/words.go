package main

import "github.com/iobeya-token/iobeya-token/internal/words"

// The tray program's own words, from the catalogue; the status line, the
// menu and the expiry notices are package glance's.
var (
	say                 = words.English()
	copyFailedTitle     = say.Say(words.TrayCopyFailed, nil)
	noClipboardBody     = say.Say(words.TrayNoClipboard, nil)
	clipboardFailedBody = say.Say(words.TrayClipboardFailed, nil)
	windowFailedTitle   = say.Say(words.TrayWindowFailed, nil)
	windowFailedBody    = say.Say(words.TrayWindowMissing, nil)
)
