//go:build linux || freebsd || openbsd || netbsd

package main

import "github.com/iobeya-token/iobeya-token/internal/words"

// noDisplay explains why the desktop app cannot open a window here, or is
// empty. Without this check Fyne's driver panics with a stack trace.
func noDisplay(w *words.Words, getenv func(string) string) string {
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	return w.Say(words.AppNoDisplay, nil)
}
