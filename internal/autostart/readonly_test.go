//go:build linux

package autostart

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// envReadOnly, set to an autostart folder, makes the test binary try
// Enable there and print the outcome (see TestReadOnly).
const envReadOnly = "IOBEYA_AUTOSTART_READONLY"

func TestMain(m *testing.M) {
	if dir := os.Getenv(envReadOnly); dir != "" {
		fmt.Println(readOnlyOutcome(dir))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// readOnlyOutcome tries Enable with dir as the autostart folder and says
// what is wrong, or "ok".
func readOnlyOutcome(dir string) string {
	err := Enable("/usr/bin/iobeya-token")
	switch {
	case err == nil:
		return "Enable in a read-only folder succeeded"
	case !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "check its permissions"):
		return "the error does not say which folder and what to do: " + err.Error()
	}
	if on, err := Enabled(); on || err != nil {
		return fmt.Sprintf("after a failed Enable: Enabled() = %v, %v; want false", on, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		return fmt.Sprintf("files left behind: %v", left)
	}
	return "ok"
}

// TestReadOnly: an autostart folder that cannot be written gives an error
// that names the folder and what to do, and leaves nothing behind. Root
// writes anywhere, so as root the check runs in a copy of this test binary
// as the user nobody.
func TestReadOnly(t *testing.T) {
	// Not t.TempDir: its parent is private to root, and nobody must reach it.
	base, err := os.MkdirTemp("", "autostart-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(base, "autostart"), 0o700); _ = os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(base, "autostart")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		t.Setenv("XDG_CONFIG_HOME", base)
		if got := readOnlyOutcome(dir); got != "ok" {
			t.Fatal(got)
		}
		return
	}
	self := filepath.Join(base, "autostart.test")
	if err := copyExecutable(self); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, self)
	cmd.Env = []string{envReadOnly + "=" + dir, "XDG_CONFIG_HOME=" + base, "HOME=" + base, "PATH=" + os.Getenv("PATH")}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("running the check as nobody: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "ok" {
		t.Fatal(got)
	}
}

// copyExecutable copies this test binary to path, executable by everyone.
func copyExecutable(path string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	src, err := os.Open(self)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
