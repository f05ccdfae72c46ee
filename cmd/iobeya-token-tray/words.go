package main

import (
	"errors"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// The tray program's own words, from the catalogue, said at run time in
// the language the settings choose (the agent's w); the status line, the
// menu and the expiry notices are package glance's.

// copyFailedTitle heads a notice that a copy from the tray failed.
func copyFailedTitle(w *words.Words) string { return w.Say(words.TrayCopyFailed, nil) }

// windowFailed is the notice that the window could not be started.
func windowFailed(w *words.Words) (title, body string) {
	return w.Say(words.TrayWindowFailed, nil), w.Say(words.TrayWindowMissing, nil)
}

// clipboardProblem puts a clipboard failure in words.
func clipboardProblem(w *words.Words, err error) string {
	if errors.Is(err, clipboard.ErrNoClipboard) {
		return w.Say(words.TrayNoClipboard, nil)
	}
	return w.Say(words.TrayClipboardFailed, nil)
}
