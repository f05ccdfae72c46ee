package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"slices"
	"strings"
	"time"
)

// store is the platform's memory: sign-ins in progress, codes, sessions and
// PATs. Secrets are kept only as SHA-256 hashes. It does no locking: the
// Server holds its lock around every call.
type store struct {
	pending map[string]*pendingSignIn // by id (not a secret that grants anything alone)
	codes   map[string]*authCode      // by hash of the code
	grants  map[string]*grant         // by id: one per successful code exchange
	access  map[string]*accessRecord  // by hash of the access token
	refresh map[string]*refreshRecord // by hash of the refresh token
	pats    []*patRecord              // every PAT ever issued, oldest first
}

func newStore() *store {
	return &store{
		pending: map[string]*pendingSignIn{},
		codes:   map[string]*authCode{},
		grants:  map[string]*grant{},
		access:  map[string]*accessRecord{},
		refresh: map[string]*refreshRecord{},
	}
}

// authRequest is a validated authorization request.
type authRequest struct {
	ClientID    string
	RedirectURI string
	State       string
	Challenge   string
	Scope       string
	LoginHint   string
}

// pendingSignIn carries an authorization request from the sign-in page to
// the consent page, so nothing but its id travels through the browser.
type pendingSignIn struct {
	ID      string
	Req     authRequest
	UserID  string // set once the password was right
	Expires time.Time
}

type authCode struct {
	ClientID    string
	UserID      string
	RedirectURI string
	Challenge   string
	Scope       string
	Expires     time.Time
	Used        bool
	Grant       string // the grant its exchange created, for revocation on reuse
}

type grant struct {
	ID       string
	ClientID string
	UserID   string
	Scope    string
	Revoked  bool
}

// has reports whether the grant's scope includes one of the scopes.
func (g *grant) has(scopes ...string) bool {
	for _, sc := range strings.Fields(g.Scope) {
		if slices.Contains(scopes, sc) {
			return true
		}
	}
	return false
}

type accessRecord struct {
	Grant   string
	Expires time.Time
}

type refreshRecord struct {
	Grant   string
	Expires time.Time
	Rotated bool // already exchanged: presenting it again is reuse
}

type patRecord struct {
	ID         string
	UserID     string
	IssuedAt   time.Time
	ExpiresAt  time.Time
	Revoked    bool
	LastUsedAt time.Time // zero: never used
}

func (p *patRecord) active(now time.Time) bool {
	return !p.Revoked && now.Before(p.ExpiresAt)
}

// tokenResponse is the token endpoint's success body (RFC 6749 §5.1).
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"` // only with offline_access
	Scope        string `json:"scope"`
}

const maxPending = 1000 // sign-in pages open at once; the oldest is dropped beyond

func (st *store) addPending(now time.Time, req authRequest) *pendingSignIn {
	for id, p := range st.pending {
		if !now.Before(p.Expires) {
			delete(st.pending, id)
		}
	}
	if len(st.pending) >= maxPending {
		var oldest *pendingSignIn
		for _, p := range st.pending {
			if oldest == nil || p.Expires.Before(oldest.Expires) {
				oldest = p
			}
		}
		delete(st.pending, oldest.ID)
	}
	p := &pendingSignIn{ID: randomString(""), Req: req, Expires: now.Add(pendingTTL)}
	st.pending[p.ID] = p
	return p
}

func (st *store) getPending(now time.Time, id string) *pendingSignIn {
	p := st.pending[id]
	if p == nil || !now.Before(p.Expires) {
		return nil
	}
	return p
}

// issueCode answers a fresh authorization code for the user.
func (st *store) issueCode(now time.Time, userID string, req authRequest) string {
	for h, c := range st.codes {
		// Spent codes are kept as long as their tokens may live, so that a
		// late reuse still revokes them.
		if now.After(c.Expires.Add(refreshTokenTTL)) || (!c.Used && now.After(c.Expires)) {
			delete(st.codes, h)
		}
	}
	code := randomString("")
	st.codes[hashSecret(code)] = &authCode{
		ClientID: req.ClientID, UserID: userID, RedirectURI: req.RedirectURI, Challenge: req.Challenge,
		Scope: req.Scope, Expires: now.Add(codeTTL),
	}
	return code
}

// exchangeCode spends a code. Any presentation of a known code spends it;
// presenting a spent code again revokes the tokens issued with it.
func (st *store) exchangeCode(now time.Time, clientID, code, redirectURI, verifier string, accessTTL time.Duration) (tokenResponse, *oauthError) {
	c := st.codes[hashSecret(code)]
	switch {
	case c == nil:
		return tokenResponse{}, errGrant("The code is unknown.")
	case c.Used:
		st.revokeGrant(c.Grant)
		return tokenResponse{}, errGrant("The code was already used; the tokens issued with it are revoked.")
	}
	c.Used = true
	switch {
	case c.ClientID != clientID:
		return tokenResponse{}, errGrant("The code was issued to another client.")
	case !now.Before(c.Expires):
		return tokenResponse{}, errGrant("The code has expired.")
	case c.RedirectURI != redirectURI:
		return tokenResponse{}, errGrant("The code was issued to another redirect_uri.")
	case !verifierMatches(verifier, c.Challenge):
		return tokenResponse{}, errGrant("The code_verifier does not match the code_challenge.")
	}
	g := &grant{ID: randomString(""), ClientID: c.ClientID, UserID: c.UserID, Scope: c.Scope}
	st.grants[g.ID] = g
	c.Grant = g.ID
	return st.issueTokens(now, g, accessTTL), nil
}

// refreshTokens rotates a refresh token. Presenting a rotated one again
// revokes the whole session (RFC 9700 §4.14.2).
func (st *store) refreshTokens(now time.Time, clientID, token string, accessTTL time.Duration) (tokenResponse, *oauthError) {
	r := st.refresh[hashSecret(token)]
	if r == nil || !now.Before(r.Expires) {
		return tokenResponse{}, errGrant("The refresh token is unknown, expired or revoked.")
	}
	g := st.grants[r.Grant]
	if g == nil || g.ClientID != clientID {
		return tokenResponse{}, errGrant("The refresh token was issued to another client.")
	}
	if r.Rotated {
		st.revokeGrant(r.Grant)
		return tokenResponse{}, errGrant("The refresh token was already used; the session is revoked.")
	}
	r.Rotated = true
	return st.issueTokens(now, g, accessTTL), nil
}

func (st *store) issueTokens(now time.Time, g *grant, accessTTL time.Duration) tokenResponse {
	at, rt := randomString("at_"), ""
	st.access[hashSecret(at)] = &accessRecord{Grant: g.ID, Expires: now.Add(accessTTL)}
	if g.has(scopeOffline) {
		rt = randomString("rt_")
		st.refresh[hashSecret(rt)] = &refreshRecord{Grant: g.ID, Expires: now.Add(refreshTokenTTL)}
	}
	st.pruneTokens(now) // after adding: a grant without a live token is dropped
	return tokenResponse{
		AccessToken: at, TokenType: "Bearer", ExpiresIn: int64(accessTTL / time.Second),
		RefreshToken: rt, Scope: g.Scope,
	}
}

func (st *store) pruneTokens(now time.Time) {
	for h, a := range st.access {
		if !now.Before(a.Expires) {
			delete(st.access, h)
		}
	}
	for h, r := range st.refresh {
		if !now.Before(r.Expires) {
			delete(st.refresh, h)
		}
	}
	live := map[string]bool{}
	for _, r := range st.refresh {
		live[r.Grant] = true
	}
	for _, a := range st.access {
		live[a.Grant] = true
	}
	for id := range st.grants {
		if !live[id] {
			delete(st.grants, id)
		}
	}
}

// revokeGrant ends a session: every access and refresh token issued under it.
func (st *store) revokeGrant(id string) {
	if id == "" {
		return
	}
	for h, a := range st.access {
		if a.Grant == id {
			delete(st.access, h)
		}
	}
	for h, r := range st.refresh {
		if r.Grant == id {
			delete(st.refresh, h)
		}
	}
	delete(st.grants, id)
}

// revoke implements RFC 7009: a refresh token ends its session, an access
// token ends itself, anything else (or another client's token) is ignored.
// It reports whether anything changed.
func (st *store) revoke(clientID, token string) bool {
	h := hashSecret(token)
	if r := st.refresh[h]; r != nil && st.clientOf(r.Grant) == clientID {
		st.revokeGrant(r.Grant)
		return true
	}
	if a := st.access[h]; a != nil && st.clientOf(a.Grant) == clientID {
		delete(st.access, h)
		return true
	}
	return false
}

func (st *store) clientOf(grantID string) string {
	if g := st.grants[grantID]; g != nil {
		return g.ClientID
	}
	return ""
}

// session answers the account and grant behind a live access token, or nil.
func (st *store) session(now time.Time, token string) (*Account, *grant) {
	a := st.access[hashSecret(token)]
	if a == nil || !now.Before(a.Expires) {
		return nil, nil
	}
	g := st.grants[a.Grant]
	if g == nil {
		return nil, nil
	}
	acct := accountByID(g.UserID)
	if acct == nil {
		return nil, nil
	}
	return acct, g
}

func (st *store) activePAT(now time.Time, userID string) *patRecord {
	for _, p := range st.pats {
		if p.UserID == userID && p.active(now) {
			return p
		}
	}
	return nil
}

func (st *store) patByID(id string) *patRecord {
	for _, p := range st.pats {
		if p.ID == id {
			return p
		}
	}
	return nil
}

func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// randomString is 256 random bits, base64url, after prefix.
func randomString(prefix string) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return prefix + b64(b)
}

// newPATID answers an id in the contract's shape: pat_ and 16 upper-case
// base32 characters (80 random bits).
func newPATID() string {
	return "pat_" + rand.Text()[:16]
}

// challengeOf is the S256 code challenge of a verifier (RFC 7636 §4.2).
func challengeOf(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return b64(sum[:])
}

func verifierMatches(verifier, challenge string) bool {
	if !validVerifier(verifier) {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(challengeOf(verifier)), []byte(challenge)) == 1
}

// validVerifier checks RFC 7636 §4.1: 43 to 128 unreserved characters.
func validVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

// validChallenge checks an S256 challenge: 43 base64url characters.
func validChallenge(c string) bool {
	if len(c) != 43 {
		return false
	}
	for i := 0; i < len(c); i++ {
		ch := c[i]
		if !(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_') {
			return false
		}
	}
	return true
}
