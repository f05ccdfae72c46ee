package testenv

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// FakeJWT returns a string shaped like a JWT — an RS256 header, claims (a
// JSON object) and 32 random bytes where the signature goes — made at run
// time, so that no token-shaped string is kept in the source. Nobody signed
// it: it is for code that only looks at a token's shape or carries it.
func FakeJWT(claims string) string {
	sig := make([]byte, 32)
	_, _ = rand.Read(sig) // never fails (crypto/rand's documented promise)
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"RS256"}`)) + "." + enc.EncodeToString([]byte(claims)) + "." + enc.EncodeToString(sig)
}

// JSONField reads a string field of a JSON object (a stored session, a
// command's --json output), failing t when it is not there.
func JSONField(t testing.TB, doc, field string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	s, _ := m[field].(string)
	if s == "" {
		t.Fatalf("no %q in the JSON document", field)
	}
	return s
}

// SignedJWT signs claims (RS256) with a key made for this call: a real JWT
// that no platform issued, for shapes a platform does not make (no expiry,
// 5 KB of claims).
func SignedJWT(t testing.TB, claims jwt.MapClaims) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
