//go:build !windows

package companion

import (
	"os"
	"testing"
)

// assertPrivate fails t unless only the user may read and write path:
// mode 0600, what Linux and macOS guarantee.
func assertPrivate(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("%s has mode %o, want 600", path, mode)
	}
}
