package main

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
)

// systemClipboard is the desktop's clipboard, found anew for each copy (the
// session's display may change).
func systemClipboard() (clipboard.Clipboard, error) { return clipboard.System(os.Getenv) }

// clipTimeout bounds each call to a clipboard program.
const clipTimeout = 5 * time.Second

// clipKeeper puts the token on the clipboard through the desktop's
// clipboard programs and takes it off again after the settings' delay,
// only if the clipboard still holds it: something the user copied since is
// theirs. The value stays in this process's memory until then, as it does
// in the command line's copy.
type clipKeeper struct {
	post   func(func())
	system func() (clipboard.Clipboard, error) // the desktop's clipboard

	mu    sync.Mutex
	cb    clipboard.Clipboard
	value string // what was put, while the countdown runs
	gen   int    // bumped by every put, so an old countdown does nothing
	timer *time.Timer
}

// put copies value, then tells then (on the loop) whether it worked.
func (k *clipKeeper) put(value string, delay time.Duration, then func(error)) {
	go func() {
		cb, err := k.system()
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), clipTimeout)
			err = cb.Write(ctx, value)
			cancel()
		}
		if err == nil {
			k.mu.Lock()
			k.gen++
			gen := k.gen
			if k.timer != nil {
				k.timer.Stop()
				k.timer = nil
			}
			k.cb, k.value = cb, ""
			if delay > 0 {
				k.value = value
				k.timer = time.AfterFunc(delay, func() { k.clear(gen) })
			}
			k.mu.Unlock()
		}
		k.post(func() { then(err) })
	}()
}

// clear empties the clipboard at the end of countdown gen, if it still
// holds our copy.
func (k *clipKeeper) clear(gen int) {
	k.mu.Lock()
	if gen != k.gen {
		k.mu.Unlock()
		return
	}
	cb, value := k.cb, k.value
	k.value, k.timer = "", nil
	k.mu.Unlock()
	if value == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), clipTimeout)
	defer cancel()
	if _, err := clipboard.ClearIfUnchanged(ctx, cb, value); err != nil {
		logf("the clipboard could not be cleared: %v", err)
	}
}

// quit clears what is still ours as the agent ends.
func (k *clipKeeper) quit() {
	k.mu.Lock()
	gen := k.gen
	if k.timer != nil {
		k.timer.Stop()
	}
	k.mu.Unlock()
	k.clear(gen)
}
