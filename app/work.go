package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
)

// Deadlines of the core calls. Sign-in waits for a person, so it gets the
// sign-in timeout plus a margin for the token exchange.
const (
	statusTimeout   = 20 * time.Second
	actionTimeout   = 30 * time.Second
	keychainTimeout = 10 * time.Second
	demoTimeout     = 30 * time.Second
	loginWait       = 3 * time.Minute
	loginTimeout    = loginWait + 30*time.Second
	quitWait        = 3 * time.Second
)

// run calls the core off the UI goroutine with a deadline, then hands the
// result to done on the UI goroutine.
func run[T any](u *UI, timeout time.Duration, call func(context.Context) (T, error), done func(T, error)) {
	ctx, cancel := context.WithTimeout(u.ctx, timeout)
	start(u, ctx, cancel, call, done)
}

// start is run with a context made beforehand, for a caller that keeps its
// cancel (to offer "Cancel") before the call can possibly finish. Once the
// app is quitting, nothing starts and no result reaches the screen.
func start[T any](u *UI, ctx context.Context, cancel context.CancelFunc, call func(context.Context) (T, error), done func(T, error)) {
	if u.ctx.Err() != nil {
		cancel()
		return
	}
	u.pending++
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		defer cancel()
		v, err := call(ctx)
		if u.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			u.pending--
			done(v, err)
		})
	}()
}

// waitJobs waits for the calls in flight to return, at most d.
func (u *UI) waitJobs(d time.Duration) {
	done := make(chan struct{})
	go func() {
		u.jobs.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
	}
}
