// Package assets holds the application icon and the state icons, drawn as SVG
// and embedded in the binary. The PNG files are rendered from the SVG files by
// `go generate` because tray hosts take bitmaps only.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run ./internal/gen .

var (
	//go:embed icon.png
	iconPNG []byte
	//go:embed icon.svg
	iconSVG []byte

	//go:embed state-valid.svg
	validSVG []byte
	//go:embed state-expiring.svg
	expiringSVG []byte
	//go:embed state-expired.svg
	expiredSVG []byte
	//go:embed state-none.svg
	noneSVG []byte
	//go:embed state-unknown.svg
	unknownSVG []byte

	//go:embed tray-valid.png
	trayValidPNG []byte
	//go:embed tray-expiring.png
	trayExpiringPNG []byte
	//go:embed tray-expired.png
	trayExpiredPNG []byte
	//go:embed tray-none.png
	trayNonePNG []byte
	//go:embed tray-unknown.png
	trayUnknownPNG []byte
)

// Icon is the application icon, 512×512 PNG.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)

// IconSVG is the application icon as drawn.
var IconSVG = fyne.NewStaticResource("icon.svg", iconSVG)

// State icons for the window: a shield with a check (valid), a clock
// (expires soon), an octagon with a cross (expired or revoked), an empty
// shield (no token or signed out) and a question mark (could not check).
// Each differs from the others in shape, not only in colour.
var (
	StateValid    = fyne.NewStaticResource("state-valid.svg", validSVG)
	StateExpiring = fyne.NewStaticResource("state-expiring.svg", expiringSVG)
	StateExpired  = fyne.NewStaticResource("state-expired.svg", expiredSVG)
	StateNone     = fyne.NewStaticResource("state-none.svg", noneSVG)
	StateUnknown  = fyne.NewStaticResource("state-unknown.svg", unknownSVG)
)

// Tray icons: the state icons as 128×128 PNG, which every tray host accepts.
var (
	TrayValid    = fyne.NewStaticResource("tray-valid.png", trayValidPNG)
	TrayExpiring = fyne.NewStaticResource("tray-expiring.png", trayExpiringPNG)
	TrayExpired  = fyne.NewStaticResource("tray-expired.png", trayExpiredPNG)
	TrayNone     = fyne.NewStaticResource("tray-none.png", trayNonePNG)
	TrayUnknown  = fyne.NewStaticResource("tray-unknown.png", trayUnknownPNG)
)
