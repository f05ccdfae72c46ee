package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzTokenEndpoint posts arbitrary forms to the token endpoint: the answer
// is always a 200 token response or a 4xx RFC 6749 error, never a 500.
// "{code}" and "{refresh}" in the body become a fresh code or refresh token,
// so the success and reuse paths are reached too.
func FuzzTokenEndpoint(f *testing.F) {
	redirect := url.QueryEscape(testRedirect)
	form := "application/x-www-form-urlencoded"
	for _, seed := range []struct{ body, ct string }{
		{"grant_type=authorization_code&code={code}&redirect_uri=" + redirect + "&client_id=iobeya-token&code_verifier=" + rfcVerifier, form},
		{"grant_type=authorization_code&code={code}&redirect_uri=" + redirect + "&client_id=iobeya-token&code_verifier=" + rfcChallenge, form},
		{"grant_type=authorization_code&code={code}&code={code}&redirect_uri=" + redirect + "&client_id=iobeya-token&code_verifier=" + rfcVerifier, form},
		{"grant_type=refresh_token&refresh_token={refresh}&client_id=iobeya-token", form},
		{"grant_type=refresh_token&refresh_token={refresh}&client_id=iobeya-token&scope=admin", form},
		{"grant_type=password&username=alice&password=demo-alice&client_id=iobeya-token", form},
		{"grant_type=authorization_code", form},
		{"client_id=iobeya-token", form},
		{"", form},
		{"%", form},
		{"a=%zz&b", form},
		{"&&&==&", form},
		{"grant_type=authorization_code&client_id=iobeya-token", "application/json"},
		{`{"grant_type":"authorization_code"}`, "application/json"},
		{"grant_type=refresh_token&client_id=iobeya-token&refresh_token=\x00", form + "; charset=utf-8"},
		{"grant_type=refresh_token", "text/plain"},
		{"x", ""},
		{"x", "application/x-www-form-urlencoded; charset"},
	} {
		f.Add(seed.body, seed.ct)
	}
	s := start(f, Config{})
	f.Fuzz(func(t *testing.T, body, ct string) {
		s.mu.Lock()
		s.st = newStore() // each input starts afresh: runs stay fast and repeatable
		s.mu.Unlock()
		if strings.Contains(body, "{code}") || strings.Contains(body, "{refresh}") {
			s.mu.Lock()
			now := s.now()
			req := authRequest{ClientID: ClientID, RedirectURI: testRedirect, Challenge: rfcChallenge, Scope: "personal-access-token offline_access"}
			body = strings.ReplaceAll(body, "{code}", s.st.issueCode(now, "u_alice", req))
			tr, _ := s.st.exchangeCode(now, ClientID, s.st.issueCode(now, "u_alice", req), testRedirect, rfcVerifier, s.cfg.AccessTokenTTL)
			body = strings.ReplaceAll(body, "{refresh}", tr.RefreshToken)
			s.mu.Unlock()
		}
		r := httptest.NewRequest(http.MethodPost, "/s/oauth/token", strings.NewReader(body))
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, r)

		if rec.Header().Get("Content-Type") != "application/json" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("headers %v", rec.Header())
		}
		var m map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
			t.Fatalf("status %d, body not JSON: %q", rec.Code, rec.Body)
		}
		switch {
		case rec.Code == http.StatusOK:
			at, _ := m["access_token"].(string)
			rt, _ := m["refresh_token"].(string)
			if !strings.HasPrefix(at, "at_") || !strings.HasPrefix(rt, "rt_") || m["token_type"] != "Bearer" {
				t.Fatalf("200 without a token pair: %v", m)
			}
		case rec.Code == http.StatusUnauthorized:
			if m["error"] != "invalid_client" {
				t.Fatalf("401 with %v", m)
			}
		case rec.Code == http.StatusBadRequest:
			switch m["error"] {
			case "invalid_request", "invalid_grant", "unsupported_grant_type":
			default:
				t.Fatalf("400 with %v", m)
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	})
}
