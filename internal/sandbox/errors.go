package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// oauthError is an RFC 6749 §5.2 error of the token and revocation endpoints.
type oauthError struct {
	Status      int    `json:"-"`
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

func errRequest(desc string) *oauthError {
	return &oauthError{Status: http.StatusBadRequest, Code: "invalid_request", Description: desc}
}

func errGrant(desc string) *oauthError {
	return &oauthError{Status: http.StatusBadRequest, Code: "invalid_grant", Description: desc}
}

func errClient(desc string) *oauthError {
	return &oauthError{Status: http.StatusUnauthorized, Code: "invalid_client", Description: desc}
}

func writeOAuthError(w http.ResponseWriter, e *oauthError) {
	writeJSON(w, e.Status, e, true)
}

// apiError is the error body of the API and of the documents (discovery,
// JWKS): docs/platform-api.md section 4.5.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeAPIError(w http.ResponseWriter, e apiError) {
	if e.Status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, e.Status, e, false)
}

// unauthorized answers 401 with the RFC 6750 challenge; code is
// "invalid_token" when a token was presented, "unauthorized" when none was.
func unauthorized(w http.ResponseWriter, code, message string) {
	challenge := `Bearer realm="iobeya-sandbox"`
	if code == "invalid_token" {
		challenge += `, error="invalid_token"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	writeAPIError(w, apiError{Status: http.StatusUnauthorized, Code: code, Message: message})
}

// insufficientScope answers 403 with the RFC 6750 §3.1 challenge: a valid
// session token that was not granted the scope the call needs.
func insufficientScope(w http.ResponseWriter, scope string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="iobeya-sandbox", error="insufficient_scope", scope="`+scope+`"`)
	writeAPIError(w, apiError{Status: http.StatusForbidden, Code: "insufficient_scope", Message: "Your sign-in does not allow this call. Sign in again and allow it."})
}

// faultAPIError is the contract's body for an injected status on the API.
func faultAPIError(status int) apiError {
	e := apiError{Status: status, Code: "bad_request", Message: "The demo platform was told to fail this request (" + strconv.Itoa(status) + ")."}
	switch {
	case status == http.StatusUnauthorized:
		e.Code = "unauthorized"
	case status == http.StatusForbidden:
		e.Code = "forbidden"
	case status == http.StatusNotFound:
		e.Code = "not_found"
	case status == http.StatusConflict:
		e.Code = "conflict"
	case status == http.StatusTooManyRequests:
		e.Code = "rate_limited"
	case status == http.StatusServiceUnavailable:
		e.Code = "unavailable"
	case status >= 500:
		e.Code = "server_error"
	}
	return e
}

// faultOAuthError is the RFC 6749 §5.2 body for an injected status on the
// token and revocation endpoints.
func faultOAuthError(status int) *oauthError {
	e := &oauthError{Status: status, Code: "invalid_request", Description: "The demo platform was told to fail this request (" + strconv.Itoa(status) + ")."}
	switch {
	case status == http.StatusUnauthorized:
		e.Code = "invalid_client"
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		e.Code = "temporarily_unavailable"
	case status >= 500:
		e.Code = "server_error"
	}
	return e
}

func writeJSON(w http.ResponseWriter, status int, v any, noStore bool) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	if noStore {
		h.Set("Cache-Control", "no-store")
		h.Set("Pragma", "no-cache")
	}
	if status == http.StatusTooManyRequests && h.Get("Retry-After") == "" {
		h.Set("Retry-After", "1")
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client hung up: nothing to do
}
