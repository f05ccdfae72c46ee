package testenv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWineRunsAGoProgram: a Windows Go program (the sandbox, which needs
// no cgo) runs in a fresh prefix, prints its usage and exits 0; a usage
// error gives exit 2. It needs the test-only bcryptprimitives.dll: Go's
// runtime takes its random bytes from ProcessPrng before main.
func TestWineRunsAGoProgram(t *testing.T) {
	dir := WindowsBuild(t, WinSandbox)
	w := NewWine(t)
	exe := filepath.Join(dir, WinSandbox)
	r := w.Run(t, "", exe, "--help")
	if r.Code != 0 || !strings.Contains(r.Stdout, "Runs a local demo iObeya platform") {
		t.Fatalf("iobeya-sandbox.exe --help: %s", r)
	}
	if r := w.Run(t, "", exe, "extra"); r.Code != 2 {
		t.Errorf("iobeya-sandbox.exe extra: %s; want exit 2", r)
	}
	if _, err := os.Stat(filepath.Join(w.Prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")); err != nil {
		t.Error(err)
	}
	if !strings.HasPrefix(w.UserProfile(t), filepath.Join(w.Prefix, "drive_c", "users")) {
		t.Error("UserProfile is outside the prefix")
	}
}

// TestWinePrefixesAreApart: what a program writes in one prefix (here a
// file in the user's profile) is not in the next test's.
func TestWinePrefixesAreApart(t *testing.T) {
	a, b := NewWine(t), NewWine(t)
	if a.Prefix == b.Prefix {
		t.Fatal("two prefixes share a folder")
	}
	if err := os.WriteFile(filepath.Join(a.Prefix, "system.reg"), []byte("changed"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(b.Prefix, "system.reg"))
	if err != nil || string(data) == "changed" {
		t.Errorf("a change to one prefix's registry shows in another: %v", err)
	}
}
