// Package tokenlimit holds the one size limit for a token on its whole path:
// the platform's answer (client), inspection (internal/token), storage and
// reading (internal/keychain) and display. It imports nothing, so every
// package may use it without changing the direction of imports.
package tokenlimit

// MaxBytes is the largest token iObeya Token handles: real JWTs with many
// claims reach several kilobytes; 64 KiB leaves room for far more. A
// token under this size must make the whole round trip (answer, keychain,
// read back, display) intact.
const MaxBytes = 64 << 10
