package companion

import (
	"context"
	"os"
	"time"
)

// lockFile takes an exclusive lock on path (created if needed), waiting
// until ctx ends. The lock is the open file's: it goes away when the
// process ends, even if it crashes.
func lockFile(ctx context.Context, path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	for {
		unlock, busy, err := tryLock(f)
		switch {
		case err != nil:
			f.Close()
			return nil, err
		case !busy:
			return unlock, nil
		}
		// Held by another process for the length of one refresh: wait a
		// little and try again (neither flock nor LockFileEx can wait on a
		// context).
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}
