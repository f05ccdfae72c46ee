package sandbox

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Config tunes a sandbox platform. The zero value is a working platform on a
// free loopback port.
type Config struct {
	Addr           string        // listen address; default "127.0.0.1:0"
	Public         bool          // allow a non-loopback Addr
	TokenTTL       time.Duration // PAT lifetime; default 90 days
	AccessTokenTTL time.Duration // session access-token lifetime; default 1 hour
	AutoApprove    string        // e-mail of a demo account: authorize redirects straight back with a code for it
	Latency        time.Duration // added before every answer
	Faults         []Fault       // injected failures
	StateFile      string        // where PATs, sessions and the signing key survive restarts; empty: memory only
	Log            io.Writer     // one line per request, no secrets; nil: no log
	Now            func() time.Time
	DisableRFC8414 bool   // serve only /.well-known/openid-configuration, to test the client's fallback
	Issuer         string // advertised issuer, to test the mix-up defence; default URL()
	WithoutS256    bool   // advertise code_challenge_methods_supported without S256, to test refusal

	// A platform that offers only the public facts (docs/platform-api.md):
	NoDiscovery bool // both well-known documents answer 404
	NoPATAPI    bool // /v1/personal-access-token answers 404 with a plain page; the web page still works
	NoMe        bool // /v1/me answers 404 with a plain page

	// The confidential client an administrator registered, next to the
	// public ClientID. Empty ConfidentialClientID: none.
	ConfidentialClientID string
	ClientSecret         string // required with ConfidentialClientID; never logged
	ClientRedirectPort   int    // the only loopback port its redirect may use; 0: any port (RFC 8252 §7.3)
	NoPublicClient       bool   // the public ClientID is unknown, as on a real platform: only the confidential client signs in
}

// Defaults of Config.
const (
	DefaultAddr           = "127.0.0.1:0"
	DefaultTokenTTL       = 90 * 24 * time.Hour
	DefaultAccessTokenTTL = time.Hour
)

// Fixed lifetimes of the contract (docs/platform-api.md, section 3).
const (
	codeTTL         = 60 * time.Second
	refreshTokenTTL = 30 * 24 * time.Hour
	pendingTTL      = 10 * time.Minute // how long a sign-in page stays usable
)

// ClientID is the desktop app's public OAuth client id.
const ClientID = "iobeya-token"

// Endpoint names, as used by Count and Fault.
const (
	EndpointDiscovery = "discovery"
	EndpointAuthorize = "authorize"
	EndpointToken     = "token"
	EndpointRevoke    = "revoke"
	EndpointJWKS      = "jwks"
	EndpointPATGet    = "pat.get"
	EndpointPATCreate = "pat.create"
	EndpointPATDelete = "pat.delete"
	EndpointMe        = "me"
	EndpointRooms     = "rooms"
	EndpointBoards    = "boards"
)

var endpointNames = []string{
	EndpointDiscovery, EndpointAuthorize, EndpointToken, EndpointRevoke, EndpointJWKS,
	EndpointPATGet, EndpointPATCreate, EndpointPATDelete, EndpointMe, EndpointRooms, EndpointBoards,
}

// Fault makes an endpoint fail with Status, for a Rate share of its requests.
type Fault struct {
	Endpoint string  // one of the endpoint names
	Status   int     // 400..599
	Rate     float64 // share of requests that fail, in (0, 1]; 0 means 1
}

// ParseFault reads a fault written as ENDPOINT=STATUS[:RATE], e.g.
// "token=500" or "me=503:0.5".
func ParseFault(s string) (Fault, error) {
	const example = `write it as ENDPOINT=STATUS[:RATE], for example "token=500" or "me=503:0.5"`
	name, rest, ok := strings.Cut(s, "=")
	if !ok || name == "" || rest == "" {
		return Fault{}, fmt.Errorf("fault %q: %s", s, example)
	}
	f := Fault{Endpoint: name, Rate: 1}
	status, rate, hasRate := strings.Cut(rest, ":")
	n, err := strconv.Atoi(status)
	if err != nil {
		return Fault{}, fmt.Errorf("fault %q: the status %q is not a number; %s", s, status, example)
	}
	f.Status = n
	if hasRate {
		r, err := strconv.ParseFloat(rate, 64)
		if err != nil || r <= 0 || r > 1 {
			return Fault{}, fmt.Errorf("fault %q: the rate must be a number above 0 and at most 1, like 0.5", s)
		}
		f.Rate = r
	}
	if err := f.validate(); err != nil {
		return Fault{}, err
	}
	return f, nil
}

func (f Fault) validate() error {
	if !knownEndpoint(f.Endpoint) {
		return fmt.Errorf("fault on %q: unknown endpoint; use one of %s", f.Endpoint, strings.Join(endpointNames, ", "))
	}
	if f.Status < 400 || f.Status > 599 {
		return fmt.Errorf("fault on %q: status %d is not an error status (400 to 599)", f.Endpoint, f.Status)
	}
	if f.Rate < 0 || f.Rate > 1 {
		return fmt.Errorf("fault on %q: the rate must be between 0 and 1", f.Endpoint)
	}
	return nil
}

func knownEndpoint(name string) bool {
	for _, n := range endpointNames {
		if n == name {
			return true
		}
	}
	return false
}

// ErrConfig marks every error Start returns for a Config that cannot work
// (as opposed to a busy port or a damaged state file).
var ErrConfig = errors.New("invalid sandbox configuration")

// configError wraps a configuration problem without changing its words.
type configError struct{ err error }

func (e configError) Error() string        { return e.err.Error() }
func (e configError) Unwrap() error        { return e.err }
func (e configError) Is(target error) bool { return target == ErrConfig }

// withDefaults fills in the defaults and checks what can be checked before
// listening.
func (c Config) withDefaults() (Config, error) {
	c, err := c.fill()
	if err != nil {
		return c, configError{err}
	}
	return c, nil
}

func (c Config) fill() (Config, error) {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.TokenTTL == 0 {
		c.TokenTTL = DefaultTokenTTL
	}
	if c.AccessTokenTTL == 0 {
		c.AccessTokenTTL = DefaultAccessTokenTTL
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	switch {
	case c.TokenTTL < time.Second:
		return c, fmt.Errorf("the token lifetime %s must be at least one second", c.TokenTTL)
	case c.AccessTokenTTL < time.Second:
		return c, fmt.Errorf("the access-token lifetime %s must be at least one second", c.AccessTokenTTL)
	case c.Latency < 0:
		return c, fmt.Errorf("the latency %s must not be negative", c.Latency)
	}
	for _, f := range c.Faults {
		if err := f.validate(); err != nil {
			return c, err
		}
	}
	if err := c.checkClient(); err != nil {
		return c, err
	}
	if c.AutoApprove != "" && accountByEmail(c.AutoApprove) == nil {
		return c, fmt.Errorf("auto-approve: %q is not a demo account; use %s", c.AutoApprove, demoEmails())
	}
	return c, nil
}
