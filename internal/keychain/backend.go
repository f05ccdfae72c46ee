package keychain

import (
	"errors"
	"sync/atomic"

	"github.com/zalando/go-keyring"
)

// Backend is the OS keychain as this package uses it: blocking calls with
// no deadline. Get and Delete report a missing entry with
// keyring.ErrNotFound or ErrNotFound; Set reports an entry the backend
// cannot hold with keyring.ErrSetDataTooBig or ErrTooLarge. The default is
// go-keyring; tests pass their own with WithBackend.
type Backend interface {
	Get(service, account string) (string, error)
	Set(service, account, secret string) error
	Delete(service, account string) error
}

// goKeyring is the OS keychain through go-keyring's package functions, so
// MockInit and MockInitWithError take effect on it.
type goKeyring struct{}

func (goKeyring) Get(service, account string) (string, error) {
	if err := reachable(); err != nil {
		return "", err
	}
	return keyring.Get(service, account)
}

func (goKeyring) Set(service, account, secret string) error {
	if err := reachable(); err != nil {
		return err
	}
	return keyring.Set(service, account, secret)
}

func (goKeyring) Delete(service, account string) error {
	if err := reachable(); err != nil {
		return err
	}
	return keyring.Delete(service, account)
}

// errNoSession: there is no desktop session to find the keychain in.
var errNoSession = errors.New("no desktop session: no D-Bus session bus address is set and none is at its usual place")

// mocked is set by MockInit and MockInitWithError: the in-memory keychain
// needs no session.
var mocked atomic.Bool

// reachable says whether the OS keychain can be asked at all. Where asking
// without a session would start one behind the user's back (see
// sessionMissing), it answers errNoSession instead.
func reachable() error {
	if !mocked.Load() && sessionMissing() {
		return errNoSession
	}
	return nil
}

// MockInit replaces the OS keychain, for every Store without WithBackend,
// with an in-memory one. For tests only.
func MockInit() { mocked.Store(true); keyring.MockInit() }

// MockInitWithError replaces the OS keychain with one that fails every call
// with err. For tests only.
func MockInitWithError(err error) { mocked.Store(true); keyring.MockInitWithError(err) }
