package companion

import "time"

// The core puts a deadline on every network and keychain call itself, from
// the durations below (or Config's overrides). Front ends pass a context
// they can cancel (the window closing, Ctrl-C) and nothing more: no
// timeouts of their own, which would only cut the core's steps short with
// less precise words.
//
// The sign-in's wait for the browser is bounded by LoginOptions.Timeout
// (signin.DefaultTimeout when zero); waiting for the operation lock is
// bounded by the operation that holds it, since every step inside has one
// of these deadlines, and by the caller's context.
const (
	// DefaultCallTimeout bounds each call to the platform.
	DefaultCallTimeout = 15 * time.Second
	// DefaultStatusTimeout bounds the platform checks of Status, which run
	// in parallel; past it the state is unknown.
	DefaultStatusTimeout = 10 * time.Second
	// DefaultKeychainTimeout bounds each of the core's keychain steps, on
	// top of the keychain's own deadlines.
	DefaultKeychainTimeout = 15 * time.Second
)
