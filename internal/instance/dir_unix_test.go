//go:build unix

package instance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDir: the directory is private to the user, under XDG_RUNTIME_DIR or,
// without one, under the temporary directory with the user ID in its name;
// a looser directory is tightened and a symbolic link is refused.
func TestDir(t *testing.T) {
	check := func(t *testing.T, dir string) {
		t.Helper()
		fi, err := os.Lstat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !fi.IsDir() || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, want a 0700 directory", dir, fi.Mode())
		}
		if uid := fi.Sys().(*syscall.Stat_t).Uid; int(uid) != os.Getuid() {
			t.Errorf("%s: owned by %d, want %d", dir, uid, os.Getuid())
		}
	}
	t.Run("runtime dir", func(t *testing.T) {
		run := privateRuntime(t)
		listen(t, ok)
		check(t, filepath.Join(run, dirName))
	})
	t.Run("no runtime dir", func(t *testing.T) {
		t.Setenv("XDG_RUNTIME_DIR", "")
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		listen(t, ok)
		check(t, filepath.Join(tmp, fmt.Sprintf("iobeya-token-%d", os.Getuid())))
	})
	t.Run("loose", func(t *testing.T) {
		run := privateRuntime(t)
		if err := os.Mkdir(filepath.Join(run, dirName), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(run, dirName), 0o755); err != nil { // past the umask
			t.Fatal(err)
		}
		listen(t, ok)
		check(t, filepath.Join(run, dirName))
	})
	t.Run("symlink", func(t *testing.T) {
		run := privateRuntime(t)
		if err := os.Symlink(t.TempDir(), filepath.Join(run, dirName)); err != nil {
			t.Fatal(err)
		}
		_, err := Listen(context.Background(), ok)
		if err == nil || !strings.Contains(err.Error(), "not a directory") {
			t.Fatalf("Listen through a symbolic link: %v, want a refusal", err)
		}
	})
}
