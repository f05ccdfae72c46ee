package token_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Keys are generated at run time, once per test binary: no key or token
// is ever checked in.
var keys = sync.OnceValue(func() (k struct {
	rsa *rsa.PrivateKey
	ec  *ecdsa.PrivateKey
}) {
	var err error
	if k.rsa, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if k.ec, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		panic(err)
	}
	return k
})

const (
	issuer = "https://acme.iobeya.com"
	rsaKID = "sbx-2026-11"
	ecKID  = "sbx-ec-1"
)

// now is the fixed "now" of these tests.
var now = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// patClaims are a PAT's claims as the platform issues them (section 5).
func patClaims(exp time.Duration) jwt.MapClaims {
	c := jwt.MapClaims{
		"iss":   issuer,
		"sub":   "u_alice",
		"email": "alice@example.com",
		"name":  "Alice Martin",
		"iat":   now.Add(-time.Hour).Unix(),
		"jti":   "pat_01J9Z6X0M1Q2",
	}
	if exp != 0 {
		c["exp"] = now.Add(exp).Unix()
	}
	return c
}

// mint signs claims with method and key under kid ("" for none).
func mint(t testing.TB, method jwt.SigningMethod, key any, kid string, claims jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pat is a well-formed RS256 PAT expiring 90 days after now.
func pat(t testing.TB) string {
	return mint(t, jwt.SigningMethodRS256, keys().rsa, rsaKID, patClaims(90*24*time.Hour))
}

// seg base64url-encodes a token segment.
func seg(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// raw builds a token from a header and payload given as JSON text, with a
// dummy signature: for inputs no signer would produce.
func raw(header, payload string) string {
	return seg(header) + "." + seg(payload) + "." + seg("signature")
}
