package token

import (
	"errors"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// allowedAlgorithms are the only signatures Verify accepts: "none", the
// HMAC family (whose key would be public here) and everything else are
// refused before any key is looked at.
var allowedAlgorithms = []string{"RS256", "ES256"}

// Leeway is the clock skew tolerated on exp, nbf and iat.
const Leeway = time.Minute

// errUnknownKey is returned by the key lookup; it ends up as ErrSignature.
var errUnknownKey = errors.New("signed by a key the platform does not publish")

// Verify checks raw's signature against keys, that it was issued by issuer,
// and that it has not expired at now (with a minute of leeway). It accepts
// the same input as Inspect and returns the same Info on success. Errors
// wrap ErrTooLarge, ErrMalformed, ErrAlgorithm, ErrSignature, ErrIssuer,
// ErrExpired or ErrNotYetValid.
func Verify(raw string, keys *KeySet, issuer string, now time.Time) (*Info, error) {
	raw, err := normalize(raw)
	if err != nil {
		return nil, err
	}
	if keys == nil || keys.Len() == 0 {
		return nil, because(ErrSignature, "the platform's keys are not known")
	}
	if issuer == "" {
		return nil, because(ErrIssuer, "no platform to compare with")
	}
	p := jwt.NewParser(
		jwt.WithValidMethods(allowedAlgorithms), // checked again in the key lookup
		jwt.WithIssuer(issuer),
		jwt.WithLeeway(Leeway),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	var c claims
	t, err := p.ParseWithClaims(raw, &c, func(t *jwt.Token) (any, error) {
		alg := t.Method.Alg()
		if !slices.Contains(allowedAlgorithms, alg) {
			return nil, ErrAlgorithm
		}
		kid, _ := t.Header["kid"].(string)
		key, ok := keys.lookup(alg, kid)
		if !ok {
			return nil, errUnknownKey
		}
		return key, nil
	})
	if err != nil {
		return nil, verifyError(raw, t, err)
	}
	return info(t, &c), nil
}

func verifyError(raw string, t *jwt.Token, err error) error {
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed) || (errors.Is(err, jwt.ErrTokenUnverifiable) && (t == nil || t.Method == nil)):
		return parseError(raw, err)
	case errors.Is(err, ErrAlgorithm):
		return because(ErrAlgorithm, "only RS256 and ES256 signatures are accepted")
	case errors.Is(err, jwt.ErrTokenSignatureInvalid) && t != nil && t.Method != nil && !slices.Contains(allowedAlgorithms, t.Method.Alg()):
		return because(ErrAlgorithm, "only RS256 and ES256 signatures are accepted")
	case errors.Is(err, errUnknownKey):
		return because(ErrSignature, errUnknownKey.Error())
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return ErrSignature
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return ErrIssuer
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing): // iss is the only claim required
		return because(ErrIssuer, "it does not say which platform issued it")
	case errors.Is(err, jwt.ErrTokenExpired):
		return ErrExpired
	case errors.Is(err, jwt.ErrTokenNotValidYet), errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return ErrNotYetValid
	}
	return because(ErrMalformed, "its claims cannot be checked")
}
