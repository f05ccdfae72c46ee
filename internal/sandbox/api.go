package sandbox

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// bearer answers the token of an "Authorization: Bearer" header, and
// whether any Authorization header was sent.
func bearer(r *http.Request) (token string, sent bool) {
	vals := r.Header.Values("Authorization")
	if len(vals) == 0 {
		return "", false
	}
	if len(vals) > 1 {
		return "", true
	}
	scheme, tok, ok := strings.Cut(vals[0], " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", true
	}
	return strings.TrimSpace(tok), true
}

func isJWTShaped(tok string) bool { return strings.Count(tok, ".") == 2 }

// patMeta is the body of GET /v1/personal-access-token.
type patMeta struct {
	ID         string  `json:"id"`
	IssuedAt   string  `json:"issuedAt"`
	ExpiresAt  string  `json:"expiresAt"`
	LastUsedAt *string `json:"lastUsedAt"`
}

// patCreated is the body of POST /v1/personal-access-token.
type patCreated struct {
	ID        string `json:"id"`
	Token     string `json:"token"`
	IssuedAt  string `json:"issuedAt"`
	ExpiresAt string `json:"expiresAt"`
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// handlePAT serves GET, POST and DELETE /v1/personal-access-token, with the
// session's access token only.
func (s *Server) handlePAT(w http.ResponseWriter, r *http.Request) {
	tok, sent := bearer(r)
	if !sent {
		unauthorized(w, "unauthorized", "Sign in first: this call needs your session.")
		return
	}
	if isJWTShaped(tok) {
		unauthorized(w, "invalid_token", "A personal access token cannot manage personal access tokens; use your sign-in session.")
		return
	}
	s.mu.Lock()
	acct, g := s.st.session(s.now(), tok)
	s.mu.Unlock()
	if acct == nil {
		unauthorized(w, "invalid_token", "Your session has expired or was revoked. Sign in again.")
		return
	}
	if !g.has(scopePAT, scopeAPI) {
		insufficientScope(w, scopePAT)
		return
	}
	switch r.Method {
	case http.MethodGet:
		s.getPAT(w, acct)
	case http.MethodPost:
		s.createPAT(w, r, acct)
	case http.MethodDelete:
		s.deletePAT(w, acct)
	}
}

func (s *Server) getPAT(w http.ResponseWriter, acct *Account) {
	p, ok := s.currentPAT(acct)
	if !ok {
		writeAPIError(w, apiError{Status: http.StatusNotFound, Code: "not_found", Message: "You have no active personal access token."})
		return
	}
	meta := patMeta{ID: p.ID, IssuedAt: rfc3339(p.IssuedAt), ExpiresAt: rfc3339(p.ExpiresAt)}
	if !p.LastUsedAt.IsZero() {
		used := rfc3339(p.LastUsedAt)
		meta.LastUsedAt = &used
	}
	writeJSON(w, http.StatusOK, meta, true)
}

func (s *Server) createPAT(w http.ResponseWriter, r *http.Request, acct *Account) {
	if !confirmed(w, r) {
		writeAPIError(w, apiError{Status: http.StatusBadRequest, Code: "confirmation_required", Message: `Generating a token needs the body {"confirmed": true}.`})
		return
	}
	p, signed := s.generatePAT(acct)
	if p == nil {
		writeAPIError(w, apiError{Status: http.StatusConflict, Code: "conflict", Message: "You already have an active personal access token; revoke it first."})
		return
	}
	writeJSON(w, http.StatusCreated, patCreated{ID: p.ID, Token: signed, IssuedAt: rfc3339(p.IssuedAt), ExpiresAt: rfc3339(p.ExpiresAt)}, true)
}

// confirmed reads the body {"confirmed": true} and nothing else.
func confirmed(w http.ResponseWriter, r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return false
	}
	var body struct {
		Confirmed *bool `json:"confirmed"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10))
	if err := dec.Decode(&body); err != nil || body.Confirmed == nil || !*body.Confirmed {
		return false
	}
	return dec.Decode(&struct{}{}) == io.EOF
}

func (s *Server) deletePAT(w http.ResponseWriter, acct *Account) {
	s.revokePATs(acct)
	w.WriteHeader(http.StatusNoContent)
}

// meResponse is the body of GET /v1/me.
type meResponse struct {
	ID          string `json:"id"`
	Email       string `json:"email"`
	DisplayName string `json:"displayName"`
}

// handleMe answers who a PAT (or a session access token) belongs to.
func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	acct, ok := s.bearerAccount(w, r, scopeAPI, scopePAT)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, meResponse{ID: acct.ID, Email: acct.Email, DisplayName: acct.Name}, false)
}
