package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAuthorizeRefusesBadClientOrRedirectWithAPage(t *testing.T) {
	s := start(t, Config{AutoApprove: "alice@example.com"}) // even auto-approve must not redirect
	tests := []struct {
		name string
		edit func(url.Values)
	}{
		{"client_id missing", func(q url.Values) { q.Del("client_id") }},
		{"client_id unknown", func(q url.Values) { q.Set("client_id", "someone-else") }},
		{"client_id repeated", func(q url.Values) { q.Add("client_id", ClientID) }},
		{"redirect_uri missing", func(q url.Values) { q.Del("redirect_uri") }},
		{"redirect_uri repeated", func(q url.Values) { q.Add("redirect_uri", testRedirect) }},
		{"https", func(q url.Values) { q.Set("redirect_uri", "https://127.0.0.1:53123/callback") }},
		{"localhost", func(q url.Values) { q.Set("redirect_uri", "http://localhost:53123/callback") }},
		{"IPv6 loopback", func(q url.Values) { q.Set("redirect_uri", "http://[::1]:53123/callback") }},
		{"remote host", func(q url.Values) { q.Set("redirect_uri", "http://evil.example:53123/callback") }},
		{"host that starts like loopback", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1.evil.example:53123/callback") }},
		{"user info", func(q url.Values) { q.Set("redirect_uri", "http://evil@127.0.0.1:53123/callback") }},
		{"other path", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:53123/other") }},
		{"path below", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:53123/callback/x") }},
		{"query", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:53123/callback?x=1") }},
		{"fragment", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:53123/callback#x") }},
		{"no port", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1/callback") }},
		{"port 0", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:0/callback") }},
		{"port too large", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:65536/callback") }},
		{"javascript", func(q url.Values) { q.Set("redirect_uri", "javascript:alert(1)") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+authQuery(tt.edit).Encode(), nil, nil)
			if a.status != http.StatusBadRequest {
				t.Errorf("status %d, want 400", a.status)
			}
			if loc := a.header.Get("Location"); loc != "" {
				t.Errorf("redirected to %q", loc)
			}
			if !strings.HasPrefix(a.header.Get("Content-Type"), "text/html") || !strings.Contains(a.body, "Demo platform") {
				t.Errorf("not the HTML error page: %s", a.body)
			}
		})
	}
	if n := s.Count(EndpointAuthorize); n != len(tests) {
		t.Errorf("Count(authorize) = %d, want %d", n, len(tests))
	}
}

func TestAuthorizeAcceptsAnyLoopbackPort(t *testing.T) {
	s := start(t, Config{AutoApprove: "alice@example.com"})
	for _, port := range []string{"1", "8080", "53123", "65535"} {
		redirect := "http://127.0.0.1:" + port + "/callback"
		u := location(t, do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+authQuery(func(q url.Values) { q.Set("redirect_uri", redirect) }).Encode(), nil, nil))
		if got := u.Scheme + "://" + u.Host + u.Path; got != redirect || u.Query().Get("code") == "" {
			t.Errorf("port %s: redirected to %s", port, u.Redacted())
		}
	}
}

// TestAuthorizeErrorsGoBackToTheApp covers RFC 6749 §4.1.2.1: once client
// and redirect are fine, problems are redirected with error, state and iss.
func TestAuthorizeErrorsGoBackToTheApp(t *testing.T) {
	s := start(t, Config{})
	tests := []struct {
		name, code string
		edit       func(url.Values)
	}{
		{"response_type missing", "unsupported_response_type", func(q url.Values) { q.Del("response_type") }},
		{"response_type token", "unsupported_response_type", func(q url.Values) { q.Set("response_type", "token") }},
		{"state missing", "invalid_request", func(q url.Values) { q.Del("state") }},
		{"challenge missing", "invalid_request", func(q url.Values) { q.Del("code_challenge") }},
		{"method missing", "invalid_request", func(q url.Values) { q.Del("code_challenge_method") }},
		{"method plain", "invalid_request", func(q url.Values) { q.Set("code_challenge_method", "plain") }},
		{"challenge too short", "invalid_request", func(q url.Values) { q.Set("code_challenge", "abc") }},
		{"challenge not base64url", "invalid_request", func(q url.Values) { q.Set("code_challenge", strings.Repeat("+", 43)) }},
		{"state repeated", "invalid_request", func(q url.Values) { q.Add("state", "again") }},
		{"unknown scope", "invalid_scope", func(q url.Values) { q.Set("scope", "personal-access-token admin") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := authQuery(tt.edit)
			u := location(t, do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+q.Encode(), nil, nil))
			got := u.Query()
			if base := u.Scheme + "://" + u.Host + u.Path; base != testRedirect {
				t.Errorf("redirected to %s", base)
			}
			if got.Get("error") != tt.code || got.Get("error_description") == "" {
				t.Errorf("error %q (%q), want %q", got.Get("error"), got.Get("error_description"), tt.code)
			}
			if got.Get("iss") != s.URL() {
				t.Errorf("iss %q, want %q", got.Get("iss"), s.URL())
			}
			if len(q["state"]) == 1 && got.Get("state") != testState {
				t.Errorf("state %q, want %q", got.Get("state"), testState)
			}
			if got.Get("code") != "" {
				t.Error("a code came with an error")
			}
		})
	}
}

func TestAuthorizeApprovalCarriesCodeStateAndIss(t *testing.T) {
	for _, issuer := range []string{"", "https://other.example"} {
		s := start(t, Config{Issuer: issuer})
		u := authorize(t, s, authQuery(nil), "allow")
		q := u.Query()
		want := issuer
		if want == "" {
			want = s.URL()
		}
		if q.Get("iss") != want || q.Get("state") != testState || q.Get("code") == "" || q.Get("error") != "" {
			t.Errorf("issuer %q: redirect query %v", issuer, redactCode(q))
		}
		if base := u.Scheme + "://" + u.Host + u.Path; base != testRedirect {
			t.Errorf("redirected to %s", base)
		}
	}
}

func redactCode(q url.Values) url.Values {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	if c.Has("code") {
		c.Set("code", "(redacted)")
	}
	return c
}

func TestAuthorizeDenial(t *testing.T) {
	s := start(t, Config{})
	u := authorize(t, s, authQuery(nil), "deny")
	q := u.Query()
	if q.Get("error") != "access_denied" || q.Get("state") != testState || q.Get("iss") != s.URL() || q.Has("code") {
		t.Errorf("denial redirect %v", q)
	}
}

func TestSignInPage(t *testing.T) {
	s := start(t, Config{})
	a := do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+authQuery(nil).Encode(), nil, nil)
	for _, want := range []string{
		"Demo platform — not a real iObeya platform",
		`id="email"`, `id="password"`, `id="sign-in"`,
		"alice@example.com", "Alice Martin", "demo-alice", "bob@example.com", "Bob Lee", "demo-bob",
	} {
		if !strings.Contains(a.body, want) {
			t.Errorf("sign-in page lacks %q", want)
		}
	}
	for _, secretish := range []string{rfcChallenge, "Z3cL"} {
		if strings.Contains(a.body, secretish) {
			t.Errorf("the page carries %q: only the pending id should travel", secretish)
		}
	}
	for h, want := range map[string]string{"Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
		if got := a.header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
}

func TestSignInForm(t *testing.T) {
	s := start(t, Config{})
	endpoint := s.URL() + "/s/oauth/authorize"
	t.Run("wrong password keeps the page", func(t *testing.T) {
		id := openSignIn(t, s, authQuery(nil))
		for _, c := range [][2]string{{"alice@example.com", "wrong"}, {"nobody@example.com", "demo-alice"}, {"bob@example.com", "demo-alice"}, {"", ""}} {
			a := signIn(t, s, id, c[0], c[1])
			if a.status != http.StatusOK || !strings.Contains(a.body, `id="problem"`) || strings.Contains(a.body, `id="allow"`) {
				t.Errorf("%q/%q: %d, page:\n%s", c[0], c[1], a.status, a.body)
			}
		}
		// Still usable after failures; e-mail case and spaces do not matter.
		if a := signIn(t, s, id, " Alice@Example.com ", "demo-alice"); !strings.Contains(a.body, `id="allow"`) || !strings.Contains(a.body, `id="deny"`) {
			t.Errorf("right password did not reach the consent page:\n%s", a.body)
		}
	})
	t.Run("consent before sign-in", func(t *testing.T) {
		id := openSignIn(t, s, authQuery(nil))
		a := decide(t, s, id, "allow")
		if a.status != http.StatusOK || a.header.Get("Location") != "" || !strings.Contains(a.body, `id="sign-in"`) {
			t.Errorf("consent without sign-in: %d %q", a.status, a.header.Get("Location"))
		}
	})
	t.Run("no decision shows consent again", func(t *testing.T) {
		id := openSignIn(t, s, authQuery(nil))
		signIn(t, s, id, "bob@example.com", "demo-bob")
		a := decide(t, s, id, "")
		if a.status != http.StatusOK || !strings.Contains(a.body, `id="allow"`) || !strings.Contains(a.body, "Bob Lee") {
			t.Errorf("no decision: %d\n%s", a.status, a.body)
		}
	})
	t.Run("a pending request is single-use", func(t *testing.T) {
		id := openSignIn(t, s, authQuery(nil))
		signIn(t, s, id, "alice@example.com", "demo-alice")
		location(t, decide(t, s, id, "allow"))
		a := decide(t, s, id, "allow")
		if a.status != http.StatusBadRequest || a.header.Get("Location") != "" {
			t.Errorf("second decision: %d %q", a.status, a.header.Get("Location"))
		}
	})
	bad := []struct {
		name string
		form string
		ct   string
	}{
		{"unknown request", "request=nope&step=sign-in&email=alice%40example.com&password=demo-alice", "application/x-www-form-urlencoded"},
		{"no request", "step=consent&decision=allow", "application/x-www-form-urlencoded"},
		{"bad encoding", "request=%zz", "application/x-www-form-urlencoded"},
		{"too large", "request=" + strings.Repeat("a", 20<<10), "application/x-www-form-urlencoded"},
		{"not a form", `{"request":"x"}`, "application/json"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			a := do(t, http.MethodPost, endpoint, strings.NewReader(tt.form), map[string]string{"Content-Type": tt.ct})
			if a.status != http.StatusBadRequest || a.header.Get("Location") != "" || !strings.HasPrefix(a.header.Get("Content-Type"), "text/html") {
				t.Errorf("%d %q %q", a.status, a.header.Get("Location"), a.header.Get("Content-Type"))
			}
		})
	}
	t.Run("unknown step", func(t *testing.T) {
		id := openSignIn(t, s, authQuery(nil))
		a := postForm(t, endpoint, url.Values{"request": {id}, "step": {"other"}})
		if a.status != http.StatusBadRequest {
			t.Errorf("status %d", a.status)
		}
	})
}

func TestPendingSignInExpires(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now})
	id := openSignIn(t, s, authQuery(nil))
	clock.Advance(pendingTTL)
	a := signIn(t, s, id, "alice@example.com", "demo-alice")
	if a.status != http.StatusBadRequest || !strings.Contains(a.body, "expired") {
		t.Errorf("expired sign-in page: %d\n%s", a.status, a.body)
	}
}

func TestPagesEscapeWhatRequestsControl(t *testing.T) {
	s := start(t, Config{})
	const evil = `"><script>alert(1)</script>`
	hint := do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+authQuery(func(q url.Values) { q.Set("login_hint", evil) }).Encode(), nil, nil)
	id := pendingID(t, hint.body)
	failed := signIn(t, s, id, evil, "wrong")
	for name, page := range map[string]string{"login_hint": hint.body, "e-mail after a failed sign-in": failed.body} {
		if strings.Contains(page, "<script>") {
			t.Errorf("%s: unescaped script on the page", name)
		}
		if !strings.Contains(page, "&lt;script&gt;") {
			t.Errorf("%s: the value is not shown escaped:\n%s", name, page)
		}
	}
}

func TestAutoApprove(t *testing.T) {
	s := start(t, Config{AutoApprove: "bob@example.com"})
	u := location(t, do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+authQuery(nil).Encode(), nil, nil))
	tr := decodeTokens(t, exchange(t, s, u.Query().Get("code"), rfcVerifier, testRedirect))
	if m := me(t, s, tr.AccessToken).json(t); m["email"] != "bob@example.com" {
		t.Errorf("auto-approved for %v", m)
	}
	// Bad requests are still refused under auto-approve.
	u = location(t, do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+authQuery(func(q url.Values) { q.Set("code_challenge_method", "plain") }).Encode(), nil, nil))
	if u.Query().Get("error") != "invalid_request" {
		t.Errorf("plain PKCE under auto-approve: %v", redactCode(u.Query()))
	}
	if err := s.SetAutoApprove("nobody@example.com"); err == nil {
		t.Error("SetAutoApprove accepted an unknown account")
	}
	if err := s.SetAutoApprove(""); err != nil {
		t.Fatal(err)
	}
	openSignIn(t, s, authQuery(nil)) // the sign-in page is back
	if _, err := Start(Config{AutoApprove: "nobody@example.com"}); err == nil {
		t.Error("Start accepted auto-approve for an unknown account")
	}
}
