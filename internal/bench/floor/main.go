// Command floor is the smallest Fyne program with what iObeya Token shows
// the user: one window with a label and a tray menu with one item. `make
// bench` builds it with the app's flags and measures both side by side;
// what the app costs beyond it is the app's own.
package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// appID is in the style of the app's own (FyneApp.toml), so both keep their
// preferences the same way.
const appID = "io.github.iobeya_token.floor"

func main() {
	a := fyneapp.NewWithID(appID)
	w := a.NewWindow("Floor")
	w.SetContent(widget.NewLabel("Floor"))
	// The app's window size: a bigger window costs the framework more to
	// create and draw, and that cost is not the app's code.
	w.Resize(fyne.NewSize(480, 660))
	if desk, ok := a.(desktop.App); ok {
		desk.SetSystemTrayMenu(fyne.NewMenu("Floor", fyne.NewMenuItem("Show", w.Show)))
		// As the app does with a tray: closing the window hides it.
		w.SetCloseIntercept(w.Hide)
	}
	w.ShowAndRun()
}
