//go:build !(linux || freebsd || openbsd || netbsd)

package main

import "github.com/iobeya-token/iobeya-token/internal/words"

// noDisplay: macOS and Windows always have a display for a desktop app.
func noDisplay(*words.Words, func(string) string) string { return "" }
