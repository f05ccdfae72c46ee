package companion

import "context"

// opLock serialises the operations that change state (sign-in, sign-out,
// generate, revoke, platform), so a double click cannot race itself. It is
// a one-slot channel rather than a mutex so that waiting for it ends when
// the caller's context does.
type opLock chan struct{}

func newOpLock() opLock { return make(opLock, 1) }

// lock takes the lock, or gives up with ctx's error.
func (l opLock) lock(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case l <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// unlock releases the lock taken by lock.
func (l opLock) unlock() { <-l }
