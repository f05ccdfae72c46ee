package testenv

import (
	"context"
	"fmt"
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

// TestWineFirstStartsTogether: the first two programs of a fresh prefix,
// started at the same moment (as the window and the tray program are),
// both run. Debian's Wine keeps the name of its server's folder in the
// prefix's "wineserver" file and throws that file away when its mode is
// not 0400; two first starts then raced to make a new one, and one ended
// with "fixed a temporary directory error, please try running the same
// command again". The server's folder is the test's own, not one in /tmp
// that outlives it.
func TestWineFirstStartsTogether(t *testing.T) {
	dir := WindowsBuild(t, WinSandbox)
	exe := filepath.Join(dir, WinSandbox)
	for range 3 {
		w := NewWine(t)
		info, err := os.Stat(filepath.Join(w.Prefix, "wineserver"))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o400 {
			t.Errorf("the prefix's wineserver file has mode %o; Wine throws it away unless it is 0400", info.Mode().Perm())
		}
		name, err := os.ReadFile(filepath.Join(w.Prefix, "wineserver"))
		if err != nil {
			t.Fatal(err)
		}
		server := filepath.Join(w.tmp, string(name))
		if fi, err := os.Stat(server); err != nil || !fi.IsDir() {
			t.Errorf("the server's folder %s is not there: %v", server, err)
		}
		results := make(chan error, 2)
		for range 2 {
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), WineRunWithin)
				defer cancel()
				out, err := w.Command(ctx, exe, "--help").CombinedOutput()
				if err != nil {
					err = fmt.Errorf("%v: %s", err, out)
				}
				results <- err
			}()
		}
		for range 2 {
			if err := <-results; err != nil {
				t.Fatalf("one of two first starts in a fresh prefix: %v", err)
			}
		}
	}
}
