package companion

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestLockFile: a second holder (another open of the file, as another
// process would have) waits for the first, and gives up when its context
// ends.
func TestLockFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), sessionLockFile)
	unlock, err := lockFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := lockFile(ctx, path); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second lock while the first is held: %v, want the context's deadline", err)
	}
	got := make(chan error, 1)
	go func() {
		u, err := lockFile(context.Background(), path)
		if err == nil {
			u()
		}
		got <- err
	}()
	unlock()
	if err := <-got; err != nil {
		t.Fatalf("the lock was not handed on after unlock: %v", err)
	}
}
