//go:build linux || freebsd || openbsd || netbsd

package main

// noDisplay explains why the desktop app cannot open a window here, or is
// empty. Without this check Fyne's driver panics with a stack trace.
func noDisplay(getenv func(string) string) string {
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	return "iobeya-token: there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop app cannot open its window.\n" +
		"Start it from your desktop session, or use the command line: iobeya-token help"
}
