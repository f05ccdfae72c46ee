package sandbox

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
)

// signingKey is the RSA key PATs are signed with, and its JWKS key id.
type signingKey struct {
	priv *rsa.PrivateKey
	kid  string
}

const rsaBits = 2048

func newSigningKey() (*signingKey, error) {
	priv, err := rsa.GenerateKey(rand.Reader, rsaBits)
	if err != nil {
		return nil, fmt.Errorf("generate the signing key: %w", err)
	}
	return keyFromRSA(priv), nil
}

func keyFromRSA(priv *rsa.PrivateKey) *signingKey {
	return &signingKey{priv: priv, kid: thumbprint(&priv.PublicKey)}
}

// thumbprint is the RFC 7638 JWK thumbprint, a stable key id that changes
// whenever the key does.
func thumbprint(pub *rsa.PublicKey) string {
	j := fmt.Sprintf(`{"e":%q,"kty":"RSA","n":%q}`, b64(big.NewInt(int64(pub.E)).Bytes()), b64(pub.N.Bytes()))
	sum := sha256.Sum256([]byte(j))
	return b64(sum[:])
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// jwk is one entry of the JWKS document (RFC 7517).
type jwk struct {
	Kty string `json:"kty"`
	Use string `json:"use"`
	Alg string `json:"alg"`
	Kid string `json:"kid"`
	N   string `json:"n"`
	E   string `json:"e"`
}

func (k *signingKey) jwk() jwk {
	pub := &k.priv.PublicKey
	return jwk{Kty: "RSA", Use: "sig", Alg: "RS256", Kid: k.kid, N: b64(pub.N.Bytes()), E: b64(big.NewInt(int64(pub.E)).Bytes())}
}

// marshalPEM and parseKeyPEM keep the key in the state file as PKCS #8.
func (k *signingKey) marshalPEM() (string, error) {
	der, err := x509.MarshalPKCS8PrivateKey(k.priv)
	if err != nil {
		return "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}

func parseKeyPEM(s string) (*signingKey, error) {
	block, rest := pem.Decode([]byte(s))
	if block == nil || block.Type != "PRIVATE KEY" || len(rest) != 0 {
		return nil, errors.New("the signing key is not a PEM private key")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("the signing key does not parse: %w", err)
	}
	priv, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("the signing key is not an RSA key")
	}
	if priv.N.BitLen() < rsaBits {
		return nil, fmt.Errorf("the signing key has %d bits, fewer than %d", priv.N.BitLen(), rsaBits)
	}
	return keyFromRSA(priv), nil
}
