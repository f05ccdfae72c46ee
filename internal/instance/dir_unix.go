//go:build unix

package instance

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Dir returns the endpoint's directory, made if needed, private to the
// user: $XDG_RUNTIME_DIR/iobeya-token, or iobeya-token-<uid> under the
// temporary directory where there is no runtime directory (macOS, some
// minimal sessions).
func Dir() (string, error) {
	var dir string
	if base := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(base) {
		dir = filepath.Join(base, dirName)
	} else {
		dir = filepath.Join(os.TempDir(), fmt.Sprintf("%s-%d", dirName, os.Getuid()))
	}
	return dir, privateDir(dir)
}

// privateDir makes dir 0700 and checks it is a real directory owned by
// this user: in a shared temporary directory another user could have made
// it first, to listen in our place.
func privateDir(dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	switch {
	case !fi.IsDir():
		return fmt.Errorf("%s is not a directory: remove it and start iObeya Token again", dir)
	case !ok || int(st.Uid) != os.Getuid():
		return fmt.Errorf("%s belongs to another user: remove it and start iObeya Token again", dir)
	case fi.Mode().Perm() != 0o700:
		return os.Chmod(dir, 0o700)
	}
	return nil
}
