package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestPKCE(t *testing.T) {
	if got := challengeOf(rfcVerifier); got != rfcChallenge {
		t.Fatalf("S256(RFC 7636 Appendix B verifier) = %q, want %q", got, rfcChallenge)
	}
	s := start(t, Config{})
	tests := []struct {
		name     string
		verifier string
		want     int
	}{
		{"the RFC 7636 Appendix B verifier", rfcVerifier, http.StatusOK},
		{"another valid verifier", strings.Repeat("a", 43), http.StatusBadRequest},
		{"the verifier with one character changed", "e" + rfcVerifier[1:], http.StatusBadRequest},
		{"the challenge itself (plain)", rfcChallenge, http.StatusBadRequest},
		{"too short", rfcVerifier[:42], http.StatusBadRequest},
		{"too long", strings.Repeat("a", 129), http.StatusBadRequest},
		{"forbidden characters", rfcVerifier[:42] + "+", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := exchange(t, s, codeFor(t, s), tt.verifier, testRedirect)
			if tt.want == http.StatusOK {
				tr := decodeTokens(t, a)
				if !strings.HasPrefix(tr.AccessToken, "at_") || !strings.HasPrefix(tr.RefreshToken, "rt_") {
					t.Errorf("token shapes: access %.3s…, refresh %.3s…", tr.AccessToken, tr.RefreshToken)
				}
				if a.header.Get("Cache-Control") != "no-store" {
					t.Error("token response may be cached")
				}
				return
			}
			wantOAuthError(t, a, tt.want, "invalid_grant")
		})
	}
}

func TestCodeIsSpentByAFailedAttempt(t *testing.T) {
	s := start(t, Config{})
	code := codeFor(t, s)
	wantOAuthError(t, exchange(t, s, code, strings.Repeat("b", 43), testRedirect), http.StatusBadRequest, "invalid_grant")
	wantOAuthError(t, exchange(t, s, code, rfcVerifier, testRedirect), http.StatusBadRequest, "invalid_grant")
}

func TestReusedCodeRevokesItsTokens(t *testing.T) {
	s := start(t, Config{})
	code := codeFor(t, s)
	tr := decodeTokens(t, exchange(t, s, code, rfcVerifier, testRedirect))
	other := session(t, s) // another sign-in of the same user must survive
	if a := me(t, s, tr.AccessToken); a.status != http.StatusOK {
		t.Fatalf("fresh access token refused: %d", a.status)
	}
	wantOAuthError(t, exchange(t, s, code, rfcVerifier, testRedirect), http.StatusBadRequest, "invalid_grant")
	wantAPIError(t, me(t, s, tr.AccessToken), http.StatusUnauthorized, "invalid_token")
	wantOAuthError(t, refresh(t, s, tr.RefreshToken), http.StatusBadRequest, "invalid_grant")
	if a := me(t, s, other.AccessToken); a.status != http.StatusOK {
		t.Errorf("another session was revoked too: %d", a.status)
	}
}

func TestCodeExpiry(t *testing.T) {
	tests := []struct {
		age  time.Duration
		want int
	}{
		{59 * time.Second, http.StatusOK},
		{60 * time.Second, http.StatusBadRequest},
		{time.Hour, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.age.String(), func(t *testing.T) {
			clock := newClock()
			s := start(t, Config{Now: clock.Now})
			code := codeFor(t, s)
			clock.Advance(tt.age)
			a := exchange(t, s, code, rfcVerifier, testRedirect)
			if tt.want == http.StatusOK {
				decodeTokens(t, a)
				return
			}
			wantOAuthError(t, a, tt.want, "invalid_grant")
		})
	}
}

func TestRedirectURIMustMatchAtTokenTime(t *testing.T) {
	s := start(t, Config{})
	for _, r := range []string{"http://127.0.0.1:53124/callback", testRedirect + "/", "http://localhost:53123/callback"} {
		wantOAuthError(t, exchange(t, s, codeFor(t, s), rfcVerifier, r), http.StatusBadRequest, "invalid_grant")
	}
}

func TestRefreshRotation(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now, AccessTokenTTL: 10 * time.Minute})
	first := session(t, s)
	if first.ExpiresIn != 600 {
		t.Errorf("expires_in %d, want 600", first.ExpiresIn)
	}
	clock.Advance(11 * time.Minute)
	wantAPIError(t, me(t, s, first.AccessToken), http.StatusUnauthorized, "invalid_token")

	second := decodeTokens(t, refresh(t, s, first.RefreshToken))
	if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
		t.Fatal("refresh did not rotate the tokens")
	}
	if a := me(t, s, second.AccessToken); a.status != http.StatusOK {
		t.Fatalf("refreshed access token refused: %d", a.status)
	}
	// The old refresh token is spent; presenting it is reuse and ends the session.
	wantOAuthError(t, refresh(t, s, first.RefreshToken), http.StatusBadRequest, "invalid_grant")
	wantOAuthError(t, refresh(t, s, second.RefreshToken), http.StatusBadRequest, "invalid_grant")
	wantAPIError(t, me(t, s, second.AccessToken), http.StatusUnauthorized, "invalid_token")
}

func TestRefreshTokenExpires(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now})
	tr := session(t, s)
	clock.Advance(refreshTokenTTL)
	wantOAuthError(t, refresh(t, s, tr.RefreshToken), http.StatusBadRequest, "invalid_grant")
}

func TestRevocationEndpoint(t *testing.T) {
	s := start(t, Config{})
	revoke := func(form url.Values) answer { return postForm(t, s.URL()+"/s/oauth/revoke", form) }
	t.Run("refresh token ends the session", func(t *testing.T) {
		tr := session(t, s)
		a := revoke(url.Values{"token": {tr.RefreshToken}, "token_type_hint": {"refresh_token"}, "client_id": {ClientID}})
		if a.status != http.StatusOK || a.body != "" {
			t.Fatalf("revoke: %d %q", a.status, a.body)
		}
		wantOAuthError(t, refresh(t, s, tr.RefreshToken), http.StatusBadRequest, "invalid_grant")
		wantAPIError(t, me(t, s, tr.AccessToken), http.StatusUnauthorized, "invalid_token")
	})
	t.Run("access token ends only itself", func(t *testing.T) {
		tr := session(t, s)
		if a := revoke(url.Values{"token": {tr.AccessToken}, "client_id": {ClientID}}); a.status != http.StatusOK {
			t.Fatalf("revoke: %d", a.status)
		}
		wantAPIError(t, me(t, s, tr.AccessToken), http.StatusUnauthorized, "invalid_token")
		decodeTokens(t, refresh(t, s, tr.RefreshToken))
	})
	t.Run("unknown token", func(t *testing.T) {
		if a := revoke(url.Values{"token": {"rt_unknown"}, "client_id": {ClientID}}); a.status != http.StatusOK {
			t.Errorf("unknown token: %d", a.status)
		}
	})
	t.Run("missing token", func(t *testing.T) {
		wantOAuthError(t, revoke(url.Values{"client_id": {ClientID}}), http.StatusBadRequest, "invalid_request")
	})
	t.Run("missing client", func(t *testing.T) {
		wantOAuthError(t, revoke(url.Values{"token": {"rt_x"}}), http.StatusUnauthorized, "invalid_client")
	})
	t.Run("not a form", func(t *testing.T) {
		a := do(t, http.MethodPost, s.URL()+"/s/oauth/revoke", strings.NewReader(`{"token":"x"}`), map[string]string{"Content-Type": "application/json"})
		wantOAuthError(t, a, http.StatusBadRequest, "invalid_request")
	})
}

// TestMalformedTokenRequests: every malformed request gets an RFC 6749
// error with a 4xx status, never a 500.
func TestMalformedTokenRequests(t *testing.T) {
	s := start(t, Config{})
	form := "application/x-www-form-urlencoded"
	good := "grant_type=authorization_code&code=x&redirect_uri=" + url.QueryEscape(testRedirect) + "&client_id=iobeya-token&code_verifier=" + rfcVerifier
	tests := []struct {
		name, method, ct, body string
		status                 int
		code                   string
	}{
		{"GET", http.MethodGet, "", "", http.StatusMethodNotAllowed, "invalid_request"},
		{"PUT", http.MethodPut, form, good, http.StatusMethodNotAllowed, "invalid_request"},
		{"no content type", http.MethodPost, "", good, http.StatusBadRequest, "invalid_request"},
		{"JSON body", http.MethodPost, "application/json", `{"grant_type":"authorization_code"}`, http.StatusBadRequest, "invalid_request"},
		{"multipart", http.MethodPost, "multipart/form-data; boundary=x", "--x--", http.StatusBadRequest, "invalid_request"},
		{"garbled content type", http.MethodPost, "application/x-www-form-urlencoded; ;;", good, http.StatusBadRequest, "invalid_request"},
		{"bad percent-encoding", http.MethodPost, form, "grant_type=%zz&client_id=iobeya-token", http.StatusBadRequest, "invalid_request"},
		{"too large", http.MethodPost, form, good + "&pad=" + strings.Repeat("a", 70<<10), http.StatusBadRequest, "invalid_request"},
		{"empty body", http.MethodPost, form, "", http.StatusUnauthorized, "invalid_client"},
		{"grant_type repeated", http.MethodPost, form, good + "&grant_type=refresh_token", http.StatusBadRequest, "invalid_request"},
		{"client_id repeated", http.MethodPost, form, good + "&client_id=iobeya-token", http.StatusBadRequest, "invalid_request"},
		{"unknown parameter repeated", http.MethodPost, form, good + "&x=1&x=2", http.StatusBadRequest, "invalid_request"},
		{"client_id missing", http.MethodPost, form, strings.Replace(good, "client_id=iobeya-token", "", 1), http.StatusUnauthorized, "invalid_client"},
		{"client_id unknown", http.MethodPost, form, strings.Replace(good, "client_id=iobeya-token", "client_id=other", 1), http.StatusUnauthorized, "invalid_client"},
		{"grant_type missing", http.MethodPost, form, "client_id=iobeya-token", http.StatusBadRequest, "invalid_request"},
		{"grant_type password", http.MethodPost, form, "grant_type=password&client_id=iobeya-token&username=a&password=b", http.StatusBadRequest, "unsupported_grant_type"},
		{"grant_type client_credentials", http.MethodPost, form, "grant_type=client_credentials&client_id=iobeya-token", http.StatusBadRequest, "unsupported_grant_type"},
		{"code missing", http.MethodPost, form, strings.Replace(good, "code=x&", "", 1), http.StatusBadRequest, "invalid_request"},
		{"redirect_uri missing", http.MethodPost, form, "grant_type=authorization_code&code=x&client_id=iobeya-token&code_verifier=" + rfcVerifier, http.StatusBadRequest, "invalid_request"},
		{"code_verifier missing", http.MethodPost, form, strings.Replace(good, "&code_verifier="+rfcVerifier, "", 1), http.StatusBadRequest, "invalid_request"},
		{"code unknown", http.MethodPost, form, good, http.StatusBadRequest, "invalid_grant"},
		{"refresh_token missing", http.MethodPost, form, "grant_type=refresh_token&client_id=iobeya-token", http.StatusBadRequest, "invalid_request"},
		{"refresh_token unknown", http.MethodPost, form, "grant_type=refresh_token&client_id=iobeya-token&refresh_token=rt_nope", http.StatusBadRequest, "invalid_grant"},
		{"access token as refresh token", http.MethodPost, form, "grant_type=refresh_token&client_id=iobeya-token&refresh_token=at_nope", http.StatusBadRequest, "invalid_grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := map[string]string{}
			if tt.ct != "" {
				h["Content-Type"] = tt.ct
			}
			a := do(t, tt.method, s.URL()+"/s/oauth/token", strings.NewReader(tt.body), h)
			wantOAuthError(t, a, tt.status, tt.code)
			if a.header.Get("Cache-Control") != "no-store" {
				t.Error("error may be cached")
			}
			if d, _ := a.json(t)["error_description"].(string); d == "" {
				t.Error("no error_description")
			}
		})
	}
}
