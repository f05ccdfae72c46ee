package app

import (
	"context"
	"sync"
	"time"
)

// quitWait is how long quitting waits for the calls in flight to unwind.
// The deadlines of the calls themselves are the core's.
const quitWait = 3 * time.Second

// worker runs core calls off the UI goroutine and hands their results back
// to it through post (fyne.Do), unless the app is quitting.
type worker struct {
	ctx    context.Context // cancelled on quit: every call derives from it
	cancel context.CancelFunc
	post   func(func()) // runs f on the UI goroutine
	jobs   sync.WaitGroup
	// pending counts the calls in flight, on the UI goroutine.
	pending int
}

func newWorker(post func(func())) *worker {
	w := &worker{post: post}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	return w
}

// run calls the core off the UI goroutine, then hands the result to done on
// the UI goroutine.
func run[T any](w *worker, call func(context.Context) (T, error), done func(T, error)) {
	ctx, cancel := context.WithCancel(w.ctx)
	start(w, ctx, cancel, call, done)
}

// start is run with a context made beforehand, for a caller that keeps its
// cancel (to offer "Cancel") before the call can possibly finish. Once the
// app is quitting, nothing starts and no result reaches the screen.
func start[T any](w *worker, ctx context.Context, cancel context.CancelFunc, call func(context.Context) (T, error), done func(T, error)) {
	if w.ctx.Err() != nil {
		cancel()
		return
	}
	w.pending++
	w.jobs.Add(1)
	go func() {
		defer w.jobs.Done()
		defer cancel()
		v, err := call(ctx)
		if w.ctx.Err() != nil {
			return
		}
		w.post(func() {
			w.pending--
			done(v, err)
		})
	}()
}

// quit cancels every call in flight and waits for them to return, at most d.
func (w *worker) quit(d time.Duration) {
	w.cancel()
	done := make(chan struct{})
	go func() {
		w.jobs.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
	}
}
