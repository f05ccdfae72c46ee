//go:build !linux

package main

import "fyne.io/systray"

// runTray runs the tray's native loop on the main thread (macOS needs it)
// until the agent quits; ready is called once the tray has started.
func runTray(ready func()) {
	systray.Run(ready, nil)
}
