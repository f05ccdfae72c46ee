//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/autostart"
)

// TestDesktopStartAtLogin: the switch's real wiring writes an XDG
// autostart entry that desktop-file-validate accepts; its Exec line, run in
// a desktop session with a tray host, registers the tray item and maps no
// window; switching off removes it, and the state is read back.
func TestDesktopStartAtLogin(t *testing.T) {
	requirePrograms(t, "desktop-file-validate")
	e := newDesktopEnv(t)
	bin := binary(t)
	endDetached(t, bin)
	config := filepath.Join(e.home, "config")
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("HOME", e.home)

	var s sessionStart
	if err := s.Enable(bin); err != nil {
		t.Fatal(err)
	}
	if on, err := s.Enabled(); !on || err != nil {
		t.Fatalf("after Enable: Enabled() = %v, %v", on, err)
	}
	entry := filepath.Join(config, "autostart", autostart.AppID+".desktop")
	if out, err := exec.Command("desktop-file-validate", entry).CombinedOutput(); err != nil || len(out) != 0 {
		t.Fatalf("desktop-file-validate %s: %v\n%s", entry, err, out)
	}
	data, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	var exe []string
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "Exec="); ok {
			exe = strings.Fields(v) // the test's paths have no spaces to quote
		}
	}
	if len(exe) != 2 || exe[0] != bin || exe[1] != autostart.BackgroundFlag {
		t.Fatalf("Exec is %q, want %s %s", exe, bin, autostart.BackgroundFlag)
	}

	if _, errOut, code := e.cliCode(t, exe[0], nil, exe[1:]...); code != 0 {
		t.Fatalf("the entry's Exec line: exit %d: %s", code, errOut)
	}
	e.tray.waitForItem(t, 60*time.Second)
	if w := e.visibleWindows(t); len(w) != 0 {
		t.Fatalf("starting at login mapped a window: %v", w)
	}

	if err := s.Disable(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(entry); !os.IsNotExist(err) {
		t.Fatalf("after Disable the entry is still there: %v", err)
	}
	if on, err := s.Enabled(); on || err != nil {
		t.Fatalf("after Disable: Enabled() = %v, %v", on, err)
	}
}
