package app

import (
	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/assets"
)

// The icons of package assets as Fyne resources. assets itself stays
// Fyne-free because the tray program embeds the same bytes without Fyne.
var (
	// appIcon is the application icon, 512×512 PNG.
	appIcon = fyne.NewStaticResource("icon.png", assets.IconPNG)
	// appIconSVG is the application icon as drawn.
	appIconSVG = fyne.NewStaticResource("icon.svg", assets.IconSVG)

	stateValid    = fyne.NewStaticResource("state-valid.svg", assets.StateValidSVG)
	stateExpiring = fyne.NewStaticResource("state-expiring.svg", assets.StateExpiringSVG)
	stateExpired  = fyne.NewStaticResource("state-expired.svg", assets.StateExpiredSVG)
	stateNone     = fyne.NewStaticResource("state-none.svg", assets.StateNoneSVG)
	stateUnknown  = fyne.NewStaticResource("state-unknown.svg", assets.StateUnknownSVG)

	trayValid    = fyne.NewStaticResource("tray-valid.png", assets.TrayValidPNG)
	trayExpiring = fyne.NewStaticResource("tray-expiring.png", assets.TrayExpiringPNG)
	trayExpired  = fyne.NewStaticResource("tray-expired.png", assets.TrayExpiredPNG)
	trayNone     = fyne.NewStaticResource("tray-none.png", assets.TrayNonePNG)
	trayUnknown  = fyne.NewStaticResource("tray-unknown.png", assets.TrayUnknownPNG)
)
