package keychain

import "github.com/zalando/go-keyring"

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

func (goKeyring) Get(service, account string) (string, error) { return keyring.Get(service, account) }
func (goKeyring) Set(service, account, secret string) error {
	return keyring.Set(service, account, secret)
}
func (goKeyring) Delete(service, account string) error { return keyring.Delete(service, account) }

// MockInit replaces the OS keychain, for every Store without WithBackend,
// with an in-memory one. For tests only.
func MockInit() { keyring.MockInit() }

// MockInitWithError replaces the OS keychain with one that fails every call
// with err. For tests only.
func MockInitWithError(err error) { keyring.MockInitWithError(err) }
