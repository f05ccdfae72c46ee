//go:build unix

package companion

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an advisory flock on f without waiting; busy says another
// holder has it. unlock releases it and closes f.
func tryLock(f *os.File) (unlock func(), busy bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, false, nil
	case errors.Is(err, syscall.EWOULDBLOCK), errors.Is(err, syscall.EINTR):
		return nil, true, nil
	}
	return nil, false, err
}
