package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestDiscovery(t *testing.T) {
	s := start(t, Config{})
	for _, path := range []string{"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"} {
		a := do(t, http.MethodGet, s.URL()+path, nil, nil)
		if a.status != http.StatusOK || a.header.Get("Content-Type") != "application/json" {
			t.Fatalf("%s: %d %s", path, a.status, a.header.Get("Content-Type"))
		}
		m := a.json(t)
		want := map[string]any{
			"issuer":                 s.URL(),
			"authorization_endpoint": s.URL() + "/s/oauth/authorize",
			"token_endpoint":         s.URL() + "/s/oauth/token",
			"revocation_endpoint":    s.URL() + "/s/oauth/revoke",
			"jwks_uri":               s.URL() + "/s/oauth/jwks",
			"api_base_url":           s.URL() + "/v1",
			"authorization_response_iss_parameter_supported": true,
		}
		for k, v := range want {
			if m[k] != v {
				t.Errorf("%s: %s = %v, want %v", path, k, m[k], v)
			}
		}
		for k, v := range map[string]string{
			"code_challenge_methods_supported":      "S256",
			"response_types_supported":              "code",
			"grant_types_supported":                 "authorization_code refresh_token",
			"token_endpoint_auth_methods_supported": "none client_secret_basic client_secret_post",
			"scopes_supported":                      "api offline_access personal-access-token",
		} {
			if got := joinAny(m[k]); got != v {
				t.Errorf("%s: %s = %q, want %q", path, k, got, v)
			}
		}
	}
}

func joinAny(v any) string {
	list, _ := v.([]any)
	var parts []string
	for _, x := range list {
		s, _ := x.(string)
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestDiscoverySwitches(t *testing.T) {
	s := start(t, Config{DisableRFC8414: true, Issuer: "https://elsewhere.example", WithoutS256: true})
	wantAPIError(t, do(t, http.MethodGet, s.URL()+"/.well-known/oauth-authorization-server", nil, nil), http.StatusNotFound, "not_found")
	m := do(t, http.MethodGet, s.URL()+"/.well-known/openid-configuration", nil, nil).json(t)
	if m["issuer"] != "https://elsewhere.example" || m["token_endpoint"] != s.URL()+"/s/oauth/token" {
		t.Errorf("issuer %v, token_endpoint %v", m["issuer"], m["token_endpoint"])
	}
	if got := joinAny(m["code_challenge_methods_supported"]); strings.Contains(got, "S256") {
		t.Errorf("code_challenge_methods_supported %q still has S256", got)
	}
	if s.Count(EndpointDiscovery) != 2 {
		t.Errorf("Count(discovery) = %d", s.Count(EndpointDiscovery))
	}
}

func TestStartRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "example.com:0", "[::]:0"} {
		s, err := Start(Config{Addr: addr})
		if err == nil {
			s.Close()
			t.Errorf("Start(%q) listened", addr)
			continue
		}
		if !errors.Is(err, ErrNotLoopback) || !errors.Is(err, ErrConfig) {
			t.Errorf("Start(%q): %v, want ErrNotLoopback and ErrConfig", addr, err)
		}
	}
	for _, addr := range []string{"no-port", "127.0.0.1"} {
		if _, err := Start(Config{Addr: addr}); err == nil || errors.Is(err, ErrNotLoopback) {
			t.Errorf("Start(%q): %v, want an address error", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0", "[::1]:0"} {
		s, err := Start(Config{Addr: addr})
		if err != nil {
			if strings.Contains(addr, "::1") && !errors.Is(err, ErrNotLoopback) {
				t.Logf("skipping %s: IPv6 loopback is not available here: %v", addr, err)
				continue
			}
			t.Errorf("Start(%q): %v", addr, err)
			continue
		}
		if a := do(t, http.MethodGet, s.URL()+"/.well-known/openid-configuration", nil, nil); a.status != http.StatusOK {
			t.Errorf("%s: %d", addr, a.status)
		}
		s.Close()
	}
	// Public allows it; the URL still names a loopback address this machine reaches.
	s := start(t, Config{Addr: "0.0.0.0:0", Public: true})
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("public URL %s", s.URL())
	}
}

func TestStartRefusesBadConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"negative latency":     {Latency: -time.Second},
		"sub-second PAT life":  {TokenTTL: time.Millisecond},
		"negative access life": {AccessTokenTTL: -time.Hour},
		"bad fault":            {Faults: []Fault{{Endpoint: "token", Status: 302}}},
		"unknown auto-approve": {AutoApprove: "mallory@example.com"},
	} {
		s, err := Start(cfg)
		if err == nil {
			s.Close()
			t.Errorf("%s: Start accepted it", name)
			continue
		}
		if !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v is not ErrConfig", name, err)
		}
	}
}

func TestUnknownPathsAndMethods(t *testing.T) {
	s := start(t, Config{})
	wantAPIError(t, do(t, http.MethodGet, s.URL()+"/v2/nothing", nil, nil), http.StatusNotFound, "not_found")
	for _, c := range []struct{ method, path string }{
		{http.MethodPost, "/v1/me"}, {http.MethodPut, "/v1/personal-access-token"}, {http.MethodPost, "/s/oauth/jwks"},
		{http.MethodDelete, "/.well-known/openid-configuration"},
	} {
		a := do(t, c.method, s.URL()+c.path, nil, nil)
		wantAPIError(t, a, http.StatusMethodNotAllowed, "method_not_allowed")
		if a.header.Get("Allow") == "" {
			t.Errorf("%s %s: no Allow header", c.method, c.path)
		}
	}
	if a := do(t, http.MethodPut, s.URL()+"/s/oauth/authorize", nil, nil); a.status != http.StatusMethodNotAllowed || !strings.HasPrefix(a.header.Get("Content-Type"), "text/html") {
		t.Errorf("PUT /oauth/authorize: %d %s", a.status, a.header.Get("Content-Type"))
	}
	if a := do(t, http.MethodGet, s.URL()+"/", nil, nil); a.status != http.StatusOK || !strings.Contains(a.body, "Demo platform") || !strings.Contains(a.body, s.URL()) {
		t.Errorf("home page: %d", a.status)
	}
}

// TestGarbageNeverAnswers500 throws junk at every endpoint.
func TestGarbageNeverAnswers500(t *testing.T) {
	s := start(t, Config{})
	at := session(t, s).AccessToken
	paths := []string{"/", "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration",
		"/s/oauth/authorize", "/s/oauth/token", "/s/oauth/revoke", "/s/oauth/jwks", "/v1/personal-access-token", "/v1/me", "/%2e%2e/x",
		"/v1/rooms", "/v1/boards", "/s/sign-in", "/s/sign-out", "/s/personal-access-token", "/s/assets/copy.js"}
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions}
	bodies := []string{"", "{", "null", "%", "a=%zz", strings.Repeat("x=1&", 5000), "\x00\xff\xfe", `{"confirmed":true}`}
	types := []string{"", "application/json", "application/x-www-form-urlencoded", "text/html", "multipart/form-data", ";;;"}
	auths := []string{"", "Bearer", "Bearer " + at, "Bearer a.b.c", "Basic x", "Bearer at_" + strings.Repeat("z", 5000)}
	queries := []string{"", "?client_id=iobeya-token&redirect_uri=" + url.QueryEscape(testRedirect), "?%zz", "?state=" + strings.Repeat("s", 3000)}
	r := rand.New(rand.NewPCG(1, 2)) // the same 600 combinations every run
	for range 600 {
		p, m := paths[r.IntN(len(paths))], methods[r.IntN(len(methods))]
		b, ct, au, q := bodies[r.IntN(len(bodies))], types[r.IntN(len(types))], auths[r.IntN(len(auths))], queries[r.IntN(len(queries))]
		h := map[string]string{}
		if ct != "" {
			h["Content-Type"] = ct
		}
		if au != "" {
			h["Authorization"] = au
		}
		a := do(t, m, s.URL()+p+q, strings.NewReader(b), h)
		if a.status >= 500 || a.status < 200 {
			t.Errorf("%s %s%.40s (%s, %.20q): %d %s", m, p, q, ct, b, a.status, a.body)
		}
		if strings.Contains(a.body, "goroutine ") || strings.Contains(a.body, ".go:") {
			t.Errorf("%s %s: a stack trace in the answer", m, p)
		}
	}
}

func TestPanicsAnswer500WithoutDetails(t *testing.T) {
	var log testenv.SyncBuffer
	s := start(t, Config{Log: &log})
	for _, kind := range []routeKind{kindOAuth, kindAPI, kindPage} {
		rec := httptest.NewRecorder()
		s.serveRoute(rec, httptest.NewRequest(http.MethodGet, "/x", nil), route{
			endpoint: "token", logPath: "/x", kind: kind,
			handle: func(http.ResponseWriter, *http.Request) { panic("secret detail") },
		})
		if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "server_error") {
			t.Errorf("kind %d: %d %s", kind, rec.Code, rec.Body)
		}
		if strings.Contains(rec.Body.String(), "secret detail") {
			t.Errorf("kind %d: the panic leaked into the answer", kind)
		}
	}
	if !strings.Contains(log.String(), "internal error") {
		t.Errorf("panic not logged:\n%s", log.String())
	}
}

// TestLogHasNoSecrets runs every kind of request and looks for any secret
// in the log.
func TestLogHasNoSecrets(t *testing.T) {
	var log testenv.SyncBuffer
	s := start(t, Config{Log: &log})
	u := authorize(t, s, authQuery(nil), "allow")
	code := u.Query().Get("code")
	tr := decodeTokens(t, exchange(t, s, code, rfcVerifier, testRedirect))
	pc := mustCreatePAT(t, s, tr.AccessToken)
	me(t, s, pc.Token)
	tr2 := decodeTokens(t, refresh(t, s, tr.RefreshToken))
	postForm(t, s.URL()+"/s/oauth/revoke", url.Values{"token": {tr2.RefreshToken}, "client_id": {ClientID}})
	do(t, http.MethodGet, s.URL()+"/v1/me/"+pc.Token, nil, nil)
	do(t, http.MethodGet, s.URL()+"/s/oauth/token?code="+code, nil, nil)

	out := log.String()
	for name, secret := range map[string]string{
		"code": code, "state": url.QueryEscape(testState), "verifier": rfcVerifier, "challenge": rfcChallenge,
		"access token": tr.AccessToken, "refresh token": tr.RefreshToken, "new refresh token": tr2.RefreshToken,
		"PAT": pc.Token, "PAT signature": pc.Token[strings.LastIndex(pc.Token, ".")+1:], "password": "demo-alice",
		"redirect": "53123",
	} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds the %s", name)
		}
	}
	if strings.Contains(out, "?") {
		t.Errorf("the log holds a query string:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 10 {
		t.Errorf("%d log lines for 10 requests:\n%s", len(lines), out)
	}
	if !strings.Contains(out, "POST /s/oauth/token 200") || !strings.Contains(out, "GET (unknown path) 404") {
		t.Errorf("log lines lack method, path and status:\n%s", out)
	}
}

func TestLatency(t *testing.T) {
	s := start(t, Config{})
	const d = 50 * time.Millisecond
	s.SetLatency(d)
	began := time.Now()
	do(t, http.MethodGet, s.URL()+"/s/oauth/jwks", nil, nil)
	if took := time.Since(began); took < d {
		t.Errorf("answered in %s with a latency of %s", took, d)
	}
}

// TestCloseEndsLatencyWaits: a request held by an hour of latency is
// answered when the server closes, instead of being cut off.
func TestCloseEndsLatencyWaits(t *testing.T) {
	s, err := Start(Config{Latency: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() }) // on an early failure; closing twice is fine
	result := make(chan error, 1)
	go func() {
		resp, err := http.Get(s.URL() + "/v1/me")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				err = fmt.Errorf("status %d, want 401", resp.StatusCode)
			}
		}
		result <- err
	}()
	// Count is the only sign that the request is inside the server (closing
	// before it is accepted would just refuse it), so it is polled, within
	// a deadline.
	deadline := time.Now().Add(20 * time.Second)
	for s.Count(EndpointMe) == 0 {
		select {
		case err := <-result:
			t.Fatalf("the request ended before the server held it: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the request never reached the server")
		}
		time.Sleep(time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := <-result; err != nil {
		t.Errorf("the held request: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestHandlerServesTheSamePlatform(t *testing.T) {
	s := start(t, Config{})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/.well-known/openid-configuration", nil))
	if rec.Code != http.StatusOK || !bytes.Contains(rec.Body.Bytes(), []byte(s.URL())) {
		t.Errorf("Handler: %d %s", rec.Code, rec.Body)
	}
}

// TestConcurrentUse: eight users sign in, call the API and refresh at
// once while the switches change; each gets its own right answers. Each
// runs as a parallel subtest, so a failure stops only its own goroutine.
func TestConcurrentUse(t *testing.T) {
	s := start(t, Config{})
	t.Run("users", func(t *testing.T) {
		for i := range 8 {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				tr := session(t, s)
				s.SetLatency(0)
				if err := s.SetFaults(nil); err != nil {
					t.Errorf("SetFaults: %v", err)
				}
				if err := s.SetAutoApprove(""); err != nil {
					t.Errorf("SetAutoApprove: %v", err)
				}
				if a := me(t, s, tr.AccessToken); a.status != http.StatusOK || a.json(t)["email"] != "alice@example.com" {
					t.Errorf("GET /me: %d %s", a.status, a.body)
				}
				again := decodeTokens(t, refresh(t, s, tr.RefreshToken))
				if again.AccessToken == "" || again.AccessToken == tr.AccessToken || again.RefreshToken == tr.RefreshToken {
					t.Errorf("the refresh did not issue new tokens")
				}
			})
		}
	})
}
