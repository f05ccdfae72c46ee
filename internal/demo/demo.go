// Package demo runs the built-in demo platform: the sandbox platform,
// in-process, on a fixed loopback address, with its state kept next to the
// user's settings so a token generated today still works tomorrow.
//
// The address is fixed because the platform's address is its identity: the
// issuer in every token and the name of the keychain entries. When another
// iObeya Token process (the desktop app, or a command) already serves the
// demo platform, a Keeper uses that one instead of starting a second.
package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// Addr is where the demo platform listens.
const Addr = "127.0.0.1:47613"

// URL is the demo platform's address, as the settings and tokens name it.
const URL = "http://" + Addr

// StateFile is the demo platform's state under the settings directory. It
// holds the demo platform's own signing key and hashes of the tokens it
// issued, never a token.
const StateFile = "demo-platform.json"

// ErrPortTaken means another program, not iObeya Token, holds Addr.
var ErrPortTaken = errors.New("port taken")

// Platform is a running demo platform.
type Platform struct {
	url string
	srv *sandbox.Server // nil when another process serves it
}

// start serves the demo platform on addr from this process, or finds the
// one that another iObeya Token process serves there. dir is the settings
// directory.
func start(ctx context.Context, dir, addr string) (*Platform, error) {
	url := "http://" + addr
	// On a first run the settings folder may not exist yet.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("the demo platform could not keep its state in %s: %w", dir, err)
	}
	srv, err := sandbox.Start(sandbox.Config{
		Addr:      addr,
		StateFile: filepath.Join(dir, StateFile),
	})
	if err == nil {
		return &Platform{url: url, srv: srv}, nil
	}
	if !errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("the demo platform could not start: %w", err)
	}
	if servedElsewhere(ctx, url) {
		return &Platform{url: url}, nil
	}
	return nil, fmt.Errorf("the demo platform's port %s is used by another program: %w", addr, ErrPortTaken)
}

// URL is the platform's address.
func (p *Platform) URL() string { return p.url }

// Shared reports whether another process serves the platform.
func (p *Platform) Shared() bool { return p.srv == nil }

// Close stops the platform if this process serves it.
func (p *Platform) Close() error {
	if p == nil || p.srv == nil {
		return nil
	}
	return p.srv.Close()
}

// servedElsewhere reports whether the program on Addr is the demo platform:
// it answers discovery naming itself as the issuer.
func servedElsewhere(ctx context.Context, url string) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/.well-known/oauth-authorization-server", nil)
	if err != nil {
		return false
	}
	c := &http.Client{Transport: &http.Transport{Proxy: nil, DialContext: (&net.Dialer{}).DialContext}}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var md struct {
		Issuer string `json:"issuer"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 64<<10)).Decode(&md) != nil {
		return false
	}
	return md.Issuer == url
}
