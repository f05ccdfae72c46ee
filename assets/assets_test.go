package assets

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
)

// TestPNGs checks every bitmap decodes at the size the tray hosts and the
// packagers expect; a stale or truncated file from `go generate` fails here.
func TestPNGs(t *testing.T) {
	tests := []struct {
		res  fyne.Resource
		size int
	}{
		{Icon, 512},
		{TrayValid, 128},
		{TrayExpiring, 128},
		{TrayExpired, 128},
		{TrayNone, 128},
		{TrayUnknown, 128},
	}
	for _, tt := range tests {
		t.Run(tt.res.Name(), func(t *testing.T) {
			img, err := png.Decode(bytes.NewReader(tt.res.Content()))
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
	all := []fyne.Resource{TrayValid, TrayExpiring, TrayExpired, TrayNone, TrayUnknown}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if bytes.Equal(all[i].Content(), all[j].Content()) {
				t.Errorf("%s and %s are the same image", all[i].Name(), all[j].Name())
			}
		}
	}
}

// TestSVGs checks the embedded drawings are SVG documents.
func TestSVGs(t *testing.T) {
	for _, r := range []fyne.Resource{IconSVG, StateValid, StateExpiring, StateExpired, StateNone, StateUnknown} {
		if !bytes.Contains(r.Content(), []byte("<svg")) {
			t.Errorf("%s is not an SVG document", r.Name())
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
