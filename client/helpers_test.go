package client

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// mintJWT returns a fresh JWT-shaped string (random signature): tests never
// hold a real token, and never a fixed one.
func mintJWT(t testing.TB) string {
	t.Helper()
	enc := base64.RawURLEncoding
	h, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT", "kid": "test"})
	p, _ := json.Marshal(map[string]any{"sub": "u_alice", "exp": time.Now().Add(time.Hour).Unix(), "jti": rand.Text()})
	sig := make([]byte, 256)
	_, _ = rand.Read(sig)
	return enc.EncodeToString(h) + "." + enc.EncodeToString(p) + "." + enc.EncodeToString(sig)
}

// mintOpaque returns a fresh opaque token with the platform's prefix ("at_",
// "rt_").
func mintOpaque(prefix string) string { return prefix + rand.Text() }

// fakePlatform is a platform on an httptest server. Its API facade and OAuth
// endpoints live under paths other than the defaults (/facade/v1,
// /auth/...), so a client that builds URLs by hand instead of from discovery
// fails.
type fakePlatform struct {
	srv  *httptest.Server
	mux  *http.ServeMux
	meta map[string]any // the discovery document; tests may change it before the first call
	hits sync.Map       // path → *atomic.Int64
}

const facadeBase = "/facade/v1"

func newFakePlatform(t testing.TB) *fakePlatform {
	t.Helper()
	f := &fakePlatform{mux: http.NewServeMux()}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := f.hits.LoadOrStore(r.URL.Path, new(atomic.Int64))
		n.(*atomic.Int64).Add(1)
		f.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	base := f.srv.URL
	f.meta = map[string]any{
		"issuer":                           base,
		"authorization_endpoint":           base + "/auth/authorize",
		"token_endpoint":                   base + "/auth/token",
		"revocation_endpoint":              base + "/auth/revoke",
		"jwks_uri":                         base + "/auth/jwks",
		"code_challenge_methods_supported": []string{"S256"},
		"authorization_response_iss_parameter_supported": true,
		"scopes_supported": []string{"personal-access-token", "offline_access"},
		"api_base_url":     base + facadeBase,
	}
	f.mux.HandleFunc("GET /.well-known/oauth-authorization-server", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, f.meta)
	})
	return f
}

// count is how many requests reached path.
func (f *fakePlatform) count(path string) int64 {
	n, ok := f.hits.Load(path)
	if !ok {
		return 0
	}
	return n.(*atomic.Int64).Load()
}

func (f *fakePlatform) client(t testing.TB, opts ...Option) *Client {
	t.Helper()
	c, err := New(f.srv.URL, opts...)
	if err != nil {
		t.Fatalf("New(%q): %v", f.srv.URL, err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// remoteClient returns a client for a non-loopback https platform (such as
// https://acme.iobeya.com) whose every connection goes to srv, a TLS test
// server: it lets tests check the rules that only apply to remote platforms.
func remoteClient(t testing.TB, platform string, srv *httptest.Server, opts ...Option) *Client {
	t.Helper()
	tr := srv.Client().Transport.(*http.Transport).Clone()
	addr := srv.Listener.Addr().String()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	// The test certificate names example.com and 127.0.0.1, not the
	// made-up platform hosts; trust is not what these tests are about.
	tr.TLSClientConfig.InsecureSkipVerify = true
	c, err := New(platform, append([]Option{WithHTTPClient(&http.Client{Transport: tr})}, opts...)...)
	if err != nil {
		t.Fatalf("New(%q): %v", platform, err)
	}
	return c
}
