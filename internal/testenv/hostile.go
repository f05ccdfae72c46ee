package testenv

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Misbehaviour is one way a platform, or something in front of it (a proxy,
// a login wall), answers a request badly. A hostile platform (StartHostile)
// answers chosen endpoints this way.
type Misbehaviour string

// The misbehaviours of issue 13 item 9. Those that reuse the honest answer
// send 200 where the honest status is 204 (which cannot carry a body).
const (
	// HTMLPage is 200 with a text/html login page.
	HTMLPage Misbehaviour = "html-200"
	// HTMLNotFound is 404 with a text/html page.
	HTMLNotFound Misbehaviour = "html-404"
	// HTMLUnauthorized is 401 with a text/html sign-in page.
	HTMLUnauthorized Misbehaviour = "html-401"
	// PlainNotFound is 404 with text/plain "404 page not found".
	PlainNotFound Misbehaviour = "plain-404"
	// HugeBody is the honest status, application/json, and a body of
	// HugeSize bytes streamed from a small buffer.
	HugeBody Misbehaviour = "huge-body"
	// Trickle is the honest answer, its body sent one byte per second.
	Trickle Misbehaviour = "trickle"
	// HeadersThenHang is the honest status and headers, then nothing until
	// the client gives up or the test ends.
	HeadersThenHang Misbehaviour = "headers-then-hang"
	// RedirectElsewhere is 302 to the same path on another loopback server
	// (Hostile.Elsewhere), which counts every request it gets.
	RedirectElsewhere Misbehaviour = "redirect-elsewhere"
	// WrongContentType is the honest answer sent as text/plain.
	WrongContentType Misbehaviour = "wrong-content-type"
	// TruncatedJSON is the honest status and headers with a Content-Length
	// of the whole body, half of the body, then the connection closes.
	TruncatedJSON Misbehaviour = "truncated-json"
)

// Misbehaviours lists every Misbehaviour, for table tests.
var Misbehaviours = []Misbehaviour{HTMLPage, HTMLNotFound, HTMLUnauthorized, PlainNotFound, HugeBody,
	Trickle, HeadersThenHang, RedirectElsewhere, WrongContentType, TruncatedJSON}

// HugeSize is the size of a HugeBody answer: far over any cap of the client.
const HugeSize = 64 << 20

// Endpoints of the stand-in platform, as "METHOD /path" (the keys of
// StartHostile's faults). The paths are the contract's defaults
// (docs/platform-api.md).
const (
	EndpointDiscovery = "GET /.well-known/oauth-authorization-server"
	EndpointOIDC      = "GET /.well-known/openid-configuration"
	EndpointToken     = "POST /oauth/token"
	EndpointRevoke    = "POST /oauth/revoke"
	EndpointJWKS      = "GET /oauth/jwks"
	EndpointPATGet    = "GET /v1/personal-access-token"
	EndpointPATCreate = "POST /v1/personal-access-token"
	EndpointPATDelete = "DELETE /v1/personal-access-token"
	EndpointMe        = "GET /v1/me"
	EndpointRooms     = "GET /v1/rooms"
)

// Hostile is a platform on a loopback address that misbehaves on chosen
// endpoints. It is closed when the test ends.
type Hostile struct {
	URL       string // the platform's origin, http://127.0.0.1:PORT
	Elsewhere string // the origin RedirectElsewhere points to

	hits      sync.Map // endpoint → *atomic.Int64
	sent      sync.Map // endpoint → *atomic.Int64 (body bytes written)
	elsewhere atomic.Int64
	done      chan struct{}
}

// StartHostile starts a hostile platform for t. A request whose "METHOD
// /path" is a key of faults gets that misbehaviour; every other request goes
// to honest, or, when honest is nil, to a stand-in of the contract (see
// StandIn). The honest answer of a faulty endpoint is what Trickle,
// WrongContentType, TruncatedJSON and the statuses of HugeBody and
// HeadersThenHang are made from. Slow answers stop when the client hangs up
// or the test ends, so the test's own deadlines bound it.
func StartHostile(t testing.TB, honest http.Handler, faults map[string]Misbehaviour) *Hostile {
	t.Helper()
	h := &Hostile{done: make(chan struct{})}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.elsewhere.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(other.Close)
	if honest == nil {
		honest = StandIn(func() string { return h.URL })
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.Path
		counter(&h.hits, key).Add(1)
		m, ok := faults[key]
		if !ok {
			honest.ServeHTTP(w, r)
			return
		}
		// A misbehaving handler must never outlive the test.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Minute))
		h.misbehave(w, r, m, honest, counter(&h.sent, key))
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(h.done) }) // runs first: lets hanging handlers return
	h.URL, h.Elsewhere = srv.URL, other.URL
	return h
}

// Hits is how many requests reached endpoint ("METHOD /path").
func (h *Hostile) Hits(endpoint string) int64 { return counter(&h.hits, endpoint).Load() }

// SentBytes is how many body bytes a misbehaving endpoint managed to write:
// for HugeBody, far less than HugeSize means the client stopped reading.
func (h *Hostile) SentBytes(endpoint string) int64 { return counter(&h.sent, endpoint).Load() }

// ElsewhereHits is how many requests reached Elsewhere: a client that
// follows no redirect leaves it at zero.
func (h *Hostile) ElsewhereHits() int64 { return h.elsewhere.Load() }

func counter(m *sync.Map, key string) *atomic.Int64 {
	n, _ := m.LoadOrStore(key, new(atomic.Int64))
	return n.(*atomic.Int64)
}

func (h *Hostile) misbehave(w http.ResponseWriter, r *http.Request, m Misbehaviour, honest http.Handler, sent *atomic.Int64) {
	write := func(b []byte) bool {
		n, err := w.Write(b)
		sent.Add(int64(n))
		return err == nil
	}
	page := func(status int, ct, body string) {
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		write([]byte(body))
	}
	switch m {
	case HTMLPage:
		page(http.StatusOK, "text/html; charset=utf-8", "<!doctype html><html><body><form>Sign in to the proxy</form></body></html>")
		return
	case HTMLNotFound:
		page(http.StatusNotFound, "text/html; charset=utf-8", "<!doctype html><html><body>Page not found</body></html>")
		return
	case HTMLUnauthorized:
		page(http.StatusUnauthorized, "text/html; charset=utf-8", "<!doctype html><html><body>Please sign in</body></html>")
		return
	case PlainNotFound:
		page(http.StatusNotFound, "text/plain; charset=utf-8", "404 page not found\n")
		return
	case RedirectElsewhere:
		http.Redirect(w, r, h.Elsewhere+r.URL.Path, http.StatusFound)
		return
	}

	rec := httptest.NewRecorder()
	honest.ServeHTTP(rec, r)
	status, body, ct := rec.Code, rec.Body.Bytes(), rec.Header().Get("Content-Type")
	if status == http.StatusNoContent || status == http.StatusNotModified {
		status = http.StatusOK
	}
	if len(body) == 0 {
		body = []byte(`{"ok":true}`)
	}
	wait := func(d time.Duration) bool {
		select {
		case <-r.Context().Done():
			return false
		case <-h.done:
			return false
		case <-time.After(d):
			return true
		}
	}
	switch m {
	case HugeBody:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		chunk := make([]byte, 32<<10)
		for i := range chunk {
			chunk[i] = 'x'
		}
		if !write([]byte(`{"id":"`)) {
			return
		}
		for n := 0; n < HugeSize; n += len(chunk) {
			if !write(chunk) {
				return
			}
		}
		write([]byte(`"}`))
	case Trickle:
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		rc := http.NewResponseController(w)
		for i := range body {
			if !write(body[i:i+1]) || rc.Flush() != nil || !wait(time.Second) {
				return
			}
		}
	case HeadersThenHang:
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_ = http.NewResponseController(w).Flush()
		wait(time.Hour)
	case WrongContentType:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		write(body)
	case TruncatedJSON:
		// Declaring the whole length and writing half makes the server
		// close the connection: the client sees the body cut short.
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		write(body[:len(body)/2])
	default:
		panic(fmt.Sprintf("testenv: unknown misbehaviour %q", m))
	}
}

// StandIn is a minimal, stateless stand-in of the platform contract at the
// origin base() returns: discovery, the PAT API (no token yet; generate
// answers 201 with a FakeJWT; revoke 204), /me, /rooms, RFC 7009 revocation
// (200) and an empty JWKS. It checks no credentials and has no sign-in
// (the token endpoint answers invalid_grant): use the sandbox for that.
func StandIn(base func() string) http.Handler {
	mux := http.NewServeMux()
	js := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	mux.HandleFunc(EndpointDiscovery, func(w http.ResponseWriter, r *http.Request) {
		b := base()
		js(w, http.StatusOK, map[string]any{
			"issuer":                           b,
			"authorization_endpoint":           b + "/oauth/authorize",
			"token_endpoint":                   b + "/oauth/token",
			"revocation_endpoint":              b + "/oauth/revoke",
			"jwks_uri":                         b + "/oauth/jwks",
			"code_challenge_methods_supported": []string{"S256"},
			"authorization_response_iss_parameter_supported": true,
			"scopes_supported": []string{"api", "personal-access-token", "offline_access"},
			"api_base_url":     b + "/v1",
		})
	})
	mux.HandleFunc(EndpointToken, func(w http.ResponseWriter, r *http.Request) {
		js(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant", "error_description": "The stand-in platform has no sign-in."})
	})
	mux.HandleFunc(EndpointRevoke, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc(EndpointJWKS, func(w http.ResponseWriter, r *http.Request) { js(w, http.StatusOK, map[string]any{"keys": []any{}}) })
	mux.HandleFunc(EndpointPATGet, func(w http.ResponseWriter, r *http.Request) {
		js(w, http.StatusNotFound, map[string]string{"code": "not_found", "message": "You have no active personal access token."})
	})
	mux.HandleFunc(EndpointPATCreate, func(w http.ResponseWriter, r *http.Request) {
		now := time.Now().UTC().Truncate(time.Second)
		exp := now.Add(90 * 24 * time.Hour)
		claims := fmt.Sprintf(`{"iss":%q,"sub":"u_alice","iat":%d,"exp":%d,"jti":"pat_standin"}`, base(), now.Unix(), exp.Unix())
		js(w, http.StatusCreated, map[string]string{"id": "pat_standin", "token": FakeJWT(claims),
			"issuedAt": now.Format(time.RFC3339), "expiresAt": exp.Format(time.RFC3339)})
	})
	mux.HandleFunc(EndpointPATDelete, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc(EndpointMe, func(w http.ResponseWriter, r *http.Request) {
		js(w, http.StatusOK, map[string]string{"id": "u_alice", "email": "alice@example.com", "displayName": "Alice Martin"})
	})
	mux.HandleFunc(EndpointRooms, func(w http.ResponseWriter, r *http.Request) {
		js(w, http.StatusOK, map[string]any{"data": []map[string]string{{"id": "room_1", "name": "Demo room"}}, "page": 1, "size": 1})
	})
	return mux
}
