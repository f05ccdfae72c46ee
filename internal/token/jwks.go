package token

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
)

// maxJWKSSize bounds the key set ParseJWKS reads; real ones are a few KiB.
const maxJWKSSize = 256 << 10

// minRSABits is the smallest RSA key accepted (NIST SP 800-131A).
const minRSABits = 2048

// KeySet is the platform's public signing keys (RFC 7517), as published at
// its jwks_uri. Only RSA keys (for RS256) and EC P-256 keys (for ES256)
// are kept.
type KeySet struct {
	keys []publicKey
}

type publicKey struct {
	kid string
	alg string // "" when the set does not restrict the key
	key any    // *rsa.PublicKey or *ecdsa.PublicKey
}

// Len is the number of usable keys in the set.
func (s *KeySet) Len() int { return len(s.keys) }

type jwk struct {
	Kty string `json:"kty"`
	Use string `json:"use"`
	Alg string `json:"alg"`
	Kid string `json:"kid"`
	N   string `json:"n"`
	E   string `json:"e"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

// ParseJWKS reads a JSON Web Key Set. Keys of other types, curves or uses,
// RSA keys under 2048 bits and malformed keys are skipped; a set with no
// usable key at all is an error.
func ParseJWKS(data []byte) (*KeySet, error) {
	if len(data) > maxJWKSSize {
		return nil, fmt.Errorf("the platform's key set is larger than %d KiB", maxJWKSSize>>10)
	}
	var doc struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, errors.New("the platform's key set is not valid JSON Web Key Set")
	}
	set := &KeySet{}
	for _, k := range doc.Keys {
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		var key any
		switch {
		case k.Kty == "RSA" && (k.Alg == "" || k.Alg == "RS256"):
			key = rsaKey(k)
		case k.Kty == "EC" && k.Crv == "P-256" && (k.Alg == "" || k.Alg == "ES256"):
			key = ecKey(k)
		}
		if key != nil {
			set.keys = append(set.keys, publicKey{kid: k.Kid, alg: k.Alg, key: key})
		}
	}
	if len(set.keys) == 0 {
		return nil, errors.New("the platform's key set holds no RS256 or ES256 key")
	}
	return set, nil
}

func rsaKey(k jwk) any {
	n, err1 := base64.RawURLEncoding.DecodeString(k.N)
	e, err2 := base64.RawURLEncoding.DecodeString(k.E)
	if err1 != nil || err2 != nil || len(e) == 0 || len(e) > 4 {
		return nil
	}
	key := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	if key.N.BitLen() < minRSABits || key.E < 3 || key.E%2 == 0 {
		return nil
	}
	return key
}

func ecKey(k jwk) any {
	x, err1 := base64.RawURLEncoding.DecodeString(k.X)
	y, err2 := base64.RawURLEncoding.DecodeString(k.Y)
	if err1 != nil || err2 != nil || len(x) != 32 || len(y) != 32 {
		return nil
	}
	point := append(append([]byte{4}, x...), y...)
	key, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), point) // checks the point is on the curve
	if err != nil {
		return nil
	}
	return key
}

// lookup finds the key for a token signed with alg under kid. A token with
// no kid may use the set's only key of the right type.
func (s *KeySet) lookup(alg, kid string) (any, bool) {
	var found any
	count := 0
	for _, k := range s.keys {
		if !fits(k, alg) || (kid != "" && k.kid != kid) {
			continue
		}
		if kid != "" {
			return k.key, true
		}
		found = k.key
		count++
	}
	return found, count == 1
}

func fits(k publicKey, alg string) bool {
	if k.alg != "" && k.alg != alg {
		return false
	}
	switch k.key.(type) {
	case *rsa.PublicKey:
		return alg == "RS256"
	case *ecdsa.PublicKey:
		return alg == "ES256"
	}
	return false
}
