package token_test

import (
	"crypto/rand"
	"crypto/x509"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

func platformKeys(t *testing.T) *token.KeySet {
	t.Helper()
	set, err := token.ParseJWKS(jwks(rsaJWK(rsaKID, &keys().rsa.PublicKey), ecJWK(ecKID, &keys().ec.PublicKey)))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestVerify(t *testing.T) {
	k := keys()
	day := 24 * time.Hour
	claims := func(edit func(jwt.MapClaims)) jwt.MapClaims {
		c := patClaims(90 * day)
		if edit != nil {
			edit(c)
		}
		return c
	}
	rsaPub, err := x509.MarshalPKIXPublicKey(&k.rsa.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	good := pat(t)
	parts := strings.Split(good, ".")
	otherPayload := strings.Split(mint(t, jwt.SigningMethodRS256, k.rsa, rsaKID, claims(func(c jwt.MapClaims) { c["sub"] = "u_mallory" })), ".")[1]

	tests := []struct {
		name  string
		input string
		keys  *token.KeySet
		want  error // nil: verifies
	}{
		{"RS256 PAT", good, nil, nil},
		{"with Bearer and spaces", " Bearer " + good + "\n", nil, nil},
		{"ES256", mint(t, jwt.SigningMethodES256, k.ec, ecKID, claims(nil)), nil, nil},
		{"no kid, one key of the type", mint(t, jwt.SigningMethodES256, k.ec, "", claims(nil)), nil, nil},
		{"no expiry date", mint(t, jwt.SigningMethodRS256, k.rsa, rsaKID, claims(func(c jwt.MapClaims) { delete(c, "exp") })), nil, nil},
		{"expired within the leeway", mint(t, jwt.SigningMethodRS256, k.rsa, rsaKID, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-30 * time.Second).Unix() })), nil, nil},

		{"alg none", mint(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, rsaKID, claims(nil)), nil, token.ErrAlgorithm},
		{"HS256 keyed with the public key", mint(t, jwt.SigningMethodHS256, rsaPub, rsaKID, claims(nil)), nil, token.ErrAlgorithm},
		{"HS512", mint(t, jwt.SigningMethodHS512, []byte("secret"), "", claims(nil)), nil, token.ErrAlgorithm},
		{"RS384", mint(t, jwt.SigningMethodRS384, k.rsa, rsaKID, claims(nil)), nil, token.ErrAlgorithm},
		{"PS256", mint(t, jwt.SigningMethodPS256, k.rsa, rsaKID, claims(nil)), nil, token.ErrAlgorithm},
		{"unknown alg", raw(`{"alg":"XYZ","kid":"sbx-2026-11"}`, `{}`), nil, token.ErrAlgorithm},

		{"signed by another key", mint(t, jwt.SigningMethodRS256, k.rsaOther, rsaKID, claims(nil)), nil, token.ErrSignature},
		{"unknown kid", mint(t, jwt.SigningMethodRS256, k.rsa, "retired-key", claims(nil)), nil, token.ErrSignature},
		{"ES256 under the RSA key's kid", mint(t, jwt.SigningMethodES256, k.ec, rsaKID, claims(nil)), nil, token.ErrSignature},
		{"payload swapped", parts[0] + "." + otherPayload + "." + parts[2], nil, token.ErrSignature},
		{"signature stripped", parts[0] + "." + parts[1] + ".", nil, token.ErrSignature},
		{"no key set", good, &token.KeySet{}, token.ErrSignature},

		{"another issuer", mint(t, jwt.SigningMethodRS256, k.rsa, rsaKID, claims(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" })), nil, token.ErrIssuer},
		{"no issuer", mint(t, jwt.SigningMethodRS256, k.rsa, rsaKID, claims(func(c jwt.MapClaims) { delete(c, "iss") })), nil, token.ErrIssuer},
		{"expired", mint(t, jwt.SigningMethodRS256, k.rsa, rsaKID, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-2 * time.Minute).Unix() })), nil, token.ErrExpired},
		{"issued in the future", mint(t, jwt.SigningMethodRS256, k.rsa, rsaKID, claims(func(c jwt.MapClaims) { c["iat"] = now.Add(time.Hour).Unix() })), nil, token.ErrNotYetValid},
		{"not before in the future", mint(t, jwt.SigningMethodRS256, k.rsa, rsaKID, claims(func(c jwt.MapClaims) { c["nbf"] = now.Add(time.Hour).Unix() })), nil, token.ErrNotYetValid},

		{"garbage", "not a token", nil, token.ErrMalformed},
		{"empty", "", nil, token.ErrMalformed},
		{"payload an array", raw(`{"alg":"RS256","kid":"sbx-2026-11"}`, `[]`), nil, token.ErrMalformed},
		{"over the size limit", strings.Repeat("a", token.MaxSize+1), nil, token.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := tt.keys
			if set == nil {
				set = platformKeys(t)
			}
			info, err := token.Verify(tt.input, set, issuer, now)
			if tt.want == nil {
				if err != nil || info == nil || info.Subject != "u_alice" {
					t.Fatalf("Verify = %+v, %v; want it verified", info, err)
				}
				return
			}
			if !errors.Is(err, tt.want) || info != nil {
				t.Fatalf("Verify = %+v, %v; want %v", info, err, tt.want)
			}
			if in := strings.TrimSpace(tt.input); len(in) >= 10 && strings.Contains(err.Error(), in[:10]) {
				t.Errorf("message %q quotes the token", err)
			}
		})
	}
}

func TestVerifyNeedsAnIssuerAndKeys(t *testing.T) {
	if _, err := token.Verify(pat(t), platformKeys(t), "", now); !errors.Is(err, token.ErrIssuer) {
		t.Errorf("no issuer to compare with: %v, want ErrIssuer", err)
	}
	if _, err := token.Verify(pat(t), nil, issuer, now); !errors.Is(err, token.ErrSignature) {
		t.Errorf("nil key set: %v, want ErrSignature", err)
	}
}

func TestVerifyNoKidAmongSeveralKeys(t *testing.T) {
	set, err := token.ParseJWKS(jwks(rsaJWK("a", &keys().rsa.PublicKey), rsaJWK("b", &keys().rsaOther.PublicKey)))
	if err != nil {
		t.Fatal(err)
	}
	tok := mint(t, jwt.SigningMethodRS256, keys().rsa, "", patClaims(time.Hour))
	if _, err := token.Verify(tok, set, issuer, now); !errors.Is(err, token.ErrSignature) {
		t.Errorf("Verify = %v; want ErrSignature (which of two keys is not guessed)", err)
	}
}

func TestParseJWKS(t *testing.T) {
	k := keys()
	smallModulus := make([]byte, 128) // 1024 bits
	rand.Read(smallModulus)
	smallModulus[0] |= 0x80
	goodRSA := rsaJWK("good", &k.rsa.PublicKey)
	with := func(base map[string]any, edits map[string]any) map[string]any {
		out := map[string]any{}
		for key, v := range base {
			out[key] = v
		}
		for key, v := range edits {
			if v == nil {
				delete(out, key)
			} else {
				out[key] = v
			}
		}
		return out
	}
	goodEC := ecJWK("ec", &k.ec.PublicKey)
	tests := []struct {
		name string
		data []byte
		keys int // -1: an error
	}{
		{"RSA and EC", jwks(goodRSA, goodEC), 2},
		{"no use or alg", jwks(with(goodRSA, map[string]any{"use": nil, "alg": nil})), 1},
		{"encryption key skipped", jwks(goodRSA, with(goodRSA, map[string]any{"use": "enc"})), 1},
		{"RS512 key skipped", jwks(goodRSA, with(goodRSA, map[string]any{"alg": "RS512"})), 1},
		{"1024-bit RSA skipped", jwks(goodRSA, with(goodRSA, map[string]any{"n": b64(smallModulus)})), 1},
		{"even exponent skipped", jwks(goodRSA, with(goodRSA, map[string]any{"e": b64([]byte{2})})), 1},
		{"huge exponent skipped", jwks(goodRSA, with(goodRSA, map[string]any{"e": b64([]byte{1, 0, 0, 0, 1})})), 1},
		{"bad base64 skipped", jwks(goodRSA, with(goodRSA, map[string]any{"n": "***"})), 1},
		{"P-384 skipped", jwks(goodRSA, with(goodEC, map[string]any{"crv": "P-384"})), 1},
		{"point off the curve skipped", jwks(goodRSA, with(goodEC, map[string]any{"y": goodEC["x"]})), 1},
		{"short coordinate skipped", jwks(goodRSA, with(goodEC, map[string]any{"x": b64([]byte{1, 2, 3})})), 1},
		{"OKP skipped", jwks(goodRSA, map[string]any{"kty": "OKP", "crv": "Ed25519", "x": b64(make([]byte, 32))}), 1},
		{"symmetric key skipped", jwks(goodRSA, map[string]any{"kty": "oct", "k": b64([]byte("secret"))}), 1},
		{"no usable key", jwks(with(goodRSA, map[string]any{"kty": "oct"})), -1},
		{"empty set", []byte(`{"keys": []}`), -1},
		{"not JSON", []byte(`<html>login</html>`), -1},
		{"keys not a list", []byte(`{"keys": {"kty": "RSA"}}`), -1},
		{"too large", append([]byte(`{"keys": [], "pad": "`), append([]byte(strings.Repeat("x", 300<<10)), '"', '}')...), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := token.ParseJWKS(tt.data)
			if tt.keys < 0 {
				if err == nil {
					t.Fatalf("ParseJWKS accepted it, with %d keys", set.Len())
				}
				return
			}
			if err != nil || set.Len() != tt.keys {
				t.Fatalf("ParseJWKS = %v keys, %v; want %d", set, err, tt.keys)
			}
		})
	}
}
