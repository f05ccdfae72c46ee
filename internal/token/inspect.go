package token

import (
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/tokenlimit"
)

// MaxSize is the one size limit of a token on its whole path: what
// Inspect, Verify and Mask read, what the keychain stores and reads back,
// and what the client accepts in a platform's answer. Most PATs are under
// 2 KiB, but a JWT with many claims (groups, roles) can grow to tens of
// KiB; a limit the platform can exceed while storing works would lose a
// token.
const MaxSize = tokenlimit.MaxBytes

// Info is what a token says about itself. Nothing in it is secret.
type Info struct {
	Subject   string // the user's id on the platform (sub)
	Email     string
	Name      string
	Issuer    string    // the platform (iss)
	ID        string    // the PAT's id (jti), as in GET /personal-access-token
	Algorithm string    // alg of the header, e.g. "RS256"
	KeyID     string    // kid of the header
	IssuedAt  time.Time // zero if absent
	ExpiresAt time.Time // zero if absent
}

// HasExpiry reports whether the token carries an expiry date.
func (i *Info) HasExpiry() bool { return !i.ExpiresAt.IsZero() }

// claims are the PAT's claims (docs/platform-api.md, section 5).
type claims struct {
	jwt.RegisteredClaims
	Email string `json:"email,omitempty"`
	Name  string `json:"name,omitempty"`
}

// unverified parses without checking signatures or dates: Inspect is for
// display only.
var unverified = jwt.NewParser()

// Inspect reads a token for display, without verifying it. It accepts
// surrounding whitespace and a leading "Bearer ", refuses input over
// MaxSize with ErrTooLarge, and anything that is not a JWT with
// ErrMalformed (ErrAlgorithm for an algorithm no JWT library knows).
func Inspect(raw string) (*Info, error) {
	raw, err := normalize(raw)
	if err != nil {
		return nil, err
	}
	var c claims
	t, _, err := unverified.ParseUnverified(raw, &c)
	if err != nil {
		return nil, parseError(raw, err)
	}
	return info(t, &c), nil
}

// normalize trims what people paste around a token, after the size check
// so a huge input costs nothing.
func normalize(raw string) (string, error) {
	if len(raw) > MaxSize {
		return "", ErrTooLarge
	}
	raw = strings.TrimSpace(raw)
	if len(raw) >= 7 && strings.EqualFold(raw[:7], "bearer ") {
		raw = strings.TrimSpace(raw[7:])
	}
	if raw == "" {
		return "", because(ErrMalformed, WhyEmpty, "it is empty")
	}
	return raw, nil
}

// parseError turns the JWT library's error into ours, without its text
// (which may quote bytes of the input).
func parseError(raw string, err error) error {
	switch {
	case strings.Count(raw, ".") != 2:
		return because(ErrMalformed, WhyParts, "it is not made of three parts separated by dots")
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		return because(ErrAlgorithm, WhyAlgorithm, "its header names no known signing algorithm")
	}
	return because(ErrMalformed, WhyUnreadable, "its parts cannot be read")
}

func info(t *jwt.Token, c *claims) *Info {
	i := &Info{
		Subject: c.Subject,
		Email:   c.Email,
		Name:    c.Name,
		Issuer:  c.Issuer,
		ID:      c.ID,
	}
	if t.Method != nil {
		i.Algorithm = t.Method.Alg()
	}
	if kid, ok := t.Header["kid"].(string); ok {
		i.KeyID = kid
	}
	if c.IssuedAt != nil {
		i.IssuedAt = c.IssuedAt.Time
	}
	if c.ExpiresAt != nil {
		i.ExpiresAt = c.ExpiresAt.Time
	}
	return i
}
