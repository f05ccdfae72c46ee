// Package secretservice holds the keychain's tests against a real Secret
// Service (gnome-keyring-daemon on a private D-Bus session, started by
// internal/testenv). It has no code of its own.
package secretservice
