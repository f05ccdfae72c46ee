//go:build linux || freebsd || netbsd || openbsd || dragonfly

package autostart

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// config points XDG_CONFIG_HOME at a fresh directory and returns where the
// entry goes.
func config(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	return filepath.Join(dir, "autostart", AppID+".desktop")
}

// validate runs desktop-file-validate on path.
func validate(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("desktop-file-validate"); err != nil {
		t.Skip("skipped: desktop-file-validate is not installed (scripts/setup.sh installs desktop-file-utils)")
	}
	out, err := exec.Command("desktop-file-validate", path).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		data, _ := os.ReadFile(path)
		t.Fatalf("desktop-file-validate: %v\n%s\nthe entry:\n%s", err, out, data)
	}
}

// execLine returns the entry's Exec value.
func execLine(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "Exec="); ok {
			return v
		}
	}
	t.Fatalf("no Exec line in\n%s", data)
	return ""
}

// TestEnable: the entry is where the session looks, valid, starts the
// program in the background, and Disable removes it.
func TestEnable(t *testing.T) {
	path := config(t)
	if on, err := Enabled(); on || err != nil {
		t.Fatalf("before Enable: Enabled() = %v, %v; want false", on, err)
	}
	if err := Enable("/usr/bin/iobeya-token"); err != nil {
		t.Fatal(err)
	}
	validate(t, path)
	if got, want := execLine(t, path), "/usr/bin/iobeya-token --background"; got != want {
		t.Errorf("Exec=%s, want %s", got, want)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{"Name=iObeya Token\n", "Icon=" + AppID + "\n", "X-GNOME-Autostart-enabled=true\n", "Comment="} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the entry lacks %q:\n%s", want, data)
		}
	}
	if on, err := Enabled(); !on || err != nil {
		t.Fatalf("after Enable: Enabled() = %v, %v; want true", on, err)
	}
	if err := Disable(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("after Disable the entry is still there: %v", err)
	}
	if on, err := Enabled(); on || err != nil {
		t.Fatalf("after Disable: Enabled() = %v, %v; want false", on, err)
	}
	if err := Disable(); err != nil {
		t.Fatalf("Disable without an entry: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*")); len(left) != 0 {
		t.Fatalf("files left in the autostart folder: %v", left)
	}
}

// TestQuoting: paths with the characters the Desktop Entry specification
// reserves are quoted so the session runs exactly that program.
func TestQuoting(t *testing.T) {
	tests := []struct{ exe, want string }{
		{"/opt/iObeya Token/iobeya-token", `"/opt/iObeya Token/iobeya-token" --background`},
		{`/home/a$b/x"y/bin`, `"/home/a\\$b/x\\"y/bin" --background`},
		{`/home/back\slash/bin`, `"/home/back\\\\slash/bin" --background`},
		{"/home/100%/bin", "/home/100%%/bin --background"},
		{"/home/it's/bin", `"/home/it's/bin" --background`},
		{"/home/é/bin", "/home/é/bin --background"},
	}
	for _, tt := range tests {
		t.Run(tt.exe, func(t *testing.T) {
			path := config(t)
			if err := Enable(tt.exe); err != nil {
				t.Fatal(err)
			}
			validate(t, path)
			if got := execLine(t, path); got != tt.want {
				t.Errorf("Exec=%s\nwant Exec=%s", got, tt.want)
			}
		})
	}
}

// TestEnabledReadsBack: the state comes from the file each time: removed
// or switched off by hand, the entry reads as off.
func TestEnabledReadsBack(t *testing.T) {
	path := config(t)
	if err := Enable("/usr/bin/iobeya-token"); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if on, err := Enabled(); on || err != nil {
		t.Fatalf("after removing the entry by hand: Enabled() = %v, %v; want false", on, err)
	}
	for _, off := range []string{"X-GNOME-Autostart-enabled=false", "Hidden=true"} {
		if err := Enable("/usr/bin/iobeya-token"); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		edited := strings.Replace(string(data), "X-GNOME-Autostart-enabled=true", off, 1)
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		if on, err := Enabled(); on || err != nil {
			t.Fatalf("with %s: Enabled() = %v, %v; want false", off, on, err)
		}
	}
}

// TestReplace: enabling again rewrites the entry for the new path.
func TestReplace(t *testing.T) {
	path := config(t)
	for _, exe := range []string{"/old/iobeya-token", "/new/iobeya-token"} {
		if err := Enable(exe); err != nil {
			t.Fatal(err)
		}
	}
	if got := execLine(t, path); got != "/new/iobeya-token --background" {
		t.Fatalf("Exec=%s, want the new path", got)
	}
}
