package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// ServeDemoFlag makes the window program serve the demo platform until its
// standard input ends (see cmd/iobeya-token).
const ServeDemoFlag = "--serve-demo"

// demoServer keeps the demo platform served while the settings say demo,
// without linking it: the platform (internal/sandbox, through
// internal/demo) would double this program's size and its memory all day.
// When nothing answers at the demo platform's address, it starts the
// window program as the platform's server, holding its standard input: the
// server ends with the agent. Other processes (the window, the command
// line) use that server, or take over when it goes (internal/demo's
// Keeper).
type demoServer struct {
	program func() (string, error) // the window program

	mu     sync.Mutex
	host   string         // the demo platform's host:port, "" when not in demo
	stdin  io.WriteCloser // the running server's standard input
	exited chan struct{}  // closed when it ends
}

// serveFor sets the demo platform's address (platformURL, when demo) and
// starts its server if nothing answers there.
func (d *demoServer) serveFor(ctx context.Context, demo bool, platformURL string) {
	host := ""
	if u, err := url.Parse(platformURL); demo && err == nil {
		host = u.Host
	}
	d.mu.Lock()
	d.host = host
	d.mu.Unlock()
	if host != "" && !answers(ctx, host) {
		if err := d.ensure(ctx); err != nil {
			logf("the demo platform could not be started: %v", err)
		}
	}
}

// answers reports whether something accepts connections at host.
func answers(ctx context.Context, host string) bool {
	var dialer = net.Dialer{Timeout: time.Second}
	c, err := dialer.DialContext(ctx, "tcp", host)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// ensure starts the server unless the one started is still running, and
// waits until it says it serves.
func (d *demoServer) ensure(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.exited != nil {
		select {
		case <-d.exited:
		default:
			return nil // running: it may be another process's turn to serve
		}
	}
	exe, err := d.program()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, ServeDemoFlag)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	d.stdin, d.exited = stdin, exited
	ready := make(chan bool, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		ready <- line == "serving\n"
		_, _ = io.Copy(io.Discard, stdout)
	}()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	select {
	case ok := <-ready:
		if !ok {
			return errors.New("the demo platform's server did not start")
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close ends the server this agent started.
func (d *demoServer) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stdin != nil {
		_ = d.stdin.Close()
	}
	if d.exited != nil {
		select {
		case <-d.exited:
		case <-time.After(5 * time.Second):
		}
	}
}

// transport wraps base: a request to the demo platform that meets a
// refused connection starts its server and is sent once more.
func (d *demoServer) transport(base http.RoundTripper) http.RoundTripper {
	return roundTripper(func(req *http.Request) (*http.Response, error) {
		resp, err := base.RoundTrip(req)
		d.mu.Lock()
		host := d.host
		d.mu.Unlock()
		if err == nil || host == "" || req.URL.Host != host || !errors.Is(err, syscall.ECONNREFUSED) {
			return resp, err
		}
		if req.Body != nil && req.GetBody == nil {
			return resp, err // the body is spent and cannot be sent again
		}
		if d.ensure(req.Context()) != nil {
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
		return base.RoundTrip(again)
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
