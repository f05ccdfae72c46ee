//go:build !linux

package main

// hasTrayHost: macOS and Windows always show tray (menu bar) items.
func hasTrayHost() bool { return true }
