package companion

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// DefaultLockTimeout bounds the wait for another iObeya Token process (the
// app, or a command in another terminal) to finish a write or a refresh.
const DefaultLockTimeout = 45 * time.Second

// ErrBusy says another iObeya Token process held the lock past the deadline.
var ErrBusy = errors.New("another iObeya Token is busy with this")

// crossLock is the lock of one settings folder across processes: refreshes
// of the session and the writes (generate, replace, revoke, sign-out) take
// it, so two processes never interleave them. Within this process it is
// re-entrant: a write that refreshes the session on the way must not wait
// for itself, and the session already serialises its own refreshes here.
type crossLock struct {
	dir string

	mu      sync.Mutex
	held    int
	release func()
}

// lock waits for the lock until ctx ends and returns how to release it.
func (l *crossLock) lock(ctx context.Context) (func(), error) {
	l.mu.Lock()
	if l.held > 0 {
		l.held++
		l.mu.Unlock()
		return l.unlock, nil
	}
	l.mu.Unlock()
	if err := os.MkdirAll(l.dir, 0o700); err != nil {
		return nil, err
	}
	release, err := lockFile(ctx, filepath.Join(l.dir, sessionLockFile))
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	// Whoever obtains the file lock finds no holder here: the file is
	// unlocked only when the count drops to zero.
	l.held, l.release = 1, release
	l.mu.Unlock()
	return l.unlock, nil
}

func (l *crossLock) unlock() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.held--
	if l.held == 0 {
		l.release()
		l.release = nil
	}
}

// beginWrite takes, in order, this process's operation lock and the lock
// shared with other iObeya Token processes, for a write (generate,
// replace, revoke, sign-out); done releases both.
func (c *Core) beginWrite(ctx context.Context) (done func(), err error) {
	if err := c.op.lock(ctx); err != nil {
		return nil, err
	}
	unlock, err := c.writeLock(ctx)
	if err != nil {
		c.op.unlock()
		return nil, err
	}
	return func() { unlock(); c.op.unlock() }, nil
}

// writeLock takes the cross-process lock for a write, waiting at most
// Config.LockTimeout: past it, ErrBusy.
func (c *Core) writeLock(ctx context.Context) (func(), error) {
	lctx, cancel := context.WithTimeout(ctx, c.cfg.LockTimeout)
	defer cancel()
	unlock, err := c.lock.lock(lctx)
	switch {
	case err == nil:
		return unlock, nil
	case ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded):
		c.log.printf("lock: another iObeya Token held the lock for more than %s", c.cfg.LockTimeout)
		return nil, ErrBusy
	}
	return nil, err
}
