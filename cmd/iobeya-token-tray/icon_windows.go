package main

import (
	"bytes"
	"encoding/binary"
	"image/png"

	"github.com/iobeya-token/iobeya-token/internal/glance"
)

// trayPicture is the icon as fyne.io/systray takes it on Windows: an ICO
// (it loads the bytes with LoadImage, which refuses a bare PNG). The ICO
// holds the PNG as it is, which Windows reads since Vista.
func trayPicture(icon glance.Icon) []byte { return icoOf(icon.PNG()) }

// icoOf wraps one PNG picture in an ICO file: the directory header and
// one entry pointing at the PNG's bytes.
func icoOf(pic []byte) []byte {
	w, h := 0, 0
	if cfg, err := png.DecodeConfig(bytes.NewReader(pic)); err == nil {
		w, h = cfg.Width, cfg.Height
	}
	size := func(n int) byte { // 0 stands for 256 (or more)
		if n <= 0 || n >= 256 {
			return 0
		}
		return byte(n)
	}
	var b bytes.Buffer
	b.Grow(22 + len(pic))
	le := binary.LittleEndian
	b.Write(le.AppendUint16(nil, 0))                // reserved
	b.Write(le.AppendUint16(nil, 1))                // type: icon
	b.Write(le.AppendUint16(nil, 1))                // one picture
	b.Write([]byte{size(w), size(h), 0, 0})         // width, height, no palette, reserved
	b.Write(le.AppendUint16(nil, 1))                // colour planes
	b.Write(le.AppendUint16(nil, 32))               // bits per pixel
	b.Write(le.AppendUint32(nil, uint32(len(pic)))) // the picture's length
	b.Write(le.AppendUint32(nil, 22))               // and where it starts
	b.Write(pic)
	return b.Bytes()
}
