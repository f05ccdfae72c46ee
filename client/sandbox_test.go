package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// startSandbox runs an in-process sandbox platform for the test.
func startSandbox(t *testing.T, cfg sandbox.Config) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start(cfg)
	if err != nil {
		t.Fatalf("sandbox.Start: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func newClient(t *testing.T, platform string, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(platform, opts...)
	if err != nil {
		t.Fatalf("client.New(%q): %v", platform, err)
	}
	return c
}

// accessToken signs in through the sandbox's auto-approve: it follows the
// authorization URL without a browser, reads the code from the redirect and
// exchanges it with x/oauth2.
func accessToken(t *testing.T, c *client.Client) *oauth2.Token {
	t.Helper()
	ctx := t.Context()
	m, err := c.Discover(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Nobody listens on this port: the test reads the redirect itself.
	const redirect = "http://127.0.0.1:9/callback"
	cfg := &oauth2.Config{
		ClientID:    client.ClientID,
		Endpoint:    oauth2.Endpoint{AuthURL: m.AuthorizationEndpoint, TokenURL: m.TokenEndpoint, AuthStyle: oauth2.AuthStyleInParams},
		RedirectURL: redirect,
		Scopes:      []string{"personal-access-token", "offline_access"},
	}
	verifier := oauth2.GenerateVerifier()
	state := oauth2.GenerateVerifier()
	resp, err := c.HTTPClient().Get(cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(loc.String(), redirect+"?") {
		t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	q := loc.Query()
	if q.Get("state") != state || q.Get("iss") != m.Issuer || q.Get("code") == "" {
		t.Fatalf("callback parameters: state ok %v, iss %q, code present %v", q.Get("state") == state, q.Get("iss"), q.Get("code") != "")
	}
	tok, err := cfg.Exchange(context.WithValue(ctx, oauth2.HTTPClient, c.HTTPClient()), q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("Exchange: %v", client.Redact(err.Error()))
	}
	return tok
}

func TestSandboxLifecycle(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	ctx := t.Context()

	m, err := c.Discover(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m.Issuer != srv.URL() || m.APIBase != srv.URL()+"/v1" || !m.SupportsS256() || !m.ISSParameterSupported {
		t.Fatalf("Discover = %+v", m)
	}

	tok := accessToken(t, c)
	access := tok.AccessToken
	if tok.RefreshToken == "" {
		t.Fatal("no refresh token")
	}
	if _, err := c.GetPAT(ctx, access); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("GetPAT before create: %v, want ErrNotFound", err)
	}
	pat, err := c.CreatePAT(ctx, access)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreatePAT(ctx, access); !errors.Is(err, client.ErrConflict) {
		t.Fatalf("second CreatePAT: %v, want ErrConflict", err)
	}
	info, err := c.GetPAT(ctx, access)
	if err != nil {
		t.Fatal(err)
	}
	if info.ID != pat.ID || !info.ExpiresAt.Equal(pat.ExpiresAt) || !info.LastUsedAt.IsZero() {
		t.Fatalf("GetPAT = %+v, created %v", info, pat)
	}
	for _, bearer := range []string{pat.Token, access} {
		u, err := c.WhoAmI(ctx, bearer)
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "alice@example.com" || u.ID != "u_alice" || u.DisplayName != "Alice Martin" {
			t.Fatalf("WhoAmI = %+v", u)
		}
	}
	if info, err := c.GetPAT(ctx, access); err != nil || info.LastUsedAt.IsZero() {
		t.Fatalf("after use, GetPAT = %+v, %v; want lastUsedAt set", info, err)
	}
	// A PAT cannot mint or revoke PATs.
	if _, err := c.GetPAT(ctx, pat.Token); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("GetPAT with the PAT: %v, want ErrUnauthorized", err)
	}
	if err := c.RevokePAT(ctx, access); err != nil {
		t.Fatal(err)
	}
	_, err = c.WhoAmI(ctx, pat.Token)
	if !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("WhoAmI after revoke: %v, want ErrUnauthorized", err)
	}
	if strings.Contains(err.Error(), pat.Token[:20]) {
		t.Fatalf("error holds the token: %v", err)
	}
	if err := c.RevokePAT(ctx, access); err != nil {
		t.Fatalf("revoking again: %v", err)
	}
	if _, err := c.GetPAT(ctx, access); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("GetPAT after revoke: %v, want ErrNotFound", err)
	}

	// Ending the session: revoking the refresh token also ends its access
	// token.
	if err := c.RevokeToken(ctx, tok.RefreshToken, "refresh_token"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.WhoAmI(ctx, access); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("access token after the session ended: %v, want ErrUnauthorized", err)
	}
	if err := c.RevokeToken(ctx, tok.RefreshToken, "refresh_token"); err != nil {
		t.Fatalf("revoking an unknown token must succeed: %v", err)
	}
}

func TestSandboxDiscovery(t *testing.T) {
	tests := []struct {
		name    string
		cfg     sandbox.Config
		want    error
		noS256  bool
		wantAPI bool
	}{
		{name: "OpenID Connect fallback", cfg: sandbox.Config{DisableRFC8414: true}},
		{name: "issuer of another platform", cfg: sandbox.Config{Issuer: "https://evil.example"}, want: client.ErrIssuerMismatch},
		{name: "without S256", cfg: sandbox.Config{WithoutS256: true}, noS256: true},
		{name: "discovery down", cfg: sandbox.Config{Faults: []sandbox.Fault{{Endpoint: sandbox.EndpointDiscovery, Status: 503}}}, want: client.ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSandbox(t, tt.cfg)
			m, err := newClient(t, srv.URL()).Discover(t.Context())
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("Discover = %+v, %v; want %v", m, err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.SupportsS256() == tt.noS256 {
				t.Errorf("SupportsS256 = %v", m.SupportsS256())
			}
		})
	}
}

func TestSandboxFaults(t *testing.T) {
	tests := []struct {
		endpoint string
		status   int
		want     error
	}{
		{sandbox.EndpointPATGet, 429, client.ErrRateLimited},
		{sandbox.EndpointPATGet, 500, client.ErrServer},
		{sandbox.EndpointPATCreate, 503, client.ErrServer},
		{sandbox.EndpointPATDelete, 502, client.ErrServer},
		{sandbox.EndpointMe, 403, client.ErrForbidden},
		{sandbox.EndpointRevoke, 500, client.ErrServer},
	}
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	tok := accessToken(t, c)
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.endpoint, tt.status), func(t *testing.T) {
			if err := srv.SetFaults([]sandbox.Fault{{Endpoint: tt.endpoint, Status: tt.status}}); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = srv.SetFaults(nil) })
			ctx := t.Context()
			var err error
			switch tt.endpoint {
			case sandbox.EndpointPATGet:
				_, err = c.GetPAT(ctx, tok.AccessToken)
			case sandbox.EndpointPATCreate:
				_, err = c.CreatePAT(ctx, tok.AccessToken)
			case sandbox.EndpointPATDelete:
				err = c.RevokePAT(ctx, tok.AccessToken)
			case sandbox.EndpointMe:
				_, err = c.WhoAmI(ctx, tok.AccessToken)
			case sandbox.EndpointRevoke:
				err = c.RevokeToken(ctx, tok.RefreshToken, "refresh_token")
			}
			var ae *client.APIError
			if !errors.Is(err, tt.want) || !errors.As(err, &ae) || ae.Status != tt.status {
				t.Fatalf("%s with fault %d: %v, want %v", tt.endpoint, tt.status, err, tt.want)
			}
			if tt.status == 429 && ae.RetryAfter <= 0 {
				t.Errorf("429 without RetryAfter")
			}
		})
	}
}
