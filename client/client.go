package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"
)

const (
	defaultTimeout   = 15 * time.Second
	defaultUserAgent = "iobeya-token"
	// ClientID is the desktop app's public OAuth client id.
	ClientID = "iobeya-token"
)

// Client talks to one iObeya platform. It is safe for concurrent use.
type Client struct {
	platform    *url.URL
	apiOverride *url.URL
	paths       Paths
	timeout     time.Duration
	userAgent   string
	base        *http.Client // as configured
	hc          *http.Client // base with our redirect policy, timeout and user agent
	now         func() time.Time
	oauth       OAuthClient

	mu   sync.Mutex
	meta *Metadata // cached successful discovery
}

// New returns a client for the platform typed by the user (see
// ParsePlatform), configured by opts.
func New(platform string, opts ...Option) (*Client, error) {
	p, err := ParsePlatform(platform)
	if err != nil {
		return nil, err
	}
	c := &Client{
		platform:  p,
		paths:     DefaultPaths(),
		timeout:   defaultTimeout,
		userAgent: defaultUserAgent,
		now:       time.Now,
		oauth:     OAuthClient{ID: ClientID},
	}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("client option is nil")
		}
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	c.hc = c.buildHTTPClient()
	return c, nil
}

func (c *Client) buildHTTPClient() *http.Client {
	var hc http.Client
	if c.base != nil {
		hc = *c.base
	}
	if hc.Transport == nil {
		if c.base == nil {
			t := http.DefaultTransport.(*http.Transport).Clone()
			t.Proxy = http.ProxyFromEnvironment
			hc.Transport = t
		} else {
			hc.Transport = http.DefaultTransport
		}
	}
	hc.Transport = &userAgentTransport{base: hc.Transport, ua: c.userAgent}
	// A redirect where an API or OAuth answer is expected is a login wall or
	// a wrong path; following it could carry a token elsewhere.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if hc.Timeout == 0 {
		hc.Timeout = c.timeout
	}
	return &hc
}

// Platform returns (a copy of) the platform's origin.
func (c *Client) Platform() *url.URL {
	u := *c.platform
	return &u
}

// Host returns the platform's host[:port] as users know it, e.g.
// "acme.iobeya.com" or "127.0.0.1:8080".
func (c *Client) Host() string { return c.platform.Host }

// HTTPClient is the HTTP client to hand to golang.org/x/oauth2 (with the
// oauth2.HTTPClient context key): same transport, user agent, timeout and
// redirect policy as the client's own calls.
func (c *Client) HTTPClient() *http.Client { return c.hc }

// Timeout is the per-call time limit.
func (c *Client) Timeout() time.Duration { return c.timeout }

// userAgentTransport sets User-Agent on requests that have none, such as
// the token requests made by x/oauth2.
type userAgentTransport struct {
	base http.RoundTripper
	ua   string
}

func (t *userAgentTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("User-Agent") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("User-Agent", t.ua)
	}
	return t.base.RoundTrip(r)
}

// endpointName names a request in errors: method and path, never a query.
func endpointName(method string, u *url.URL) string {
	return fmt.Sprintf("%s %s", method, u.EscapedPath())
}

// withTimeout bounds a call by the client's timeout.
func (c *Client) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, c.timeout)
}

// String names the client's platform. fmt does not call a field's own
// String for unexported fields, so without this %+v of a Client would print
// its OAuth client secret.
func (c *Client) String() string {
	return fmt.Sprintf("client.Client{platform: %s, oauthClient: %q}", c.platform, c.oauth.ID)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format makes every fmt verb print String.
func (c *Client) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", c.String())
		return
	}
	fmt.Fprint(f, c.String())
}
