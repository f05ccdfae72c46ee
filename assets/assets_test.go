package assets

import (
	"bytes"
	"image"
	"image/png"
	"os/exec"
	"strings"
	"testing"
)

// TestPNGs checks every bitmap decodes at the size the tray hosts and the
// packagers expect; a stale or truncated file from `go generate` fails here.
func TestPNGs(t *testing.T) {
	tests := []struct {
		name string
		png  []byte
		size int
	}{
		{"icon.png", IconPNG, 512},
		{"tray-valid.png", TrayValidPNG, 128},
		{"tray-expiring.png", TrayExpiringPNG, 128},
		{"tray-expired.png", TrayExpiredPNG, 128},
		{"tray-none.png", TrayNonePNG, 128},
		{"tray-unknown.png", TrayUnknownPNG, 128},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := png.Decode(bytes.NewReader(tt.png))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if b := img.Bounds(); b.Dx() != tt.size || b.Dy() != tt.size {
				t.Fatalf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), tt.size, tt.size)
			}
			if opaque(img) == 0 {
				t.Fatal("the icon is blank")
			}
		})
	}
}

// TestTrayIconsDiffer checks no two tray states share a bitmap.
func TestTrayIconsDiffer(t *testing.T) {
	all := map[string][]byte{
		"valid": TrayValidPNG, "expiring": TrayExpiringPNG, "expired": TrayExpiredPNG,
		"none": TrayNonePNG, "unknown": TrayUnknownPNG,
	}
	for a, pa := range all {
		for b, pb := range all {
			if a < b && bytes.Equal(pa, pb) {
				t.Errorf("the %s and %s tray icons are the same image", a, b)
			}
		}
	}
}

// TestSVGs checks the embedded drawings are SVG documents.
func TestSVGs(t *testing.T) {
	for name, svg := range map[string][]byte{
		"icon": IconSVG, "valid": StateValidSVG, "expiring": StateExpiringSVG,
		"expired": StateExpiredSVG, "none": StateNoneSVG, "unknown": StateUnknownSVG,
	} {
		if !bytes.Contains(svg, []byte("<svg")) {
			t.Errorf("the %s drawing is not an SVG document", name)
		}
	}
}

// TestNoFyne checks the package links no GUI toolkit: the tray program
// embeds these icons and must stay free of Fyne's driver and its footprint.
func TestNoFyne(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipped: the go command is not on PATH, so the dependencies cannot be listed")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "fyne.io/") {
			t.Errorf("package assets depends on %s", dep)
		}
	}
}

func opaque(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a > 0 {
				n++
			}
		}
	}
	return n
}
