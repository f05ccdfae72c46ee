//go:build !linux

package trayhost

// Present: macOS and Windows always show tray (menu bar) items.
func Present() bool { return true }
