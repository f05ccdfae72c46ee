package client

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// TestCheckAPIAccess: the check calls GET API/rooms?page=1&size=1 with the
// token as a Power Automate flow would, and says plainly what the answer
// means (issue 11 item 3).
func TestCheckAPIAccess(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    error // nil: works
		says    string
	}{
		{"200 works", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, map[string]any{"data": []any{}, "page": 1})
		}, nil, ""},
		{"401 rejected", apiErr(401, "invalid_token", "The access token is expired, revoked or malformed."), ErrTokenRejected, "expired or was revoked"},
		{"401 without a body", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) }, ErrTokenRejected, "HTTP 401"},
		{"403 no API access", apiErr(403, "forbidden", "No API access."), ErrNoAPIAccess, "plan or your permissions"},
		{"401 html page", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(401)
			_, _ = w.Write([]byte("<html>Sign in</html>"))
		}, ErrNotChecked, "web page"},
		{"200 html page", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<html>Sign in</html>"))
		}, ErrNotChecked, "web page"},
		{"302", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://sso.example/login", http.StatusFound)
		}, ErrNotChecked, "sso.example"},
		{"503", apiErr(503, "unavailable", "Down."), ErrNotChecked, "Down."},
		{"truncated", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "100")
			_, _ = w.Write([]byte(`{"data": [`))
		}, ErrNotChecked, "cut short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakePlatform(t)
			pat := mintJWT(t)
			f.mux.HandleFunc("GET "+facadeBase+"/rooms", func(w http.ResponseWriter, r *http.Request) {
				if !requireBearer(t, r, pat) {
					return
				}
				if q := r.URL.Query(); q.Get("page") != "1" || q.Get("size") != "1" || len(q) != 2 {
					t.Errorf("query = %q, want page=1&size=1", r.URL.RawQuery)
				}
				tt.handler(w, r)
			})
			err := f.client(t).CheckAPIAccess(t.Context(), pat)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("CheckAPIAccess = %v, want nil", err)
				}
				return
			}
			var ae *AccessError
			if !errors.Is(err, tt.want) || !errors.As(err, &ae) {
				t.Fatalf("CheckAPIAccess = %v, want %v", err, tt.want)
			}
			for _, other := range []error{ErrTokenRejected, ErrNoAPIAccess, ErrNotChecked} {
				if other != tt.want && errors.Is(err, other) {
					t.Errorf("%v also matches %v", err, other)
				}
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.says) || !strings.Contains(msg, f.srv.Listener.Addr().String()) || strings.Contains(msg, pat[:24]) {
				t.Errorf("message %q: want %q and the host, never the token", msg, tt.says)
			}
			if msg[0] < 'A' || msg[0] > 'Z' {
				t.Errorf("message %q does not start with a capital letter", msg)
			}
		})
	}
}

// TestWhoAmINotOffered: a platform without /me says "not offered", not a
// problem of the token (issue 11 item 3).
func TestWhoAmINotOffered(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"JSON 404":  apiErr(404, "not_found", "There is nothing at this address."),
		"plain 404": http.NotFound,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakePlatform(t)
			f.mux.HandleFunc("GET "+facadeBase+"/me", h)
			_, err := f.client(t).WhoAmI(t.Context(), mintJWT(t))
			var no *NotOfferedError
			if !errors.Is(err, ErrUnsupported) || !errors.As(err, &no) || errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrNotFound) {
				t.Fatalf("WhoAmI = %v, want ErrUnsupported only", err)
			}
			if !strings.Contains(err.Error(), f.srv.URL+facadeBase+"/me") {
				t.Errorf("%q does not name the address tried", err)
			}
		})
	}
}
