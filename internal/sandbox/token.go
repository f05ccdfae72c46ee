package sandbox

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

const maxFormBytes = 64 << 10

// readForm reads an application/x-www-form-urlencoded body in which no
// parameter is repeated (RFC 6749 §3.2).
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, *oauthError) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return nil, errRequest("The body must be application/x-www-form-urlencoded.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errRequest("The body is too large.")
		}
		return nil, errRequest("The body is not a valid form.")
	}
	for k, v := range r.PostForm {
		if len(v) > 1 {
			return nil, errRequest("The parameter " + strconv.Quote(paramName(k)) + " is repeated.")
		}
	}
	return r.PostForm, nil
}

// handleToken is the token endpoint (RFC 6749 §3.2, RFC 7636 §4.5).
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	f, oerr := readForm(w, r)
	var c *oauthClient
	if oerr == nil {
		c, oerr = s.authenticateClient(w, r, f)
	}
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	var resp tokenResponse
	switch f.Get("grant_type") {
	case "":
		oerr = errRequest("The grant_type is missing.")
	case "authorization_code":
		for _, p := range []string{"code", "redirect_uri", "code_verifier"} {
			if f.Get(p) == "" && oerr == nil {
				oerr = errRequest("The " + p + " is missing.")
			}
		}
		if oerr == nil {
			s.mu.Lock()
			resp, oerr = s.st.exchangeCode(s.now(), c.ID, f.Get("code"), f.Get("redirect_uri"), f.Get("code_verifier"), s.cfg.AccessTokenTTL)
			s.saveOrLog()
			s.mu.Unlock()
		}
	case "refresh_token":
		if f.Get("refresh_token") == "" {
			oerr = errRequest("The refresh_token is missing.")
			break
		}
		s.mu.Lock()
		resp, oerr = s.st.refreshTokens(s.now(), c.ID, f.Get("refresh_token"), s.cfg.AccessTokenTTL)
		s.saveOrLog()
		s.mu.Unlock()
	default:
		oerr = &oauthError{Status: http.StatusBadRequest, Code: "unsupported_grant_type", Description: "Only authorization_code and refresh_token are supported."}
	}
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	writeJSON(w, http.StatusOK, resp, true)
}

// handleRevoke is the revocation endpoint (RFC 7009): 200 even for a token
// it does not know or that another client holds (§2.1: not revoked).
func (s *Server) handleRevoke(w http.ResponseWriter, r *http.Request) {
	f, oerr := readForm(w, r)
	var c *oauthClient
	if oerr == nil {
		c, oerr = s.authenticateClient(w, r, f)
	}
	if oerr == nil && f.Get("token") == "" {
		oerr = errRequest("The token is missing.")
	}
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	s.mu.Lock()
	if s.st.revoke(c.ID, f.Get("token")) {
		s.saveOrLog()
	}
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}
