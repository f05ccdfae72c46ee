// Package keychain keeps secrets in the operating system's keychain (Secret
// Service on Linux, the macOS Keychain, Windows Credential Manager) through
// go-keyring, with a deadline on every call, errors in plain language, and
// large secrets split across entries in a format that detects partial or
// mixed writes (see frame.go). When no keychain works it says so: there is
// no plain-text fallback, ever.
package keychain
