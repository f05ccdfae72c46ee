//go:build !(linux || freebsd || openbsd || netbsd)

package main

// noDisplay: macOS and Windows always have a display for a desktop app.
func noDisplay(func(string) string) string { return "" }
