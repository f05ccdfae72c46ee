package client

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestDiscover(t *testing.T) {
	f := newFakePlatform(t)
	c := f.client(t)
	m, err := c.Discover(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	base := f.srv.URL
	want := Metadata{
		Issuer:                base,
		AuthorizationEndpoint: base + "/auth/authorize",
		TokenEndpoint:         base + "/auth/token",
		RevocationEndpoint:    base + "/auth/revoke",
		JWKSURI:               base + "/auth/jwks",
		ISSParameterSupported: true,
		APIBase:               base + facadeBase,
		Scope:                 "personal-access-token offline_access",
		Discovered:            true,
		Sources:               Sources{Endpoints: SourceDiscovery, APIBase: SourceDiscovery, Scope: SourceDiscovery},
	}
	got := *m
	got.CodeChallengeMethods, got.ScopesSupported = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Discover =\n %+v\nwant\n %+v", got, want)
	}
	if !m.SupportsS256() {
		t.Error("SupportsS256 = false")
	}
	if strings.Join(m.ScopesSupported, " ") != "personal-access-token offline_access" {
		t.Errorf("ScopesSupported = %q", m.ScopesSupported)
	}

	// Cached: a second call and concurrent calls do not ask again, and
	// callers cannot change the cache.
	m.CodeChallengeMethods[0] = "plain"
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			m2, err := c.Discover(t.Context())
			if err != nil || !m2.SupportsS256() {
				t.Errorf("cached Discover = %+v, %v", m2, err)
			}
		})
	}
	wg.Wait()
	if n := f.count("/.well-known/oauth-authorization-server"); n != 1 {
		t.Errorf("discovery fetched %d times, want 1", n)
	}
}

func TestDiscoverFallback(t *testing.T) {
	tests := []struct {
		name     string
		primary  http.HandlerFunc // nil: 404 from the mux
		wantErr  error
		wantOIDC int64
	}{
		{name: "404 falls back to OpenID Connect", primary: nil, wantOIDC: 1},
		{name: "404 html falls back too", primary: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(404)
		}, wantOIDC: 1},
		{name: "500 does not fall back", primary: apiErr(500, "server_error", "down"), wantErr: ErrServer},
		{name: "401 does not fall back", primary: apiErr(401, "unauthorized", "no"), wantErr: ErrUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakePlatform(t)
			doc := f.meta
			f.mux = http.NewServeMux() // drop the default discovery handler
			if tt.primary != nil {
				f.mux.HandleFunc("GET /.well-known/oauth-authorization-server", tt.primary)
			}
			f.mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 200, doc)
			})
			m, err := f.client(t).Discover(t.Context())
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Discover error %v, want %v", err, tt.wantErr)
				}
			} else if err != nil || m.TokenEndpoint != f.srv.URL+"/auth/token" {
				t.Fatalf("Discover = %+v, %v", m, err)
			}
			if n := f.count("/.well-known/openid-configuration"); n != tt.wantOIDC {
				t.Errorf("fallback fetched %d times, want %d", n, tt.wantOIDC)
			}
		})
	}
}

// TestDiscoverProfile: a platform without discovery documents is described
// by the iObeya profile (issue 11 item 1); a platform whose document fails
// is not.
func TestDiscoverProfile(t *testing.T) {
	html := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			_, _ = w.Write([]byte("<html>Sign in</html>"))
		}
	}
	notJSONDoc := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("hello"))
	}
	redirect := func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/s/login", http.StatusFound) }
	tests := []struct {
		name          string
		primary, oidc http.HandlerFunc // nil: 404 from the mux
		wantProfile   bool
		wantErr       error
	}{
		{name: "both 404", wantProfile: true},
		{name: "both html 200", primary: html(200), oidc: html(200), wantProfile: true},
		{name: "html 404 then redirect", primary: html(404), oidc: redirect, wantProfile: true},
		{name: "not JSON then 404", primary: notJSONDoc, wantProfile: true},
		{name: "410 then not JSON", primary: apiErr(410, "gone", "Gone."), oidc: notJSONDoc, wantProfile: true},
		{name: "404 then 503", oidc: apiErr(503, "unavailable", "Down."), wantErr: ErrServer},
		{name: "502 html", primary: html(502), wantErr: ErrServer},
		{name: "404 then a document of another issuer", oidc: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, map[string]any{"issuer": "https://evil.example", "authorization_endpoint": "https://evil.example/a", "token_endpoint": "https://evil.example/t"})
		}, wantErr: ErrIssuerMismatch},
		{name: "404 then JSON cut short", oidc: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"issuer": "ht`))
		}, wantErr: ErrBadResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakePlatform(t)
			f.mux = http.NewServeMux()
			if tt.primary != nil {
				f.mux.HandleFunc("GET /.well-known/oauth-authorization-server", tt.primary)
			}
			if tt.oidc != nil {
				f.mux.HandleFunc("GET /.well-known/openid-configuration", tt.oidc)
			}
			m, err := f.client(t).Discover(t.Context())
			if !tt.wantProfile {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Discover = %+v, %v; want %v", m, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			base := f.srv.URL
			want := Metadata{
				Issuer:                base,
				AuthorizationEndpoint: base + "/s/oauth/authorize",
				TokenEndpoint:         base + "/s/oauth/token",
				APIBase:               base + "/v1",
				Scope:                 "api offline_access",
				Sources:               Sources{Endpoints: SourceProfile, APIBase: SourceProfile, Scope: SourceProfile},
			}
			if !reflect.DeepEqual(*m, want) {
				t.Errorf("Discover =\n %+v\nwant\n %+v", *m, want)
			}
			if !m.SupportsS256() {
				t.Error("the profile does not let sign-in send PKCE")
			}
		})
	}
}

// TestProfileAPIBase: the profile's facade follows the address table, and
// an override still wins.
func TestProfileAPIBase(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	m, err := remoteClient(t, "acme", srv).Discover(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if m.AuthorizationEndpoint != "https://acme.iobeya.com/s/oauth/authorize" || m.TokenEndpoint != "https://acme.iobeya.com/s/oauth/token" || m.APIBase != "https://acme.api.iobeya.com/v1" {
		t.Errorf("profile of acme = %+v", m)
	}
	m, err = remoteClient(t, "acme", srv, WithAPIBase("https://gw.example.org/iobeya/v1")).Discover(t.Context())
	if err != nil || m.APIBase != "https://gw.example.org/iobeya/v1" || m.Sources.APIBase != SourceConfig || m.Sources.Endpoints != SourceProfile {
		t.Errorf("profile with an override = %+v, %v", m, err)
	}
}

func TestChooseScope(t *testing.T) {
	for _, tt := range []struct {
		supported []string
		want      string
	}{
		{nil, "api offline_access"},
		{[]string{"openid", "profile"}, "api offline_access"},
		{[]string{"offline_access"}, "api offline_access"},
		{[]string{"personal-access-token", "offline_access"}, "personal-access-token offline_access"},
		{[]string{"offline_access", "personal-access-token", "api"}, "api personal-access-token offline_access"},
		{[]string{"api"}, "api"},
	} {
		if got := chooseScope(tt.supported); got != tt.want {
			t.Errorf("chooseScope(%q) = %q, want %q", tt.supported, got, tt.want)
		}
	}
}

func TestDiscoverIssuer(t *testing.T) {
	tests := []struct {
		name   string
		issuer func(base string) string
		ok     bool
	}{
		{"same", func(b string) string { return b }, true},
		{"trailing slash", func(b string) string { return b + "/" }, true},
		{"upper-case host", func(b string) string { return strings.ToUpper(b[:7]) + b[7:] }, true},
		{"other host", func(b string) string { return "http://evil.example" }, false},
		{"localhost for 127.0.0.1", func(b string) string { return strings.Replace(b, "127.0.0.1", "localhost", 1) }, false},
		{"other port", func(b string) string { return b[:strings.LastIndex(b, ":")] + ":1" }, false},
		{"https for http", func(b string) string { return "https" + b[4:] }, false},
		{"path", func(b string) string { return b + "/tenant" }, false},
		{"two slashes", func(b string) string { return b + "//" }, false},
		{"query", func(b string) string { return b + "?x" }, false},
		{"empty", func(b string) string { return "" }, false},
		{"not a URL", func(b string) string { return "::" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakePlatform(t)
			f.meta["issuer"] = tt.issuer(f.srv.URL)
			_, err := f.client(t).Discover(t.Context())
			if tt.ok {
				if err != nil {
					t.Fatalf("Discover: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrIssuerMismatch) {
				t.Fatalf("Discover error %v, want ErrIssuerMismatch", err)
			}
			if !strings.Contains(err.Error(), f.srv.URL) {
				t.Errorf("error %q does not name the platform", err)
			}
		})
	}
}

// TestDiscoverEndpoints checks the endpoint rules on a remote (https,
// non-loopback) platform, where http is insecure.
func TestDiscoverEndpoints(t *testing.T) {
	const platform = "https://acme.iobeya.com"
	tests := []struct {
		name    string
		field   string
		value   any // nil: remove the field
		want    error
		apiBase string
	}{
		{name: "all on the platform", want: nil, apiBase: "https://acme.api.iobeya.com/v1"},
		{name: "http token endpoint", field: "token_endpoint", value: "http://acme.iobeya.com/oauth/token", want: ErrInsecure},
		{name: "http authorization endpoint", field: "authorization_endpoint", value: "http://acme.iobeya.com/oauth/authorize", want: ErrInsecure},
		{name: "http revocation endpoint", field: "revocation_endpoint", value: "http://acme.iobeya.com/oauth/revoke", want: ErrInsecure},
		{name: "http jwks", field: "jwks_uri", value: "http://acme.iobeya.com/jwks", want: ErrInsecure},
		{name: "http api base", field: "api_base_url", value: "http://acme.api.iobeya.com/v1", want: ErrInsecure},
		{name: "token endpoint elsewhere", field: "token_endpoint", value: "https://evil.example/oauth/token", want: ErrBadResponse},
		{name: "token endpoint on a sibling", field: "token_endpoint", value: "https://other.iobeya.com/oauth/token", want: ErrBadResponse},
		{name: "token endpoint on another port", field: "token_endpoint", value: "https://acme.iobeya.com:8443/oauth/token", want: ErrBadResponse},
		{name: "explicit default port", field: "token_endpoint", value: "https://acme.iobeya.com:443/oauth/token", want: nil, apiBase: "https://acme.api.iobeya.com/v1"},
		{name: "relative endpoint", field: "token_endpoint", value: "/oauth/token", want: ErrBadResponse},
		{name: "javascript endpoint", field: "authorization_endpoint", value: "javascript:alert(1)", want: ErrBadResponse},
		{name: "userinfo endpoint", field: "authorization_endpoint", value: "https://x@acme.iobeya.com/a", want: ErrBadResponse},
		{name: "fragment endpoint", field: "authorization_endpoint", value: "https://acme.iobeya.com/a#b", want: ErrBadResponse},
		{name: "missing token endpoint", field: "token_endpoint", value: nil, want: ErrBadResponse},
		{name: "missing authorization endpoint", field: "authorization_endpoint", value: nil, want: ErrBadResponse},
		{name: "no revocation endpoint is fine", field: "revocation_endpoint", value: nil, apiBase: "https://acme.api.iobeya.com/v1"},
		{name: "api base on the facade host", field: "api_base_url", value: "https://acme.api.iobeya.com/v2/", apiBase: "https://acme.api.iobeya.com/v2"},
		{name: "api base on the platform", field: "api_base_url", value: "https://acme.iobeya.com/api/v1", apiBase: "https://acme.iobeya.com/api/v1"},
		{name: "api base of another customer", field: "api_base_url", value: "https://other.api.iobeya.com/v1", want: ErrBadResponse},
		{name: "api base elsewhere", field: "api_base_url", value: "https://api.evil.example/v1", want: ErrBadResponse},
		{name: "no api base: derived", field: "api_base_url", value: nil, apiBase: "https://acme.api.iobeya.com/v1"},
		{name: "wrong type", field: "token_endpoint", value: 42, want: ErrBadResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := map[string]any{
				"issuer":                           platform,
				"authorization_endpoint":           platform + "/oauth/authorize",
				"token_endpoint":                   platform + "/oauth/token",
				"revocation_endpoint":              platform + "/oauth/revoke",
				"jwks_uri":                         platform + "/oauth/jwks",
				"code_challenge_methods_supported": []string{"S256"},
				"api_base_url":                     "https://acme.api.iobeya.com/v1",
			}
			if tt.field != "" {
				if tt.value == nil {
					delete(doc, tt.field)
				} else {
					doc[tt.field] = tt.value
				}
			}
			srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Host != "acme.iobeya.com" || r.URL.Path != "/.well-known/oauth-authorization-server" {
					http.NotFound(w, r)
					return
				}
				writeJSON(w, 200, doc)
			}))
			t.Cleanup(srv.Close)
			m, err := remoteClient(t, platform, srv).Discover(t.Context())
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("Discover = %+v, %v; want %v", m, err, tt.want)
				}
				if s, ok := tt.value.(string); ok && tt.field != "" && !strings.Contains(err.Error(), tt.field) {
					t.Errorf("error %q does not name %s (%s)", err, tt.field, s)
				}
				return
			}
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			if m.APIBase != tt.apiBase {
				t.Errorf("APIBase = %q, want %q", m.APIBase, tt.apiBase)
			}
		})
	}
}

func TestDiscoverAPIBaseOverride(t *testing.T) {
	f := newFakePlatform(t)
	c := f.client(t, WithAPIBase(f.srv.URL+"/elsewhere/v9/"))
	m, err := c.Discover(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if m.APIBase != f.srv.URL+"/elsewhere/v9" {
		t.Errorf("APIBase = %q, want the override", m.APIBase)
	}
	f.mux.HandleFunc("GET /elsewhere/v9/me", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, User{ID: "u_alice", Email: "alice@example.com"})
	})
	if _, err := c.WhoAmI(t.Context(), mintOpaque("at_")); err != nil {
		t.Fatalf("WhoAmI through the override: %v", err)
	}
}

func TestSupportsS256(t *testing.T) {
	for _, tt := range []struct {
		methods []string
		want    bool
	}{
		{[]string{"S256"}, true},
		{[]string{"plain", "S256"}, true},
		{[]string{"plain"}, false},
		{[]string{"s256"}, false},
		{nil, false},
	} {
		if got := (&Metadata{CodeChallengeMethods: tt.methods, Discovered: true}).SupportsS256(); got != tt.want {
			t.Errorf("SupportsS256(%q) = %v", tt.methods, got)
		}
	}
}
