package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Metadata is the platform's authorization server metadata (RFC 8414), as
// checked by Discover.
type Metadata struct {
	Issuer                string
	AuthorizationEndpoint string
	TokenEndpoint         string
	RevocationEndpoint    string // empty when the platform has none
	JWKSURI               string // empty when the platform publishes none
	CodeChallengeMethods  []string
	ISSParameterSupported bool // authorization_response_iss_parameter_supported (RFC 9207)
	ScopesSupported       []string
	APIBase               string // the API facade's base URL in use, e.g. https://acme.api.iobeya.com/v1
	Scope                 string // the scope to ask for at sign-in, e.g. "api offline_access"

	// Discovered is false when the platform serves no discovery document
	// and the iObeya profile (public facts) describes it instead: then no
	// issuer check was possible, and the configured host is the defence.
	Discovered bool
	Sources    Sources // where each part came from, for doctor
}

// Source says where a part of the platform's description came from.
type Source string

// Sources of a Metadata's parts.
const (
	SourceDiscovery Source = "discovery document"
	SourceProfile   Source = "iObeya profile (public facts)"
	SourceConfig    Source = "configuration"
)

// Sources says where each part of a Metadata came from.
type Sources struct {
	Endpoints Source // authorization, token, revocation, keys
	APIBase   Source
	Scope     Source
}

// SupportsS256 reports whether sign-in may use PKCE with S256, which it
// requires: the discovery document must list it. Without a document
// nothing is listed; PKCE is sent anyway, since a server that does not know
// it ignores the parameters (RFC 7636 §5).
func (m *Metadata) SupportsS256() bool {
	return !m.Discovered || slices.Contains(m.CodeChallengeMethods, "S256")
}

func (m *Metadata) clone() *Metadata {
	c := *m
	c.CodeChallengeMethods = slices.Clone(m.CodeChallengeMethods)
	c.ScopesSupported = slices.Clone(m.ScopesSupported)
	return &c
}

// metadataJSON is the wire form of the discovery document.
type metadataJSON struct {
	Issuer                string   `json:"issuer"`
	AuthorizationEndpoint string   `json:"authorization_endpoint"`
	TokenEndpoint         string   `json:"token_endpoint"`
	RevocationEndpoint    string   `json:"revocation_endpoint"`
	JWKSURI               string   `json:"jwks_uri"`
	CodeChallengeMethods  []string `json:"code_challenge_methods_supported"`
	ISSParameterSupported bool     `json:"authorization_response_iss_parameter_supported"`
	ScopesSupported       []string `json:"scopes_supported"`
	APIBaseURL            string   `json:"api_base_url"`
}

// IssuerError is a discovery document whose issuer is not the configured
// platform. It matches ErrIssuerMismatch.
type IssuerError struct {
	Platform string // the configured platform's origin
	Issuer   string // what the document claims, shortened and redacted
}

func (e *IssuerError) Error() string {
	return fmt.Sprintf("the sign-in service of %s says it is %q, not %s; check the platform's address, or ask your IT support", e.Platform, e.Issuer, e.Platform)
}

func (e *IssuerError) Unwrap() error { return ErrIssuerMismatch }

// Discover fetches and checks the platform's metadata: RFC 8414 first, the
// OpenID Connect document when that answers 404. The issuer must be the
// configured platform and every endpoint must be https (or loopback http) on
// the platform's host. A successful result is cached on the Client.
func (c *Client) Discover(ctx context.Context) (*Metadata, error) {
	c.mu.Lock()
	m := c.meta
	c.mu.Unlock()
	if m != nil {
		return m.clone(), nil
	}
	m, err := c.discover(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.meta == nil {
		c.meta = m
	}
	m = c.meta
	c.mu.Unlock()
	return m.clone(), nil
}

func (c *Client) discover(ctx context.Context) (*Metadata, error) {
	var doc metadataJSON
	u := c.platformURL(c.paths.Discovery)
	err := c.do(ctx, request{method: http.MethodGet, u: u, want: []int{http.StatusOK}, out: &doc})
	if noDocument(err) {
		doc = metadataJSON{}
		u = c.platformURL(c.paths.DiscoveryFallback)
		err = c.do(ctx, request{method: http.MethodGet, u: u, want: []int{http.StatusOK}, out: &doc})
		if noDocument(err) {
			return c.profile(), nil
		}
	}
	if err != nil {
		return nil, err
	}
	return c.checkMetadata(endpointName(http.MethodGet, u), &doc)
}

// noDocument reports whether a discovery answer says "there is no document
// here": 404 or 410, a web page or redirect, or an answer that is not JSON.
// A 5xx, a network error or a document that breaks the rules is not that:
// the platform has a document and it failed, so the profile must not
// replace it.
func noDocument(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status == http.StatusNotFound || ae.Status == http.StatusGone || ae.WebPage && !errors.Is(ae, ErrServer) && !errors.Is(ae, ErrRateLimited)
	}
	var re *respError
	return errors.As(err, &re) && re.kind == ErrBadResponse && re.detail == notJSON
}

// checkMetadata enforces the rules of docs/platform-api.md §2.
func (c *Client) checkMetadata(name string, d *metadataJSON) (*Metadata, error) {
	if !sameOrigin(d.Issuer, c.platform) {
		return nil, &IssuerError{Platform: c.platform.String(), Issuer: quoteInput(d.Issuer)}
	}
	bad := func(detail string) error {
		return &respError{endpoint: name, kind: ErrBadResponse, detail: detail}
	}
	if d.AuthorizationEndpoint == "" || d.TokenEndpoint == "" {
		return nil, bad("the sign-in endpoints are missing")
	}
	for _, e := range []struct{ field, v string }{
		{"authorization_endpoint", d.AuthorizationEndpoint},
		{"token_endpoint", d.TokenEndpoint},
		{"revocation_endpoint", d.RevocationEndpoint},
		{"jwks_uri", d.JWKSURI},
	} {
		if e.v == "" {
			continue
		}
		if err := c.checkEndpoint(e.v, false); err != nil {
			return nil, &respError{endpoint: name, kind: err, detail: e.field + " " + quoteInput(e.v)}
		}
	}
	m := &Metadata{
		Issuer:                d.Issuer,
		AuthorizationEndpoint: d.AuthorizationEndpoint,
		TokenEndpoint:         d.TokenEndpoint,
		RevocationEndpoint:    d.RevocationEndpoint,
		JWKSURI:               d.JWKSURI,
		CodeChallengeMethods:  d.CodeChallengeMethods,
		ISSParameterSupported: d.ISSParameterSupported,
		ScopesSupported:       d.ScopesSupported,
		Scope:                 chooseScope(d.ScopesSupported),
		Discovered:            true,
		Sources:               Sources{Endpoints: SourceDiscovery, APIBase: SourceDiscovery, Scope: SourceDiscovery},
	}
	if len(d.ScopesSupported) == 0 || m.Scope == ProfileScope {
		m.Sources.Scope = SourceProfile
	}
	switch {
	case c.apiOverride != nil:
		m.APIBase = c.apiOverride.String()
		m.Sources.APIBase = SourceConfig
	case d.APIBaseURL != "":
		if err := c.checkEndpoint(d.APIBaseURL, true); err != nil {
			return nil, &respError{endpoint: name, kind: err, detail: "api_base_url " + quoteInput(d.APIBaseURL)}
		}
		u, _ := url.Parse(d.APIBaseURL)
		m.APIBase = (&url.URL{Scheme: u.Scheme, Host: strings.ToLower(u.Host), Path: strings.TrimSuffix(u.Path, "/")}).String()
	default:
		m.APIBase = DeriveAPIBase(c.platform).String()
		m.Sources.APIBase = SourceProfile
	}
	return m, nil
}

// checkEndpoint returns nil, ErrInsecure or ErrBadResponse for an endpoint
// named by the discovery document. apiFacade allows the facade host of
// docs/platform-api.md §2 (CUSTOMER.api.DOMAIN for CUSTOMER.DOMAIN).
func (c *Client) checkEndpoint(raw string, apiFacade bool) error {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "" || u.User != nil || u.Fragment != "" {
		return ErrBadResponse
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopback(u.Host) {
			return ErrInsecure
		}
	default:
		return ErrBadResponse
	}
	host := normalHost(u)
	if host == normalHost(c.platform) {
		return nil
	}
	if apiFacade && u.Scheme == "https" {
		ph := strings.ToLower(c.platform.Hostname())
		if first, rest, ok := strings.Cut(ph, "."); ok && strings.Contains(rest, ".") {
			want := first + ".api." + rest
			if p := c.platform.Port(); p != "" {
				want += ":" + p
			}
			if host == want {
				return nil
			}
		}
	}
	return ErrBadResponse
}

// normalHost is host[:port] in lower case without the scheme's default port.
func normalHost(u *url.URL) string {
	h, p := strings.ToLower(u.Hostname()), u.Port()
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	if p == "" || (u.Scheme == "https" && p == "443") || (u.Scheme == "http" && p == "80") {
		return h
	}
	return h + ":" + p
}

// sameOrigin reports whether issuer names the platform: same scheme, host
// and port, nothing but one optional trailing slash after it.
func sameOrigin(issuer string, platform *url.URL) bool {
	u, err := url.Parse(issuer)
	if err != nil || u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" {
		return false
	}
	if u.Path != "" && u.Path != "/" {
		return false
	}
	return strings.EqualFold(u.Scheme, platform.Scheme) && normalHost(u) == normalHost(platform)
}

// platformURL is a path on the platform's origin.
func (c *Client) platformURL(path string) *url.URL {
	return &url.URL{Scheme: c.platform.Scheme, Host: c.platform.Host, Path: path}
}

// apiURL is a path under the API facade, discovering it when needed.
func (c *Client) apiURL(ctx context.Context, path string) (*url.URL, error) {
	base := c.apiOverride
	if base == nil {
		m, err := c.Discover(ctx)
		if err != nil {
			return nil, err
		}
		if base, err = url.Parse(m.APIBase); err != nil {
			return nil, &respError{kind: ErrBadResponse, detail: "api_base_url"}
		}
	}
	return &url.URL{Scheme: base.Scheme, Host: base.Host, Path: strings.TrimSuffix(base.Path, "/") + path}, nil
}
