// Command traybare is the floor of the tray program: a bare
// fyne.io/systray icon with a two-item menu and nothing else, no GL and no
// window. `make bench` builds it with the app's flags and measures it next
// to iobeya-token-tray started as the login entry starts it; what the tray
// program costs beyond it is its own. It ignores its arguments.
package main

import (
	"fyne.io/systray"

	"github.com/iobeya-token/iobeya-token/assets"
)

func main() {
	systray.Run(func() {
		systray.SetIcon(assets.TrayValidPNG)
		systray.SetTitle("Floor")
		systray.SetTooltip("Floor")
		line := systray.AddMenuItem("Floor", "")
		line.Disable()
		quit := systray.AddMenuItem("Quit", "")
		go func() {
			<-quit.ClickedCh
			systray.Quit()
		}()
	}, nil)
}
