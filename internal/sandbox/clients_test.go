package sandbox

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

const confidentialID = "it-registered-app"

// testSecret is made at run time: no secret-shaped literal in the source.
func testSecret() string { return "s3cr:et/" + strings.Repeat("x", 24) + "+&é" }

func confidentialConfig() Config {
	return Config{ConfidentialClientID: confidentialID, ClientSecret: testSecret()}
}

// basic is an RFC 6749 §2.3.1 Authorization header: id and secret
// form-encoded, then Basic.
func basic(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(secret)))
}

// confidentialCode walks the pages as alice for the confidential client.
func confidentialCode(t testing.TB, s *Server, redirect string) string {
	t.Helper()
	u := authorize(t, s, authQuery(func(q url.Values) {
		q.Set("client_id", confidentialID)
		q.Set("redirect_uri", redirect)
		q.Set("scope", "api offline_access")
	}), "allow")
	code := u.Query().Get("code")
	if code == "" {
		t.Fatalf("no code in %s", u.Redacted())
	}
	return code
}

func postToken(t testing.TB, s *Server, form url.Values, auth string) answer {
	t.Helper()
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	if auth != "" {
		h["Authorization"] = auth
	}
	return do(t, http.MethodPost, s.URL()+tokenPath, strings.NewReader(form.Encode()), h)
}

func codeForm(code string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {testRedirect}, "code_verifier": {rfcVerifier}}
}

func TestConfidentialClientAuthenticates(t *testing.T) {
	s := start(t, confidentialConfig())
	secret := testSecret()
	with := func(edit func(url.Values)) url.Values {
		f := codeForm(confidentialCode(t, s, testRedirect))
		if edit != nil {
			edit(f)
		}
		return f
	}
	tests := []struct {
		name      string
		form      func() url.Values
		auth      string
		status    int
		code      string
		challenge bool // WWW-Authenticate: Basic after a failed Basic
	}{
		{"HTTP Basic", func() url.Values { return with(nil) }, basic(confidentialID, secret), 200, "", false},
		{"HTTP Basic and the same client_id", func() url.Values { return with(func(f url.Values) { f.Set("client_id", confidentialID) }) }, basic(confidentialID, secret), 200, "", false},
		{"form fields", func() url.Values {
			return with(func(f url.Values) { f.Set("client_id", confidentialID); f.Set("client_secret", secret) })
		}, "", 200, "", false},
		{"Basic with a wrong secret", func() url.Values { return with(nil) }, basic(confidentialID, "wrong"), 401, "invalid_client", true},
		{"Basic not form-encoded", func() url.Values { return with(nil) }, "Basic " + base64.StdEncoding.EncodeToString([]byte(confidentialID+":%zz")), 401, "invalid_client", true},
		{"Basic with an empty secret", func() url.Values { return with(nil) }, basic(confidentialID, ""), 401, "invalid_client", true},
		{"Basic for an unknown client", func() url.Values { return with(nil) }, basic("someone", secret), 401, "invalid_client", true},
		{"Basic and another client_id", func() url.Values { return with(func(f url.Values) { f.Set("client_id", ClientID) }) }, basic(confidentialID, secret), 401, "invalid_client", true},
		{"Basic and client_secret", func() url.Values { return with(func(f url.Values) { f.Set("client_secret", secret) }) }, basic(confidentialID, secret), 400, "invalid_request", false},
		{"form without the secret", func() url.Values { return with(func(f url.Values) { f.Set("client_id", confidentialID) }) }, "", 401, "invalid_client", false},
		{"form with a wrong secret", func() url.Values {
			return with(func(f url.Values) { f.Set("client_id", confidentialID); f.Set("client_secret", secret+"x") })
		}, "", 401, "invalid_client", false},
		{"Bearer instead of Basic", func() url.Values { return with(func(f url.Values) { f.Set("client_id", confidentialID) }) }, "Bearer x", 401, "invalid_client", false},
		{"the public client's id for its code", func() url.Values { return with(func(f url.Values) { f.Set("client_id", ClientID) }) }, "", 400, "invalid_grant", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := postToken(t, s, tt.form(), tt.auth)
			if tt.status == 200 {
				tr := decodeTokens(t, a)
				if tr.Scope != "api offline_access" || !strings.HasPrefix(tr.RefreshToken, "rt_") {
					t.Errorf("tokens %+v", tr.Scope)
				}
				return
			}
			wantOAuthError(t, a, tt.status, tt.code)
			if got := a.header.Get("WWW-Authenticate"); (got != "") != tt.challenge {
				t.Errorf("WWW-Authenticate %q, want a challenge: %v", got, tt.challenge)
			}
			if strings.Contains(a.body, secret) {
				t.Error("the answer repeats the secret")
			}
		})
	}
}

func TestPublicClientSendsNoSecret(t *testing.T) {
	s := start(t, confidentialConfig())
	tests := []struct {
		name   string
		edit   func(url.Values)
		auth   string
		status int
	}{
		{"form client_id", func(f url.Values) { f.Set("client_id", ClientID) }, "", 200},
		{"Basic with an empty password (golang.org/x/oauth2)", nil, basic(ClientID, ""), 200},
		{"a secret in the form", func(f url.Values) { f.Set("client_id", ClientID); f.Set("client_secret", "x") }, "", 401},
		{"a secret in Basic", nil, basic(ClientID, "x"), 401},
		{"the confidential client's secret", nil, basic(ClientID, testSecret()), 401},
		{"no client at all", nil, "", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := codeForm(codeFor(t, s))
			if tt.edit != nil {
				tt.edit(f)
			}
			a := postToken(t, s, f, tt.auth)
			if tt.status == 200 {
				decodeTokens(t, a)
				return
			}
			wantOAuthError(t, a, tt.status, "invalid_client")
		})
	}
}

func TestTokensStayWithTheirClient(t *testing.T) {
	s := start(t, confidentialConfig())
	auth := basic(confidentialID, testSecret())
	conf := decodeTokens(t, postToken(t, s, codeForm(confidentialCode(t, s, testRedirect)), auth))
	pub := session(t, s)

	// The public client cannot refresh or revoke the confidential client's
	// session, nor the other way round.
	wantOAuthError(t, refresh(t, s, conf.RefreshToken), http.StatusBadRequest, "invalid_grant")
	wantOAuthError(t, postToken(t, s, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {pub.RefreshToken}}, auth), http.StatusBadRequest, "invalid_grant")
	if a := postForm(t, s.URL()+revokePath, url.Values{"token": {conf.RefreshToken}, "client_id": {ClientID}}); a.status != http.StatusOK {
		t.Fatalf("revoke by another client: %d (RFC 7009 answers 200 and does nothing)", a.status)
	}
	// Still alive: its own client refreshes it and revokes it.
	next := decodeTokens(t, postToken(t, s, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {conf.RefreshToken}}, auth))
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": auth}
	if a := do(t, http.MethodPost, s.URL()+revokePath, strings.NewReader(url.Values{"token": {next.RefreshToken}}.Encode()), h); a.status != http.StatusOK {
		t.Fatalf("revoke by its client: %d %s", a.status, a.body)
	}
	wantAPIError(t, rooms(t, s, next.AccessToken, ""), http.StatusUnauthorized, "invalid_token")
	// The confidential client must authenticate to revoke, too.
	wantOAuthError(t, postForm(t, s.URL()+revokePath, url.Values{"token": {"x"}, "client_id": {confidentialID}}), http.StatusUnauthorized, "invalid_client")
}

func TestConfidentialClientRedirect(t *testing.T) {
	tests := []struct {
		name     string
		port     int
		redirect string
		ok       bool
	}{
		{"any port", 0, "http://127.0.0.1:40001/callback", true},
		{"any port, another", 0, "http://127.0.0.1:1/callback", true},
		{"fixed port", 47800, "http://127.0.0.1:47800/callback", true},
		{"fixed port, another port", 47800, "http://127.0.0.1:47801/callback", false},
		{"fixed port, not loopback", 47800, "http://evil.example:47800/callback", false},
		{"any port, another path", 0, "http://127.0.0.1:40001/other", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := confidentialConfig()
			cfg.ClientRedirectPort = tt.port
			cfg.AutoApprove = "alice@example.com"
			s := start(t, cfg)
			q := authQuery(func(q url.Values) { q.Set("client_id", confidentialID); q.Set("redirect_uri", tt.redirect) })
			a := do(t, http.MethodGet, s.URL()+authorizePath+"?"+q.Encode(), nil, nil)
			if !tt.ok {
				if a.status != http.StatusBadRequest || a.header.Get("Location") != "" {
					t.Errorf("status %d, Location %q: want the error page", a.status, a.header.Get("Location"))
				}
				return
			}
			u := location(t, a)
			f := codeForm(u.Query().Get("code"))
			f.Set("redirect_uri", tt.redirect)
			decodeTokens(t, postToken(t, s, f, basic(confidentialID, testSecret())))
		})
	}
}

func TestConsentNamesTheRegisteredClientAndWhatItAsks(t *testing.T) {
	s := start(t, confidentialConfig())
	q := authQuery(func(q url.Values) { q.Set("client_id", confidentialID); q.Set("scope", "api offline_access") })
	a := signIn(t, s, openSignIn(t, s, q), "alice@example.com", "demo-alice")
	for _, want := range []string{`id="client-id"`, confidentialID, "rooms and boards", "stay signed in"} {
		if !strings.Contains(a.body, want) {
			t.Errorf("consent page lacks %q", want)
		}
	}
	if strings.Contains(a.body, "manage your personal access token") || strings.Contains(a.body, testSecret()) {
		t.Error("the consent page asks for what was not requested, or shows the secret")
	}
}

func TestConfidentialClientConfig(t *testing.T) {
	tests := map[string]Config{
		"secret without id":      {ClientSecret: "x"},
		"port without id":        {ClientRedirectPort: 8080},
		"id without secret":      {ConfidentialClientID: "app"},
		"the public client's id": {ConfidentialClientID: ClientID, ClientSecret: "x"},
		"id with spaces":         {ConfidentialClientID: " app", ClientSecret: "x"},
		"port too large":         {ConfidentialClientID: "app", ClientSecret: "x", ClientRedirectPort: 70000},
		"no client at all":       {NoPublicClient: true},
	}
	for name, cfg := range tests {
		t.Run(name, func(t *testing.T) {
			s, err := Start(cfg)
			if err == nil {
				s.Close()
				t.Fatal("Start accepted it")
			}
			if !errors.Is(err, ErrConfig) {
				t.Errorf("%v is not ErrConfig", err)
			}
		})
	}
}

// TestSecretNeverLogged: the log of a confidential sign-in holds neither the
// secret nor its encodings.
func TestSecretNeverLogged(t *testing.T) {
	var log testenv.SyncBuffer
	cfg := confidentialConfig()
	cfg.Log = &log
	s := start(t, cfg)
	decodeTokens(t, postToken(t, s, codeForm(confidentialCode(t, s, testRedirect)), basic(confidentialID, testSecret())))
	postToken(t, s, codeForm("x"), basic(confidentialID, "wrong"))
	for _, secret := range []string{testSecret(), url.QueryEscape(testSecret()), strings.TrimPrefix(basic(confidentialID, testSecret()), "Basic ")} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("the log holds the secret:\n%s", log.String())
		}
	}
}

func TestRepeatedSecretIsNamedNotShown(t *testing.T) {
	s := start(t, confidentialConfig())
	body := "grant_type=refresh_token&refresh_token=rt_x&client_id=" + confidentialID +
		"&client_secret=" + url.QueryEscape(testSecret()) + "&client_secret=" + url.QueryEscape(testSecret())
	a := do(t, http.MethodPost, s.URL()+tokenPath, strings.NewReader(body), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	wantOAuthError(t, a, http.StatusBadRequest, "invalid_request")
	if !strings.Contains(a.body, `\"client_secret\" is repeated`) || strings.Contains(a.body, testSecret()) {
		t.Errorf("body %s", a.body)
	}
}

// TestNoPublicClient: like a real platform, which never registered
// iobeya-token, only the administrator's client signs in.
func TestNoPublicClient(t *testing.T) {
	cfg := confidentialConfig()
	cfg.NoPublicClient = true
	s := start(t, cfg)
	a := do(t, http.MethodGet, s.URL()+authorizePath+"?"+authQuery(nil).Encode(), nil, nil)
	if a.status != http.StatusBadRequest || a.header.Get("Location") != "" {
		t.Errorf("the public client's sign-in: %d %q", a.status, a.header.Get("Location"))
	}
	wantOAuthError(t, refresh(t, s, "rt_x"), http.StatusUnauthorized, "invalid_client")
	decodeTokens(t, postToken(t, s, codeForm(confidentialCode(t, s, testRedirect)), basic(confidentialID, testSecret())))
}
