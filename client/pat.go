package client

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// PATInfo is what the platform says about the current personal access token.
// It never holds the token.
type PATInfo struct {
	ID         string
	IssuedAt   time.Time
	ExpiresAt  time.Time
	LastUsedAt time.Time // zero when the token was never used
}

// NewPAT is a freshly generated personal access token. Token is shown once by
// the platform; every way of printing a NewPAT leaves it out.
type NewPAT struct {
	ID        string
	Token     string `json:"-"`
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// String prints the token's metadata, never the token.
func (p NewPAT) String() string {
	return fmt.Sprintf("NewPAT{ID: %q, Token: %s, IssuedAt: %s, ExpiresAt: %s}",
		p.ID, redacted, p.IssuedAt.Format(time.RFC3339), p.ExpiresAt.Format(time.RFC3339))
}

// GoString is String, so %#v does not print the token either.
func (p NewPAT) GoString() string { return p.String() }

// Format makes every fmt verb (%v, %+v, %#v, %s, %q, %x, …) print String.
func (p NewPAT) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", p.String())
	default:
		fmt.Fprint(f, p.String())
	}
}

// LogValue keeps the token out of log/slog records.
func (p NewPAT) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", p.ID),
		slog.Time("issuedAt", p.IssuedAt),
		slog.Time("expiresAt", p.ExpiresAt),
	)
}

// patJSON is the wire form of both PAT answers (docs/platform-api.md §4.1-4.2).
type patJSON struct {
	ID         string     `json:"id"`
	Token      string     `json:"token"`
	IssuedAt   time.Time  `json:"issuedAt"`
	ExpiresAt  time.Time  `json:"expiresAt"`
	LastUsedAt *time.Time `json:"lastUsedAt"`
}

func (p *patJSON) check(name string, wantToken bool) error {
	switch {
	case p.ID == "":
		return &respError{endpoint: name, kind: ErrBadResponse, detail: "the token's id is missing"}
	case p.ExpiresAt.IsZero():
		return &respError{endpoint: name, kind: ErrBadResponse, detail: "the expiry date is missing"}
	case wantToken && p.Token == "":
		return &respError{endpoint: name, kind: ErrBadResponse, detail: "the new token is missing"}
	}
	return nil
}

// What the 404 of each call means: only GET answers "no token" in the
// contract's JSON words; anywhere else a 404 is an API the platform does not
// offer there.
const (
	patAPIName = "personal access token API"
	meAPIName  = "who-am-I service (/me)"
)

// GetPAT reads the current PAT's metadata with the session's access token.
// It is ErrNotFound only when the platform says "no active token" in the
// contract's words (404, application/json, code "not_found"); any other 404
// is a *NotOfferedError (ErrUnsupported, and ErrNotAPI for a web page).
func (c *Client) GetPAT(ctx context.Context, accessToken string) (*PATInfo, error) {
	var p patJSON
	u, err := c.apiCall(ctx, request{method: http.MethodGet, want: []int{http.StatusOK}, out: &p}, c.paths.PAT, accessToken)
	if err != nil {
		return nil, notOffered(err, patAPIName, u, true)
	}
	if err := p.check(endpointName(http.MethodGet, u), false); err != nil {
		return nil, err
	}
	info := &PATInfo{ID: p.ID, IssuedAt: p.IssuedAt.UTC(), ExpiresAt: p.ExpiresAt.UTC()}
	if p.LastUsedAt != nil {
		info.LastUsedAt = p.LastUsedAt.UTC()
	}
	return info, nil
}

// CreatePAT generates a PAT with the session's access token, sending the
// user's confirmation ({"confirmed": true}). Call it only right after the
// user confirmed. Only the contract's answer confirms it: 201, sent as
// application/json, with a complete body (id, token, expiresAt); anything
// else is a *NotConfirmedError (ErrNotConfirmed; ErrConflict when one is
// already active).
func (c *Client) CreatePAT(ctx context.Context, accessToken string) (*NewPAT, error) {
	var p patJSON
	body := struct {
		Confirmed bool `json:"confirmed"`
	}{true}
	conf := &confirmation{done: "generated a token", json: true}
	r := request{method: http.MethodPost, json: body, want: []int{http.StatusCreated}, out: &p, confirm: conf}
	u, err := c.apiCall(ctx, r, c.paths.PAT, accessToken)
	if err != nil {
		return nil, notOffered(err, patAPIName, u, false)
	}
	name := endpointName(http.MethodPost, u)
	if err := p.check(name, true); err != nil {
		return nil, &NotConfirmedError{Done: conf.done, Host: u.Host, Endpoint: name, Err: err}
	}
	return &NewPAT{ID: p.ID, Token: p.Token, IssuedAt: p.IssuedAt.UTC(), ExpiresAt: p.ExpiresAt.UTC()}, nil
}

// RevokePAT revokes the current PAT with the session's access token; the
// contract's 204 confirms it, also when there was none. Anything else is a
// *NotConfirmedError.
func (c *Client) RevokePAT(ctx context.Context, accessToken string) error {
	r := request{method: http.MethodDelete, want: []int{http.StatusNoContent}, confirm: &confirmation{done: "revoked the token"}}
	u, err := c.apiCall(ctx, r, c.paths.PAT, accessToken)
	return notOffered(err, patAPIName, u, false)
}

// User is who a token belongs to.
type User struct {
	ID          string `json:"id"`
	Email       string `json:"email"`
	DisplayName string `json:"displayName"`
}

// WhoAmI asks the platform whose token bearer is; a session access token
// works too. A token the platform does not accept is ErrUnauthorized. Where
// the platform has no /me (a 404 of any kind) it is a *NotOfferedError
// (ErrUnsupported): "not offered", not a failure of the token.
func (c *Client) WhoAmI(ctx context.Context, bearer string) (*User, error) {
	var u User
	at, err := c.apiCall(ctx, request{method: http.MethodGet, want: []int{http.StatusOK}, out: &u}, c.paths.Me, bearer)
	if err != nil {
		return nil, notOffered(err, meAPIName, at, false)
	}
	if u.ID == "" && u.Email == "" {
		return nil, &respError{endpoint: endpointName(http.MethodGet, at), kind: ErrBadResponse, detail: "the user is missing"}
	}
	return &u, nil
}

// apiCall sends r, an authenticated call, to path under the API facade and
// returns the URL it used (nil when none could be built).
func (c *Client) apiCall(ctx context.Context, r request, path, bearer string) (*url.URL, error) {
	if bearer == "" {
		return nil, fmt.Errorf("no token to send: %w", ErrUnauthorized)
	}
	u, err := c.apiURL(ctx, path)
	if err != nil {
		if r.confirm != nil {
			// Nothing was sent, and nothing can be reported done.
			return nil, &NotConfirmedError{Done: r.confirm.done, Host: c.Host(), Endpoint: r.method + " " + path, Err: err}
		}
		return nil, err
	}
	r.u, r.bearer = u, bearer
	return u, c.do(ctx, r)
}

// RevokeToken revokes an OAuth access or refresh token at the platform's
// revocation endpoint (RFC 7009), authenticating as the configured OAuth
// client (see WithOAuthClient). hint is "refresh_token", "access_token" or
// empty. Only RFC 7009's 200, received whole and not a web page, confirms
// it; anything else is a *NotConfirmedError.
func (c *Client) RevokeToken(ctx context.Context, token, hint string) error {
	if token == "" {
		return fmt.Errorf("no token to revoke: %w", ErrBadRequest)
	}
	conf := &confirmation{done: "ended the session"}
	m, err := c.Discover(ctx)
	if err != nil {
		return &NotConfirmedError{Done: conf.done, Host: c.Host(), Endpoint: "discovery", Err: err}
	}
	if m.RevocationEndpoint == "" {
		return fmt.Errorf("the platform cannot end sessions (no revocation_endpoint): %w", ErrUnsupported)
	}
	u, _ := url.Parse(m.RevocationEndpoint)
	form := url.Values{"token": {token}}
	if hint != "" {
		form.Set("token_type_hint", hint)
	}
	return c.oauthPost(ctx, u, form, conf)
}
