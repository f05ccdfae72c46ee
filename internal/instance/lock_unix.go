//go:build unix

package instance

import (
	"errors"
	"os"
	"syscall"
)

// lock takes an exclusive flock on path without waiting; busy says another
// process holds it. The lock belongs to the open file, so it goes away when
// the holder ends, even by kill -9. unlock releases it.
func lock(path string) (unlock func(), busy bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, err
	}
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, false, nil
	case errors.Is(err, syscall.EWOULDBLOCK):
		f.Close()
		return nil, true, nil
	}
	f.Close()
	return nil, false, err
}
