package main

import "fyne.io/fyne/v2"

// windowClipboard is the window's clipboard on Windows: the one the
// command line and the tray program use, which marks each copy so that
// clipboard history (Win+V) and the cloud clipboard leave it out. Fyne's
// own does not.
func windowClipboard() fyne.Clipboard { return systemClipboard() }
