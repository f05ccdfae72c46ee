//go:build !windows

package main

import "github.com/iobeya-token/iobeya-token/internal/glance"

// trayPicture is the icon as fyne.io/systray takes it here: a PNG.
func trayPicture(icon glance.Icon) []byte { return icon.PNG() }
