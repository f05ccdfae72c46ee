// Package assets holds the application icon and the state icons, drawn as SVG
// and embedded in the binary. The PNG files are rendered from the SVG files by
// `go generate` because tray hosts take bitmaps only.
//
// The package holds plain bytes and imports no GUI toolkit: the tray program
// embeds these icons and must not link Fyne (the window wraps them as Fyne
// resources in package app).
package assets

import _ "embed"

//go:generate go run ./internal/gen .

// The application icon: 512×512 PNG, and the SVG it is rendered from.
var (
	//go:embed icon.png
	IconPNG []byte
	//go:embed icon.svg
	IconSVG []byte
)

// State icons for the window: a shield with a check (valid), a clock
// (expires soon), an octagon with a cross (expired or revoked), an empty
// shield (no token or signed out) and a question mark (could not check).
// Each differs from the others in shape, not only in colour.
var (
	//go:embed state-valid.svg
	StateValidSVG []byte
	//go:embed state-expiring.svg
	StateExpiringSVG []byte
	//go:embed state-expired.svg
	StateExpiredSVG []byte
	//go:embed state-none.svg
	StateNoneSVG []byte
	//go:embed state-unknown.svg
	StateUnknownSVG []byte
)

// Tray icons: the state icons as 128×128 PNG, which every tray host accepts.
var (
	//go:embed tray-valid.png
	TrayValidPNG []byte
	//go:embed tray-expiring.png
	TrayExpiringPNG []byte
	//go:embed tray-expired.png
	TrayExpiredPNG []byte
	//go:embed tray-none.png
	TrayNonePNG []byte
	//go:embed tray-unknown.png
	TrayUnknownPNG []byte
)
