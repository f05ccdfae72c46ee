package client

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Option configures a Client. Options are checked: a bad value makes New fail
// instead of misbehaving later.
type Option func(*Client) error

// WithHTTPClient sends every request through hc (its transport, proxy and
// TLS settings). Redirects are never followed whatever hc says, so a token
// cannot be carried to another address.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("WithHTTPClient: the HTTP client is nil")
		}
		c.base = hc
		return nil
	}
}

// WithTimeout bounds every call (default 15 s). It applies on top of the
// caller's context deadline.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) error {
		if d <= 0 {
			return fmt.Errorf("WithTimeout: %v is not a positive duration", d)
		}
		c.timeout = d
		return nil
	}
}

// WithAPIBase overrides the API facade's base URL (e.g.
// "https://acme.api.iobeya.com/v1"); it wins over the discovery document.
func WithAPIBase(base string) Option {
	return func(c *Client) error {
		u, err := parseAPIBase(base)
		if err != nil {
			return fmt.Errorf("WithAPIBase: %w", err)
		}
		c.apiOverride = u
		return nil
	}
}

// WithPaths replaces request paths; empty fields keep their defaults.
func WithPaths(p Paths) Option {
	return func(c *Client) error {
		m, err := p.merge(DefaultPaths())
		if err != nil {
			return fmt.Errorf("WithPaths: %w", err)
		}
		c.paths = m
		return nil
	}
}

// parseAPIBase accepts an absolute http(s) URL with a path and nothing else;
// plain http only for a loopback host.
func parseAPIBase(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL: %w", quoteInput(s), ErrInvalidAddress)
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http", u.Host == "", u.Opaque != "":
		return nil, fmt.Errorf("%q must be an absolute https:// address: %w", quoteInput(s), ErrInvalidAddress)
	case u.User != nil, u.RawQuery != "", u.Fragment != "", u.ForceQuery:
		return nil, fmt.Errorf("%q must be the API's address alone, without a user name or anything after its path: %w", quoteInput(s), ErrInvalidAddress)
	case u.Scheme == "http" && !IsLoopback(u.Host):
		return nil, fmt.Errorf("%q: %w", quoteInput(s), ErrInsecure)
	}
	if err := checkHost(strings.ToLower(u.Hostname())); err != nil {
		return nil, fmt.Errorf("%q: %s: %w", quoteInput(s), err.Error(), ErrInvalidAddress)
	}
	return &url.URL{Scheme: u.Scheme, Host: strings.ToLower(u.Host), Path: strings.TrimSuffix(u.Path, "/")}, nil
}
