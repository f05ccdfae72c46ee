package instance

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lock takes an exclusive LockFileEx lock on path's first byte without
// waiting; busy says another process holds it. Windows drops the lock when
// the holder ends, even when it is killed. unlock releases it.
func lock(path string) (unlock func(), busy bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, err
	}
	h := windows.Handle(f.Fd())
	err = windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, new(windows.Overlapped))
	switch {
	case err == nil:
		return func() { _ = windows.UnlockFileEx(h, 0, 1, 0, new(windows.Overlapped)); f.Close() }, false, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION):
		f.Close()
		return nil, true, nil
	}
	f.Close()
	return nil, false, err
}
