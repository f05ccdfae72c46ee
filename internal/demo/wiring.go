package demo

import (
	"context"
	"net/http"
	"sync"
)

// baseTransport is Go's default: the proxy from the environment, sane
// timeouts. Every platform's requests go through it.
func baseTransport() http.RoundTripper {
	return http.DefaultTransport.(*http.Transport).Clone()
}

// HTTPClient is the client the core uses: requests to the demo platform
// that find it gone make this process serve it (see Transport); the others
// go through Go's default transport.
func (k *Keeper) HTTPClient() *http.Client {
	return &http.Client{Transport: k.Transport(baseTransport())}
}

// KeeperFromEnv is the desktop app's Keeper for the settings folder dir,
// at the address $IOBEYA_TOKEN_DEMO_ADDR names. When that address is not
// acceptable, the Keeper uses Addr and the error says why, for the log.
func KeeperFromEnv(dir string, getenv func(string) string) (*Keeper, error) {
	addr, err := AddrFromEnv(getenv)
	if err != nil {
		addr = Addr
	}
	return NewKeeper(dir, addr), err
}

// Command is the demo platform as a command-line run needs it. The run
// knows its settings folder only once it has read its flags, so the Keeper
// is made when the run first asks for the demo platform (Start); until
// then every request goes straight to the default transport.
type Command struct {
	getenv func(string) string
	base   http.RoundTripper

	mu     sync.Mutex
	keeper *Keeper
}

// NewCommand returns a Command reading the environment with getenv.
func NewCommand(getenv func(string) string) *Command {
	return &Command{getenv: getenv, base: baseTransport()}
}

// Start serves the demo platform for the settings folder dir (or finds it
// served by another process) and returns its address and how to stop it:
// what cli.IO.StartDemo asks for.
func (c *Command) Start(ctx context.Context, dir string) (url string, stop func() error, err error) {
	addr, err := AddrFromEnv(c.getenv)
	if err != nil {
		return "", nil, err
	}
	k := NewKeeper(dir, addr)
	c.mu.Lock()
	c.keeper = k
	c.mu.Unlock()
	url, err = k.Start(ctx)
	if err != nil {
		return "", nil, err
	}
	return url, k.Close, nil
}

// HTTPClient is the client for the run's core. The demo platform may be
// served by another process that quits while the command waits (a sign-in,
// say): once Start was called, the client then serves it here.
func (c *Command) HTTPClient() *http.Client {
	return &http.Client{Transport: commandTransport{c}}
}

type commandTransport struct{ c *Command }

func (t commandTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.c.mu.Lock()
	k := t.c.keeper
	t.c.mu.Unlock()
	if k == nil {
		return t.c.base.RoundTrip(r)
	}
	return k.Transport(t.c.base).RoundTrip(r)
}
