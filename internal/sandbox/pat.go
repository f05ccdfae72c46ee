package sandbox

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// patClaims are the claims of a PAT (docs/platform-api.md, section 5).
type patClaims struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	jwt.RegisteredClaims
}

// mintPAT signs a new PAT for the account and records it. The caller holds
// s.mu.
func (s *Server) mintPATLocked(acct *Account, now time.Time) (*patRecord, string, error) {
	key, err := s.signingKeyLocked()
	if err != nil {
		return nil, "", err
	}
	iat := now.UTC().Truncate(time.Second)
	p := &patRecord{ID: newPATID(), UserID: acct.ID, IssuedAt: iat, ExpiresAt: iat.Add(s.cfg.TokenTTL).Truncate(time.Second)}
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, patClaims{
		Email: acct.Email,
		Name:  acct.Name,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    s.issuer(),
			Subject:   acct.ID,
			IssuedAt:  jwt.NewNumericDate(p.IssuedAt),
			ExpiresAt: jwt.NewNumericDate(p.ExpiresAt),
			ID:        p.ID,
		},
	})
	t.Header["kid"] = key.kid
	signed, err := t.SignedString(key.priv)
	if err != nil {
		return nil, "", err
	}
	s.st.pats = append(s.st.pats, p)
	return p, signed, nil
}

var errUnknownKey = errors.New("unknown signing key")

// verifyPAT answers the account a PAT belongs to and records its use, or
// nil when the PAT is malformed, wrongly signed, from another issuer,
// expired, revoked or unknown.
func (s *Server) verifyPAT(token string) *Account {
	s.mu.Lock()
	key := s.key
	s.mu.Unlock()
	if key == nil {
		return nil // no PAT was ever signed here
	}
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodRS256.Alg()}),
		jwt.WithIssuer(s.issuer()),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(s.now),
	)
	var c patClaims
	_, err := parser.ParseWithClaims(token, &c, func(t *jwt.Token) (any, error) {
		if kid, _ := t.Header["kid"].(string); kid != key.kid {
			return nil, errUnknownKey
		}
		return &key.priv.PublicKey, nil
	})
	if err != nil {
		return nil
	}
	acct := accountByID(c.Subject)
	if acct == nil || acct.Email != c.Email {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	p := s.st.patByID(c.ID)
	if p == nil || p.UserID != acct.ID || !p.active(now) {
		return nil
	}
	p.LastUsedAt = now.UTC()
	s.saveOrLog()
	return acct
}

// currentPAT answers a copy of the account's active PAT record, if any.
func (s *Server) currentPAT(acct *Account) (patRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.st.activePAT(s.now(), acct.ID); p != nil {
		return *p, true
	}
	return patRecord{}, false
}

// generatePAT makes and records a PAT for the account, or answers nil when
// one is active. The API and the web page both generate through it.
func (s *Server) generatePAT(acct *Account) (*patRecord, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if s.st.activePAT(now, acct.ID) != nil {
		return nil, ""
	}
	p, signed, err := s.mintPATLocked(acct, now)
	if err != nil {
		panic(err) // no randomness or a broken key: a real failure, answered 500
	}
	s.saveOrLog()
	cp := *p
	return &cp, signed
}

// revokePATs revokes the account's active PATs; none is fine.
func (s *Server) revokePATs(acct *Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now, changed := s.now(), false
	for _, p := range s.st.pats {
		if p.UserID == acct.ID && p.active(now) {
			p.Revoked, changed = true, true
		}
	}
	if changed {
		s.saveOrLog()
	}
}
