package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Keeper keeps the demo platform available to one process. The first
// iObeya Token process to need the demo platform serves it; others use that
// one. When the serving process quits (the command that started it ends,
// say, while the desktop app goes on), the Keeper's transport notices the
// refused connection, serves the platform from this process instead, and
// sends the request again. The state file makes the switch invisible:
// tokens and sessions carry over.
type Keeper struct {
	Dir  string // the settings folder, where the demo platform keeps its state
	addr string // Addr, or a test's address

	mu sync.Mutex
	p  *Platform
}

// NewKeeper returns a Keeper for the demo platform kept in dir, served at
// addr ("" means Addr).
func NewKeeper(dir, addr string) *Keeper {
	if addr == "" {
		addr = Addr
	}
	return &Keeper{Dir: dir, addr: addr}
}

// AddrEnv names the environment variable that moves the demo platform to
// another loopback address, for when another program holds Addr.
const AddrEnv = "IOBEYA_TOKEN_DEMO_ADDR"

// AddrFromEnv returns the demo platform's address: $IOBEYA_TOKEN_DEMO_ADDR
// when set, else Addr. Only 127.0.0.1 with a port is accepted: the demo
// platform never listens beyond this computer.
func AddrFromEnv(getenv func(string) string) (string, error) {
	v := strings.TrimSpace(getenv(AddrEnv))
	if v == "" {
		return Addr, nil
	}
	host, port, err := net.SplitHostPort(v)
	n, perr := strconv.Atoi(port)
	if err != nil || host != "127.0.0.1" || perr != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("%s=%q is not a loopback address like 127.0.0.1:47613", AddrEnv, v)
	}
	return v, nil
}

// Start makes the demo platform available and returns its address.
func (k *Keeper) Start(ctx context.Context) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.p == nil {
		p, err := start(ctx, k.Dir, k.addr)
		if err != nil {
			return "", err
		}
		k.p = p
	}
	return k.p.URL(), nil
}

// Close stops the demo platform if this process serves it.
func (k *Keeper) Close() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	err := k.p.Close()
	k.p = nil
	return err
}

// takeOver serves the platform from this process when the one that served
// it has gone. It reports whether the request is worth sending again.
func (k *Keeper) takeOver(ctx context.Context) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.p == nil || !k.p.Shared() {
		// Never started here, or served here already: nothing to take over.
		return false
	}
	p, err := start(ctx, k.Dir, k.addr)
	if err != nil {
		return false
	}
	k.p = p
	return true
}

// Transport wraps base: requests to the demo platform that meet a refused
// connection make this process serve it, and are sent once more. Requests
// to any other platform go to base untouched.
func (k *Keeper) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &keeperTransport{k: k, base: base}
}

type keeperTransport struct {
	k    *Keeper
	base http.RoundTripper
}

func (t *keeperTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err == nil || req.URL.Host != t.k.addr || !errors.Is(err, syscall.ECONNREFUSED) {
		return resp, err
	}
	if req.Body != nil && req.GetBody == nil {
		return resp, err // the body is spent and cannot be sent again
	}
	if !t.k.takeOver(req.Context()) {
		return resp, err
	}
	again := req.Clone(req.Context())
	if req.GetBody != nil {
		body, berr := req.GetBody()
		if berr != nil {
			return resp, err
		}
		again.Body = body
	}
	return t.base.RoundTrip(again)
}
