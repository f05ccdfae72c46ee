package main

import (
	"runtime/debug"
	"time"
)

// releaseStartupMemory hands the memory the start-up freed back to the
// system, once. Drawing the first screens parses fonts (the theme's and a
// system font for each text style): megabytes that are garbage a moment
// later. Go keeps freed memory for reuse and returns it slowly — under
// Xvfb, none of it within 90 s of idling — so the tray app would carry about
// 10 MB it no longer uses all day. A second on, the first frames are drawn.
func releaseStartupMemory() {
	time.AfterFunc(time.Second, debug.FreeOSMemory)
}
