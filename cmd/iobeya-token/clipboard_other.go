//go:build !windows

package main

import "fyne.io/fyne/v2"

// windowClipboard is nil: the window uses Fyne's clipboard here.
func windowClipboard() fyne.Clipboard { return nil }
