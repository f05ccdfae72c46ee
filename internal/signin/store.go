package signin

import (
	"context"
	"errors"
)

// SecretStore keeps secrets, one string per key: the OS keychain.
//
// The contract: Get of a key that holds nothing returns an error matching
// ErrSecretNotFound (errors.Is). Set replaces the whole value or fails
// leaving the previous value or nothing — never a mix. Delete of a key that
// holds nothing returns nil or an error matching ErrSecretNotFound. Every
// call respects ctx's deadline.
type SecretStore interface {
	Get(ctx context.Context, key string) (string, error)
	Set(ctx context.Context, key, value string) error
	Delete(ctx context.Context, key string) error
}

// ErrSecretNotFound is what a SecretStore's Get returns (wrapped or not) for
// a key that holds nothing.
var ErrSecretNotFound = errors.New("nothing is stored under this name")
