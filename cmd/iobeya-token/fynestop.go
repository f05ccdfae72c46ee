package main

import "fyne.io/fyne/v2"

// Fyne 2.7.1 ends its loop in a way that can fail as the app quits. When
// the loop ends it queues the app's stop hook (Fyne sets one of its own,
// the preferences' last save) on a goroutine that hands it back to the
// main thread, while the main thread is closing the queue it hands it to.
// Depending on which comes first, the process panics ("send on closed
// channel") or never exits. With no stop hook nothing is queued, so the
// app takes Fyne's hook out before the loop starts and runs it itself
// once the loop has ended.

// stopHooks is what Fyne's lifecycle offers for its stop hooks.
type stopHooks interface {
	OnStopped() func()
	SetOnStoppedHookExecuted(func())
}

// takeStopHook removes Fyne's own stop hook from a and returns it (nil
// when there is none). ok is false when this Fyne no longer has the
// methods: the workaround is then not in force.
func takeStopHook(a fyne.App) (hook func(), ok bool) {
	l, ok := a.Lifecycle().(stopHooks)
	if !ok {
		return nil, false
	}
	hook = l.OnStopped()
	l.SetOnStoppedHookExecuted(nil)
	return hook, true
}

// runApp runs a's loop; once it has ended it runs then (when not nil),
// then Fyne's own stop hook.
func runApp(a fyne.App, then func()) {
	hook, _ := takeStopHook(a)
	a.Run()
	if then != nil {
		then()
	}
	if hook != nil {
		hook()
	}
}
