// Command gen renders the SVG icons of package assets to the PNG files that
// need a bitmap: the application icon and the tray icons (tray hosts on
// Linux and Windows take PNG or ICO only). Run it with `go generate ./assets`.
package main

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
)

// renders lists what is drawn: source SVG, target PNG, edge in pixels.
var renders = []struct {
	svg, png string
	size     float32
}{
	{"icon.svg", "icon.png", 512},
	{"state-valid.svg", "tray-valid.png", 128},
	{"state-expiring.svg", "tray-expiring.png", 128},
	{"state-expired.svg", "tray-expired.png", 128},
	{"state-none.svg", "tray-none.png", 128},
	{"state-unknown.svg", "tray-unknown.png", 128},
}

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	test.NewApp() // the software painter reads the current app's theme
	for _, r := range renders {
		if err := render(filepath.Join(dir, r.svg), filepath.Join(dir, r.png), r.size); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}

func render(src, dst string, size float32) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	img := canvas.NewImageFromResource(fyne.NewStaticResource(filepath.Base(src), data))
	img.FillMode = canvas.ImageFillContain
	c := software.NewTransparentCanvas()
	c.SetPadded(false)
	c.SetContent(img)
	c.Resize(fyne.NewSize(size, size))
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.Capture()); err != nil {
		return err
	}
	if !strings.HasSuffix(dst, ".png") {
		return fmt.Errorf("%s: not a PNG target", dst)
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}
