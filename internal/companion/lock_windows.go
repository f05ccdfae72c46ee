package companion

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes an exclusive LockFileEx lock on f's first byte without
// waiting; busy says another holder has it. unlock releases it and closes f.
func tryLock(f *os.File) (unlock func(), busy bool, err error) {
	h := windows.Handle(f.Fd())
	err = windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, new(windows.Overlapped))
	switch {
	case err == nil:
		return func() { _ = windows.UnlockFileEx(h, 0, 1, 0, new(windows.Overlapped)); f.Close() }, false, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION):
		return nil, true, nil
	}
	return nil, false, err
}
