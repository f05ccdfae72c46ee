package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// errorCase is one answer of the PAT endpoint and what the client must make
// of it.
type errorCase struct {
	name    string
	handler http.HandlerFunc
	want    []error // every one must match errors.Is
	notWant []error // none may match
	status  int     // expected APIError.Status; 0: not an *APIError
	code    string
	retry   time.Duration
	says    string // fragment of Error()
}

func apiErr(status int, code, message string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, status, map[string]string{"code": code, "message": message})
	}
}

func errorCases(now time.Time) []errorCase {
	html := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			fmt.Fprint(w, "<!doctype html><title>Sign in</title><form>…</form>")
		}
	}
	return []errorCase{
		{name: "400", handler: apiErr(400, "bad_request", "The request is not valid."),
			want: []error{ErrBadRequest}, notWant: []error{ErrNotAPI}, status: 400, code: "bad_request", says: "The request is not valid."},
		{name: "400 confirmation", handler: apiErr(400, "confirmation_required", "Confirm first."),
			want: []error{ErrBadRequest}, status: 400, code: "confirmation_required", says: "Confirm first."},
		{name: "401", handler: apiErr(401, "unauthorized", "Sign in again."),
			want: []error{ErrUnauthorized}, notWant: []error{ErrBadRequest, ErrNotFound}, status: 401, code: "unauthorized", says: "Sign in again."},
		{name: "401 invalid_token", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			writeJSON(w, 401, map[string]string{"code": "invalid_token", "message": "The access token is expired, revoked or malformed."})
		}, want: []error{ErrUnauthorized}, status: 401, code: "invalid_token", says: "expired, revoked or malformed"},
		{name: "403", handler: apiErr(403, "forbidden", "Not for you."),
			want: []error{ErrForbidden}, status: 403, code: "forbidden", says: "Not for you."},
		{name: "404", handler: apiErr(404, "not_found", "You have no active personal access token."),
			want: []error{ErrNotFound}, notWant: []error{ErrNotAPI}, status: 404, code: "not_found", says: "no active personal access token"},
		{name: "409", handler: apiErr(409, "conflict", "You already have one."),
			want: []error{ErrConflict}, status: 409, code: "conflict"},
		{name: "429 seconds", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "30")
			writeJSON(w, 429, map[string]string{"code": "rate_limited", "message": "Slow down."})
		}, want: []error{ErrRateLimited}, status: 429, code: "rate_limited", retry: 30 * time.Second, says: "try again in 30s"},
		{name: "429 http date", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", now.Add(90*time.Second).UTC().Format(http.TimeFormat))
			writeJSON(w, 429, map[string]string{"code": "rate_limited", "message": "Slow down."})
		}, want: []error{ErrRateLimited}, status: 429, code: "rate_limited", retry: 90 * time.Second, says: "try again in 1m30s"},
		{name: "429 date in the past", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", now.Add(-time.Hour).UTC().Format(http.TimeFormat))
			writeJSON(w, 429, map[string]string{"code": "rate_limited"})
		}, want: []error{ErrRateLimited}, status: 429, code: "rate_limited", retry: 0},
		{name: "429 garbage retry-after", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "soon")
			w.WriteHeader(429)
		}, want: []error{ErrRateLimited}, status: 429, retry: 0, says: "slow down"},
		{name: "429 huge retry-after", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "99999999999999999999")
			w.WriteHeader(429)
		}, want: []error{ErrRateLimited}, status: 429, retry: 24 * time.Hour},
		{name: "500", handler: apiErr(500, "server_error", "Oops."),
			want: []error{ErrServer}, status: 500, code: "server_error"},
		{name: "503 unavailable", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "5")
			writeJSON(w, 503, map[string]string{"code": "unavailable", "message": "Down for maintenance."})
		}, want: []error{ErrServer}, status: 503, code: "unavailable", retry: 5 * time.Second},
		{name: "502 plain text", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(502)
			fmt.Fprint(w, "upstream connect error")
		}, want: []error{ErrServer}, notWant: []error{ErrNotAPI}, status: 502, says: "the platform had a problem"},
		{name: "418 other 4xx", handler: apiErr(418, "teapot", "Short and stout."),
			want: []error{ErrBadRequest}, status: 418, code: "teapot"},
		{name: "200 html login wall", handler: html(200),
			want: []error{ErrNotAPI}, notWant: []error{ErrBadResponse}, status: 200, says: "the platform answered with a web page, not the API"},
		{name: "200 html without content type", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil
			fmt.Fprint(w, "\n  <html><body>Proxy</body></html>")
		}, want: []error{ErrNotAPI}, status: 200, says: "web page"},
		{name: "401 html page", handler: html(401),
			want: []error{ErrNotAPI}, notWant: []error{ErrUnauthorized}, status: 401, says: "web page"},
		// Issue 13 item 8: only the contract's JSON answer means "no token".
		{name: "404 html page", handler: html(404),
			want: []error{ErrNotAPI, ErrUnsupported}, notWant: []error{ErrNotFound}, says: "web page"},
		{name: "404 plain text", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "404 page not found", http.StatusNotFound)
		}, want: []error{ErrUnsupported}, notWant: []error{ErrNotFound, ErrNotAPI}, says: "offers no personal access token API at http://"},
		{name: "404 JSON of another code", handler: apiErr(404, "no_route", "Nothing here."),
			want: []error{ErrUnsupported}, notWant: []error{ErrNotFound}, says: facadeBase + "/personal-access-token"},
		{name: "404 not_found sent as text", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(404)
			fmt.Fprint(w, `{"code": "not_found", "message": "You have no active personal access token."}`)
		}, want: []error{ErrUnsupported}, notWant: []error{ErrNotFound}},
		{name: "502 html proxy page", handler: html(502),
			want: []error{ErrNotAPI, ErrServer}, status: 502, says: "web page"},
		{name: "302 to a login page", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/login", http.StatusFound)
		}, want: []error{ErrNotAPI}, status: 302, says: "web page"},
		{name: "truncated JSON", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"id": "pat_1", "issuedAt": "2026-11-27T10:00:00Z", "expi`)
		}, want: []error{ErrBadResponse}, says: "cut short"},
		{name: "connection cut mid-body", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "500")
			fmt.Fprint(w, `{"id": "pat_1"`)
		}, want: []error{ErrBadResponse}, notWant: []error{ErrUnreachable}, says: "cut short"},
		{name: "not JSON", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `id=pat_1`)
		}, want: []error{ErrBadResponse}, says: "not JSON"},
		{name: "wrong types", handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, map[string]any{"id": 12, "expiresAt": "2027-01-01T00:00:00Z"})
		}, want: []error{ErrBadResponse}, says: `"id" has the wrong type`},
		{name: "bad time", handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, map[string]any{"id": "pat_1", "expiresAt": "next tuesday"})
		}, want: []error{ErrBadResponse}},
		{name: "missing id", handler: func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, map[string]any{"expiresAt": "2027-01-01T00:00:00Z"})
		}, want: []error{ErrBadResponse}, says: "id is missing"},
		{name: "oversized success", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"id": "pat_1", "pad": "%s"}`, strings.Repeat("x", maxSuccessBody))
		}, want: []error{ErrResponseTooLarge}, notWant: []error{ErrBadResponse}, says: "too large"},
		{name: "oversized error", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(500)
			fmt.Fprintf(w, `{"code": "server_error", "message": "%s"}`, strings.Repeat("x", maxErrorBody))
		}, want: []error{ErrServer, ErrResponseTooLarge}, status: 500},
		{name: "endless error body", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(500)
			chunk := []byte(strings.Repeat("y", 4096))
			for range 64 {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, want: []error{ErrServer, ErrResponseTooLarge}, status: 500},
	}
}

func TestAPIErrorShapes(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for _, tt := range errorCases(now) {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakePlatform(t)
			f.mux.HandleFunc("GET "+facadeBase+"/personal-access-token", tt.handler)
			c := f.client(t)
			c.now = func() time.Time { return now }
			access := mintOpaque("at_")

			info, err := c.GetPAT(t.Context(), access)
			if err == nil {
				t.Fatalf("GetPAT = %+v, want an error", info)
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("errors.Is(%v, %v) = false", err, w)
				}
			}
			for _, w := range tt.notWant {
				if errors.Is(err, w) {
					t.Errorf("errors.Is(%v, %v) = true", err, w)
				}
			}
			var ae *APIError
			if tt.status != 0 {
				if !errors.As(err, &ae) {
					t.Fatalf("%T %v is not an *APIError", err, err)
				}
				if ae.Status != tt.status || ae.Code != tt.code || ae.RetryAfter != tt.retry {
					t.Errorf("APIError = {Status:%d Code:%q RetryAfter:%v}, want {%d %q %v}", ae.Status, ae.Code, ae.RetryAfter, tt.status, tt.code, tt.retry)
				}
				if ae.Endpoint != "GET "+facadeBase+"/personal-access-token" {
					t.Errorf("Endpoint = %q", ae.Endpoint)
				}
			} else if errors.As(err, &ae) {
				t.Errorf("%v is an *APIError, want a reading error", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.says) {
				t.Errorf("error %q does not say %q", msg, tt.says)
			}
			if strings.Contains(msg, access) || strings.Contains(msg, "xxxxxxxx") || strings.Contains(msg, "<") {
				t.Errorf("error %q repeats the token or the body", msg)
			}
		})
	}
}

func TestErrorMessagesAreRedacted(t *testing.T) {
	jwt := mintJWT(t)
	access := mintOpaque("at_")
	refresh := mintOpaque("rt_")
	f := newFakePlatform(t)
	// A careless platform that echoes what it received.
	f.mux.HandleFunc("GET "+facadeBase+"/me", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 401, map[string]string{"code": "invalid_token " + r.Header.Get("Authorization"), "message": "Bad token " + r.Header.Get("Authorization") + " refresh " + refresh})
	})
	f.mux.HandleFunc("POST /auth/revoke", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		writeJSON(w, 400, map[string]string{"error": "invalid_request", "error_description": "token=" + r.PostForm.Get("token") + " is odd; {\"token\": \"" + r.PostForm.Get("token") + "\"}"})
	})
	c := f.client(t)
	var errs []error
	for _, bearer := range []string{jwt, access} {
		_, err := c.WhoAmI(t.Context(), bearer)
		errs = append(errs, err)
	}
	for _, tok := range []string{jwt, refresh, "opaque-" + mintOpaque("")} {
		errs = append(errs, c.RevokeToken(t.Context(), tok, "refresh_token"))
	}
	for _, err := range errs {
		if err == nil {
			t.Fatal("want an error")
		}
		msg := err.Error()
		for _, secret := range []string{jwt, jwt[:24], access, refresh, "opaque-"} {
			if strings.Contains(msg, secret) {
				t.Errorf("error %q contains a secret", msg)
			}
		}
		if !strings.Contains(msg, redacted) {
			t.Errorf("error %q shows no redaction mark", msg)
		}
	}
}

func TestNetworkErrors(t *testing.T) {
	f := newFakePlatform(t)
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	f.mux.HandleFunc("GET "+facadeBase+"/me", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-block:
		}
	})
	closed := newFakePlatform(t)
	closed.srv.Close()

	tests := []struct {
		name string
		c    *Client
		ctx  func() context.Context
		want []error
		says string
	}{
		{"client timeout", f.client(t, WithTimeout(50*time.Millisecond)), t.Context,
			[]error{ErrUnreachable, context.DeadlineExceeded}, "did not answer in time"},
		{"caller deadline", f.client(t), func() context.Context {
			ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
			t.Cleanup(cancel)
			return ctx
		}, []error{ErrUnreachable, context.DeadlineExceeded}, "did not answer in time"},
		{"caller cancel", f.client(t), func() context.Context {
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			return ctx
		}, []error{ErrUnreachable, context.Canceled}, "cancelled"},
		{"connection refused", closed.client(t, WithAPIBase(closed.srv.URL+facadeBase)), t.Context,
			[]error{ErrUnreachable}, "can't reach " + closed.srv.Listener.Addr().String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name != "connection refused" {
				// Discover first so the blocked call is the API call.
				if _, err := tt.c.Discover(t.Context()); err != nil {
					t.Fatal(err)
				}
			}
			access := mintOpaque("at_")
			_, err := tt.c.WhoAmI(tt.ctx(), access)
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("errors.Is(%v, %v) = false", err, w)
				}
			}
			var ne *NetError
			if !errors.As(err, &ne) {
				t.Errorf("%T is not a *NetError", err)
			}
			if msg := fmt.Sprint(err); !strings.Contains(msg, tt.says) || strings.Contains(msg, access) {
				t.Errorf("error %q: want it to say %q and not hold the token", msg, tt.says)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"30", 30 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"-5", 0},
		{"1.5", 0},
		{now.Add(45 * time.Second).Format(http.TimeFormat), 45 * time.Second},
		{now.Add(45 * time.Second).Format(time.RFC850), 45 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{now.Add(72 * time.Hour).Format(http.TimeFormat), 24 * time.Hour},
		{strconv.Itoa(1 << 40), 24 * time.Hour},
		{"tomorrow", 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
