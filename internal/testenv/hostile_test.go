package testenv

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestHostileMisbehaves: each misbehaviour answers as documented, and the
// other endpoints answer honestly.
func TestHostileMisbehaves(t *testing.T) {
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		m          Misbehaviour
		wantStatus int
		wantType   string
		check      func(t *testing.T, body []byte, err error)
	}{
		{HTMLPage, 200, "text/html", nil},
		{HTMLNotFound, 404, "text/html", nil},
		{HTMLUnauthorized, 401, "text/html", nil},
		{PlainNotFound, 404, "text/plain", nil},
		{RedirectElsewhere, 302, "", nil},
		{WrongContentType, 201, "text/plain", func(t *testing.T, body []byte, err error) {
			if err != nil || !strings.Contains(string(body), `"token"`) {
				t.Errorf("body %q, %v: want the honest answer", body, err)
			}
		}},
		{TruncatedJSON, 201, "application/json", func(t *testing.T, body []byte, err error) {
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("reading = %v, want a body cut short", err)
			}
		}},
		{HeadersThenHang, 201, "application/json", func(t *testing.T, body []byte, err error) {
			if !errors.Is(err, context.DeadlineExceeded) || len(body) != 0 {
				t.Errorf("reading = %q, %v; want nothing until the deadline", body, err)
			}
		}},
		{Trickle, 201, "application/json", func(t *testing.T, body []byte, err error) {
			if !errors.Is(err, context.DeadlineExceeded) || len(body) > 2 {
				t.Errorf("reading = %q, %v; want at most a byte or two before the deadline", body, err)
			}
		}},
		{HugeBody, 201, "application/json", func(t *testing.T, body []byte, err error) {
			if err != nil || len(body) != 1<<20 {
				t.Errorf("read %d bytes, %v; want the 1 MiB asked for", len(body), err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.m), func(t *testing.T) {
			t.Parallel()
			h := StartHostile(t, nil, map[string]Misbehaviour{EndpointPATCreate: tt.m})
			// Short only where the answer hangs; a busy machine may need
			// long to read a megabyte under the race detector.
			limit := 30 * time.Second
			if tt.m == Trickle || tt.m == HeadersThenHang {
				limit = 1500 * time.Millisecond
			}
			ctx, cancel := context.WithTimeout(t.Context(), limit)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, h.URL+"/v1/personal-access-token", nil)
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tt.wantStatus || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.wantType) {
				t.Errorf("answer %d %q, want %d %q", resp.StatusCode, resp.Header.Get("Content-Type"), tt.wantStatus, tt.wantType)
			}
			if tt.m == RedirectElsewhere && resp.Header.Get("Location") != h.Elsewhere+"/v1/personal-access-token" {
				t.Errorf("Location = %q", resp.Header.Get("Location"))
			}
			body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
			if tt.check != nil {
				tt.check(t, body, err)
			}
			if n := h.Hits(EndpointPATCreate); n != 1 {
				t.Errorf("Hits = %d", n)
			}
			// The other endpoints stay honest.
			resp2, err := http.Get(h.URL + "/.well-known/oauth-authorization-server")
			if err != nil {
				t.Fatal(err)
			}
			doc, _ := io.ReadAll(resp2.Body)
			resp2.Body.Close()
			if resp2.StatusCode != 200 || JSONField(t, string(doc), "issuer") != h.URL {
				t.Errorf("discovery = %d %s", resp2.StatusCode, doc)
			}
			if h.ElsewhereHits() != 0 {
				t.Errorf("a redirect was followed")
			}
		})
	}
}
