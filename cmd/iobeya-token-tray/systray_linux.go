package main

import "fyne.io/systray"

// runTray starts the tray item and calls ready once its properties are on
// the bus: a title, tooltip or icon set before then could be lost (systray
// publishes the values it had when it began exporting, and drops a change
// made in between). On Linux the item needs no loop of its own.
func runTray(ready func()) {
	start, _ := systray.RunWithExternalLoop(nil, nil)
	start()
	ready()
}
