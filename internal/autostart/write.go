//go:build !windows

package autostart

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFile replaces path with data atomically (a temporary file in the
// same directory, renamed over it), making the directory if needed, so a
// session starting meanwhile reads the old entry or the new one, never
// half of one.
func writeFile(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	defer func() {
		if errors.Is(err, fs.ErrPermission) {
			err = fmt.Errorf("could not turn on starting at login: the folder %s cannot be written to (%w); check its permissions and try again", dir, err)
		}
	}()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after a successful rename there is nothing to remove
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// removeFile removes path; a missing file is not an error.
func removeFile(path string) error {
	err := os.Remove(path)
	switch {
	case err == nil, errors.Is(err, fs.ErrNotExist):
		return nil
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("could not turn off starting at login: %s cannot be removed (%w); check the folder's permissions and try again", path, err)
	}
	return err
}
