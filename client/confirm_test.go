package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/tokenlimit"
)

// TestWritesNeedTheContractsAnswer: only the contract's success answer
// confirms a write (issue 13 item 1, docs/platform-api.md §4.6).
func TestWritesNeedTheContractsAnswer(t *testing.T) {
	created := func(status int, ct string, fields map[string]string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(status)
			b := "{"
			sep := ""
			for k, v := range fields {
				b += fmt.Sprintf("%s%q:%q", sep, k, v)
				sep = ","
			}
			_, _ = w.Write([]byte(b + "}"))
		}
	}
	full := func(token string) map[string]string {
		return map[string]string{"id": "pat_1", "token": token, "issuedAt": "2026-11-27T10:00:00Z", "expiresAt": "2027-02-25T10:00:00Z"}
	}
	without := func(token, field string) map[string]string {
		m := full(token)
		delete(m, field)
		return m
	}
	tests := []struct {
		name   string
		method string
		h      func(token string) http.HandlerFunc
		ok     bool
		also   error
	}{
		{"create 201 JSON", "POST", func(tok string) http.HandlerFunc { return created(201, "application/json; charset=utf-8", full(tok)) }, true, nil},
		{"create 200 JSON", "POST", func(tok string) http.HandlerFunc { return created(200, "application/json", full(tok)) }, false, nil},
		{"create 201 text/plain", "POST", func(tok string) http.HandlerFunc { return created(201, "text/plain", full(tok)) }, false, ErrBadResponse},
		{"create 201 no token", "POST", func(tok string) http.HandlerFunc { return created(201, "application/json", without(tok, "token")) }, false, ErrBadResponse},
		{"create 201 no id", "POST", func(tok string) http.HandlerFunc { return created(201, "application/json", without(tok, "id")) }, false, ErrBadResponse},
		{"create 201 no expiry", "POST", func(tok string) http.HandlerFunc { return created(201, "application/json", without(tok, "expiresAt")) }, false, ErrBadResponse},
		{"create 409", "POST", func(string) http.HandlerFunc { return apiErr(409, "conflict", "You already have one.") }, false, ErrConflict},
		{"create 404 plain", "POST", func(string) http.HandlerFunc { return http.NotFound }, false, ErrUnsupported},
		{"revoke 204", "DELETE", func(string) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }
		}, true, nil},
		{"revoke 200 empty", "DELETE", func(string) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) }
		}, false, nil},
		{"revoke 404 JSON", "DELETE", func(string) http.HandlerFunc { return apiErr(404, "not_found", "Nothing.") }, false, ErrUnsupported},
		{"revoke 503", "DELETE", func(string) http.HandlerFunc { return apiErr(503, "unavailable", "Down.") }, false, ErrServer},
		{"revoke 307 elsewhere", "DELETE", func(string) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "https://login.example.net/x", http.StatusTemporaryRedirect)
			}
		}, false, ErrNotAPI},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakePlatform(t)
			token := mintJWT(t)
			f.mux.HandleFunc(tt.method+" "+facadeBase+"/personal-access-token", tt.h(token))
			c := f.client(t)
			var err error
			if tt.method == "POST" {
				var p *NewPAT
				p, err = c.CreatePAT(t.Context(), mintOpaque("at_"))
				if err == nil && p.Token != token {
					t.Fatalf("CreatePAT returned another token")
				}
			} else {
				err = c.RevokePAT(t.Context(), mintOpaque("at_"))
			}
			if tt.ok {
				if err != nil {
					t.Fatalf("want confirmed, got %v", err)
				}
				return
			}
			var nc *NotConfirmedError
			if !errors.Is(err, ErrNotConfirmed) || !errors.As(err, &nc) {
				t.Fatalf("%v: want ErrNotConfirmed", err)
			}
			if tt.also != nil && !errors.Is(err, tt.also) {
				t.Errorf("%v: want also %v", err, tt.also)
			}
			host := f.srv.Listener.Addr().String()
			if msg := err.Error(); !strings.HasPrefix(msg, "The platform "+host+" did not confirm") || strings.Contains(msg, token[:24]) {
				t.Errorf("message %q: want the host, never the token", msg)
			}
			if tt.name == "revoke 307 elsewhere" && !strings.Contains(err.Error(), "login.example.net") {
				t.Errorf("%q does not say where the redirect pointed", err)
			}
		})
	}
}

// TestCreatePATAdmitsTheTokenLimit: a token of the project-wide size limit
// comes through the client whole (issue 13 item 2).
func TestCreatePATAdmitsTheTokenLimit(t *testing.T) {
	f := newFakePlatform(t)
	token := mintJWT(t)
	token += strings.Repeat("A", tokenlimit.MaxBytes-len(token))
	f.mux.HandleFunc("POST "+facadeBase+"/personal-access-token", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 201, map[string]string{"id": "pat_1", "token": token, "issuedAt": "2026-11-27T10:00:00Z", "expiresAt": "2027-02-25T10:00:00Z"})
	})
	p, err := f.client(t).CreatePAT(t.Context(), mintOpaque("at_"))
	if err != nil {
		t.Fatalf("CreatePAT of a %d-byte token: %v", len(token), err)
	}
	if p.Token != token {
		t.Errorf("the token came back with %d bytes, want %d", len(p.Token), len(token))
	}
}
