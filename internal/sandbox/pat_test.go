package sandbox

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func patURL(s *Server) string { return s.URL() + "/v1/personal-access-token" }

func getPAT(t *testing.T, s *Server, at string) answer {
	t.Helper()
	return do(t, http.MethodGet, patURL(s), nil, withBearer(at))
}

func TestPATLifecycle(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now, TokenTTL: 30 * 24 * time.Hour})
	at := session(t, s).AccessToken

	wantAPIError(t, getPAT(t, s, at), http.StatusNotFound, "not_found")

	created := createPAT(t, s, at)
	if created.status != http.StatusCreated || created.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d, Cache-Control %q", created.status, created.header.Get("Cache-Control"))
	}
	var pc patCreated
	if err := json.Unmarshal([]byte(created.body), &pc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pc.ID, "pat_") || pc.IssuedAt != "2026-11-27T10:00:00Z" || pc.ExpiresAt != "2026-12-27T10:00:00Z" {
		t.Errorf("created %+v", pc)
	}
	wantAPIError(t, createPAT(t, s, at), http.StatusConflict, "conflict")

	meta := getPAT(t, s, at).json(t)
	if meta["id"] != pc.ID || meta["issuedAt"] != pc.IssuedAt || meta["expiresAt"] != pc.ExpiresAt {
		t.Errorf("metadata %v, created %+v", meta, pc)
	}
	if v, ok := meta["lastUsedAt"]; !ok || v != nil {
		t.Errorf("lastUsedAt %v (present %v), want null", v, ok)
	}
	if _, ok := meta["token"]; ok {
		t.Error("GET returned the token again")
	}

	clock.Advance(90 * time.Second)
	if m := me(t, s, pc.Token).json(t); m["id"] != "u_alice" || m["email"] != "alice@example.com" || m["displayName"] != "Alice Martin" {
		t.Errorf("/v1/me = %v", m)
	}
	if got := getPAT(t, s, at).json(t)["lastUsedAt"]; got != "2026-11-27T10:01:30Z" {
		t.Errorf("lastUsedAt %v, want 2026-11-27T10:01:30Z", got)
	}

	for range 2 { // revoking is idempotent
		if a := do(t, http.MethodDelete, patURL(s), nil, withBearer(at)); a.status != http.StatusNoContent || a.body != "" {
			t.Fatalf("delete: %d %q", a.status, a.body)
		}
	}
	wantAPIError(t, getPAT(t, s, at), http.StatusNotFound, "not_found")
	a := me(t, s, pc.Token)
	wantAPIError(t, a, http.StatusUnauthorized, "invalid_token")
	if !strings.Contains(a.header.Get("WWW-Authenticate"), `error="invalid_token"`) {
		t.Errorf("WWW-Authenticate %q", a.header.Get("WWW-Authenticate"))
	}
	if again := mustCreatePAT(t, s, at); again.ID == pc.ID {
		t.Error("a new PAT reused the revoked one's id")
	}
}

func TestOneActivePATPerUser(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now, TokenTTL: time.Hour, AccessTokenTTL: 2 * time.Hour})
	alice, bob := session(t, s).AccessToken, bobSession(t, s).AccessToken
	mustCreatePAT(t, s, alice)
	mustCreatePAT(t, s, bob) // bob's PAT does not conflict with alice's
	wantAPIError(t, createPAT(t, s, alice), http.StatusConflict, "conflict")
	clock.Advance(time.Hour) // expired: not active any more
	wantAPIError(t, getPAT(t, s, alice), http.StatusNotFound, "not_found")
	mustCreatePAT(t, s, alice)
}

func bobSession(t *testing.T, s *Server) tokenResponse {
	t.Helper()
	id := openSignIn(t, s, authQuery(nil))
	signIn(t, s, id, "bob@example.com", "demo-bob")
	code := location(t, decide(t, s, id, "allow")).Query().Get("code")
	return decodeTokens(t, exchange(t, s, code, rfcVerifier, testRedirect))
}

func TestPATNeedsConfirmation(t *testing.T) {
	s := start(t, Config{})
	at := session(t, s).AccessToken
	tests := []struct{ name, ct, body string }{
		{"no body", "application/json", ""},
		{"empty object", "application/json", "{}"},
		{"false", "application/json", `{"confirmed": false}`},
		{"string", "application/json", `{"confirmed": "true"}`},
		{"number", "application/json", `{"confirmed": 1}`},
		{"null", "application/json", `null`},
		{"array", "application/json", `[true]`},
		{"not JSON", "application/json", `confirmed=true`},
		{"trailing data", "application/json", `{"confirmed": true} {}`},
		{"truncated", "application/json", `{"confirmed": tr`},
		{"form content type", "application/x-www-form-urlencoded", `{"confirmed": true}`},
		{"no content type", "", `{"confirmed": true}`},
		{"too large", "application/json", `{"confirmed": true, "pad": "` + strings.Repeat("a", 20<<10) + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := withBearer(at)
			if tt.ct != "" {
				h["Content-Type"] = tt.ct
			}
			wantAPIError(t, do(t, http.MethodPost, patURL(s), strings.NewReader(tt.body), h), http.StatusBadRequest, "confirmation_required")
		})
	}
	wantAPIError(t, getPAT(t, s, at), http.StatusNotFound, "not_found") // nothing was generated
}

func TestPATAPIWantsTheSession(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now})
	tr := session(t, s)
	pat := mustCreatePAT(t, s, tr.AccessToken).Token
	expiring := session(t, s).AccessToken
	tests := []struct {
		name   string
		header map[string]string
		code   string
	}{
		{"no header", nil, "unauthorized"},
		{"basic", map[string]string{"Authorization": "Basic YTpi"}, "invalid_token"},
		{"bearer without token", map[string]string{"Authorization": "Bearer "}, "invalid_token"},
		{"the PAT", withBearer(pat), "invalid_token"},
		{"unknown access token", withBearer("at_unknown"), "invalid_token"},
		{"the refresh token", withBearer(tr.RefreshToken), "invalid_token"},
		{"garbage", withBearer("é<>\"' ;,"), "invalid_token"},
	}
	for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		for _, tt := range tests {
			t.Run(method+" "+tt.name, func(t *testing.T) {
				a := do(t, method, patURL(s), strings.NewReader(`{"confirmed": true}`), tt.header)
				wantAPIError(t, a, http.StatusUnauthorized, tt.code)
				if !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate %q", a.header.Get("WWW-Authenticate"))
				}
			})
		}
	}
	clock.Advance(time.Hour)
	wantAPIError(t, getPAT(t, s, expiring), http.StatusUnauthorized, "invalid_token")
	if a := me(t, s, pat); a.status != http.StatusOK { // nothing above revoked it
		t.Errorf("PAT refused after the failed calls: %d", a.status)
	}
}

// TestPATFormat checks the PAT against the contract with the published JWKS.
func TestPATFormat(t *testing.T) {
	s := start(t, Config{TokenTTL: 48 * time.Hour})
	pc := mustCreatePAT(t, s, session(t, s).AccessToken)
	keys := fetchJWKS(t, s)
	var c patClaims
	tok, err := jwt.ParseWithClaims(pc.Token, &c, func(tok *jwt.Token) (any, error) {
		return keys[tok.Header["kid"].(string)], nil
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(s.URL()), jwt.WithExpirationRequired())
	if err != nil {
		t.Fatalf("the PAT does not verify with the JWKS: %v", err)
	}
	if tok.Header["typ"] != "JWT" {
		t.Errorf("header %v", tok.Header)
	}
	if c.Subject != "u_alice" || c.Email != "alice@example.com" || c.Name != "Alice Martin" || c.ID != pc.ID {
		t.Errorf("claims %+v", c)
	}
	if got := c.ExpiresAt.Sub(c.IssuedAt.Time); got != 48*time.Hour {
		t.Errorf("exp - iat = %s, want 48h", got)
	}
	if c.IssuedAt.UTC().Format(time.RFC3339) != pc.IssuedAt || c.ExpiresAt.UTC().Format(time.RFC3339) != pc.ExpiresAt {
		t.Errorf("claims times %v/%v, body %s/%s", c.IssuedAt, c.ExpiresAt, pc.IssuedAt, pc.ExpiresAt)
	}
}

func fetchJWKS(t *testing.T, s *Server) map[string]*rsa.PublicKey {
	t.Helper()
	var doc struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.Unmarshal([]byte(do(t, http.MethodGet, s.URL()+"/s/oauth/jwks", nil, nil).body), &doc); err != nil {
		t.Fatal(err)
	}
	keys := map[string]*rsa.PublicKey{}
	for _, k := range doc.Keys {
		if k.Kty != "RSA" || k.Alg != "RS256" || k.Use != "sig" || k.Kid == "" {
			t.Errorf("JWK %+v", k)
		}
		n, err1 := base64.RawURLEncoding.DecodeString(k.N)
		e, err2 := base64.RawURLEncoding.DecodeString(k.E)
		if err1 != nil || err2 != nil {
			t.Fatalf("JWK not base64url: %v %v", err1, err2)
		}
		keys[k.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	if len(keys) != 1 {
		t.Fatalf("%d keys in the JWKS", len(keys))
	}
	return keys
}

// TestMeRefusesBadPATs: each of these gets 401 invalid_token.
func TestMeRefusesBadPATs(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now, TokenTTL: time.Hour})
	at := session(t, s).AccessToken
	good := mustCreatePAT(t, s, at)
	key, err := s.signingKey()
	if err != nil {
		t.Fatal(err)
	}
	otherKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pubDER, err := x509.MarshalPKIXPublicKey(&key.priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	now := clock.Now()
	claims := func(edit func(*patClaims)) *patClaims {
		c := &patClaims{Email: "alice@example.com", Name: "Alice Martin", RegisteredClaims: jwt.RegisteredClaims{
			Issuer: s.URL(), Subject: "u_alice", ID: good.ID,
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour)),
		}}
		if edit != nil {
			edit(c)
		}
		return c
	}
	sign := func(m jwt.SigningMethod, c *patClaims, kid string, k any) string {
		tok := jwt.NewWithClaims(m, c)
		tok.Header["kid"] = kid
		str, err := tok.SignedString(k)
		if err != nil {
			t.Fatal(err)
		}
		return str
	}
	// The forger's control: the server's own key and good claims verify.
	if a := me(t, s, sign(jwt.SigningMethodRS256, claims(nil), key.kid, key.priv)); a.status != http.StatusOK {
		t.Fatalf("a correctly forged twin of the PAT was refused (%d): the cases below would prove nothing", a.status)
	}
	parts := strings.Split(good.Token, ".")
	tests := map[string]string{
		"empty":                 "",
		"not a JWT":             "abc",
		"three garbage parts":   "a.b.c",
		"signature cut":         parts[0] + "." + parts[1] + ".",
		"payload swapped":       parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"u_bob","email":"bob@example.com"}`)) + "." + parts[2],
		"wrongly signed":        sign(jwt.SigningMethodRS256, claims(nil), key.kid, otherKey),
		"unknown kid":           sign(jwt.SigningMethodRS256, claims(nil), "other-kid", key.priv),
		"no kid":                sign(jwt.SigningMethodRS256, claims(nil), "", key.priv),
		"alg none":              sign(jwt.SigningMethodNone, claims(nil), key.kid, jwt.UnsafeAllowNoneSignatureType),
		"HS256 with public key": sign(jwt.SigningMethodHS256, claims(nil), key.kid, pubDER),
		"RS512":                 sign(jwt.SigningMethodRS512, claims(nil), key.kid, key.priv),
		"PS256":                 sign(jwt.SigningMethodPS256, claims(nil), key.kid, key.priv),
		"other issuer":          sign(jwt.SigningMethodRS256, claims(func(c *patClaims) { c.Issuer = "https://acme.iobeya.com" }), key.kid, key.priv),
		"no issuer":             sign(jwt.SigningMethodRS256, claims(func(c *patClaims) { c.Issuer = "" }), key.kid, key.priv),
		"no exp":                sign(jwt.SigningMethodRS256, claims(func(c *patClaims) { c.ExpiresAt = nil }), key.kid, key.priv),
		"issued in the future":  sign(jwt.SigningMethodRS256, claims(func(c *patClaims) { c.IssuedAt = jwt.NewNumericDate(now.Add(time.Hour)) }), key.kid, key.priv),
		"unknown jti":           sign(jwt.SigningMethodRS256, claims(func(c *patClaims) { c.ID = "pat_NEVERISSUED" }), key.kid, key.priv),
		"another user's jti":    sign(jwt.SigningMethodRS256, claims(func(c *patClaims) { c.Subject = "u_bob"; c.Email = "bob@example.com" }), key.kid, key.priv),
		"e-mail not the user's": sign(jwt.SigningMethodRS256, claims(func(c *patClaims) { c.Email = "bob@example.com" }), key.kid, key.priv),
		"unknown user":          sign(jwt.SigningMethodRS256, claims(func(c *patClaims) { c.Subject = "u_mallory" }), key.kid, key.priv),
	}
	for name, tok := range tests {
		t.Run(name, func(t *testing.T) {
			a := me(t, s, tok)
			wantAPIError(t, a, http.StatusUnauthorized, "invalid_token")
			if a.header.Get("WWW-Authenticate") != `Bearer realm="iobeya-sandbox", error="invalid_token"` {
				t.Errorf("WWW-Authenticate %q", a.header.Get("WWW-Authenticate"))
			}
		})
	}
	t.Run("no Authorization", func(t *testing.T) {
		a := do(t, http.MethodGet, s.URL()+"/v1/me", nil, nil)
		wantAPIError(t, a, http.StatusUnauthorized, "unauthorized")
		if a.header.Get("WWW-Authenticate") == "" {
			t.Error("no WWW-Authenticate")
		}
	})
	t.Run("expired", func(t *testing.T) {
		if a := me(t, s, good.Token); a.status != http.StatusOK {
			t.Fatalf("before expiry: %d", a.status)
		}
		clock.Advance(time.Hour)
		wantAPIError(t, me(t, s, good.Token), http.StatusUnauthorized, "invalid_token")
	})
}

func TestMeWithoutAnyPATIssued(t *testing.T) {
	s := start(t, Config{})
	// No key exists yet; a PAT-shaped token must still get a clean 401.
	wantAPIError(t, me(t, s, testenv.FakeJWT(`{}`)), http.StatusUnauthorized, "invalid_token")
	if s.key != nil {
		t.Error("refusing a token made a signing key")
	}
}

func TestMeAcceptsTheSession(t *testing.T) {
	s := start(t, Config{})
	if m := me(t, s, session(t, s).AccessToken).json(t); m["email"] != "alice@example.com" {
		t.Errorf("/v1/me with the access token: %v", m)
	}
}
