package sandbox

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// browser is a cookie-keeping HTTP client that follows redirects, like a
// person's browser on the platform's web pages.
type browser struct {
	s *Server
	c *http.Client
}

func newBrowser(t testing.TB, s *Server) *browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{s: s, c: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

func (b *browser) do(t testing.TB, method, path string, form url.Values) answer {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.s.URL()+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", b.s.URL())
	}
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, string(data)}
}

func (b *browser) get(t testing.TB, path string) answer {
	t.Helper()
	return b.do(t, http.MethodGet, path, nil)
}

func (b *browser) signIn(t testing.TB, email, password string) answer {
	t.Helper()
	return b.do(t, http.MethodPost, webSignInPath, url.Values{"email": {email}, "password": {password}, "next": {webPATPath}})
}

var (
	csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	tokenBox  = regexp.MustCompile(`<textarea id="token"[^>]*>([^<]+)</textarea>`)
)

func (b *browser) csrf(t testing.TB, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no csrf field on the page:\n%s", page)
	}
	return html.UnescapeString(m[1])
}

// generate confirms and generates a token on the page and answers it.
func (b *browser) generate(t testing.TB) string {
	t.Helper()
	confirm := b.get(t, webPATPath+"?confirm=generate")
	a := b.do(t, http.MethodPost, webPATPath, url.Values{"csrf": {b.csrf(t, confirm.body)}, "action": {"generate"}})
	m := tokenBox.FindStringSubmatch(a.body)
	if a.status != http.StatusOK || m == nil {
		t.Fatalf("generate: %d, no token shown:\n%s", a.status, a.body)
	}
	return html.UnescapeString(m[1])
}

func TestTokenPageNeedsASession(t *testing.T) {
	s := start(t, Config{})
	a := do(t, http.MethodGet, s.URL()+webPATPath, nil, nil)
	loc := a.header.Get("Location")
	if a.status != http.StatusSeeOther || !strings.HasPrefix(loc, webSignInPath+"?") || !strings.Contains(loc, url.QueryEscape(webPATPath)) {
		t.Errorf("without a session: %d %q", a.status, loc)
	}
	a = do(t, http.MethodPost, s.URL()+webPATPath, strings.NewReader("action=generate"), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if a.status != http.StatusForbidden {
		t.Errorf("POST without a session: %d", a.status)
	}
	b := newBrowser(t, s)
	if a := b.signIn(t, "alice@example.com", "wrong"); !strings.Contains(a.body, `id="problem"`) {
		t.Errorf("a wrong password signed in:\n%s", a.body)
	}
	a = b.get(t, webPATPath)
	if !strings.Contains(a.body, `id="sign-in"`) || !strings.Contains(a.body, "carol@example.com") || !strings.Contains(a.body, "no API access") {
		t.Errorf("the page is not the sign-in page with the accounts table:\n%s", a.body)
	}
	if got := b.signIn(t, "alice@example.com", "demo-alice"); !strings.Contains(got.body, `id="none"`) || !strings.Contains(got.body, "Personal access token") {
		t.Errorf("after signing in, not the token page:\n%s", got.body)
	}
	if len(s.mustPATs()) != 0 {
		t.Error("opening the page generated a token")
	}
}

func (s *Server) mustPATs() []*patRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*patRecord(nil), s.st.pats...)
}

func TestTokenPageLifecycle(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now, TokenTTL: 30 * 24 * time.Hour})
	b := newBrowser(t, s)
	page := b.signIn(t, "alice@example.com", "demo-alice")
	if !strings.Contains(page.body, `id="generate"`) || strings.Contains(page.body, `id="confirm-generate"`) {
		t.Fatalf("the first page generates without a confirmation step:\n%s", page.body)
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": webCSP, "Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
	} {
		if got := page.header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	confirm := b.get(t, webPATPath+"?confirm=generate")
	if !strings.Contains(confirm.body, `id="confirm-generate"`) || len(s.mustPATs()) != 0 {
		t.Fatalf("the confirmation page:\n%s", confirm.body)
	}
	tok := b.generate(t)
	if !isJWTShaped(tok) {
		t.Fatalf("the page shows %d characters, not a token", len(tok))
	}
	if a := rooms(t, s, tok, ""); a.status != http.StatusOK {
		t.Fatalf("rooms with the page's token: %d", a.status)
	}
	clock.Advance(time.Minute)
	page = b.get(t, webPATPath)
	for _, want := range []string{"27 November 2026, 10:00 UTC", "27 December 2026, 10:00 UTC", `id="last-used">27 November 2026, 10:00 UTC`, `id="revoke"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the page lacks %q:\n%s", want, page.body)
		}
	}
	if strings.Contains(page.body, tok) {
		t.Error("the token is shown again")
	}
	// A second generation is refused while one is active.
	again := b.get(t, webPATPath+"?confirm=generate")
	a := b.do(t, http.MethodPost, webPATPath, url.Values{"csrf": {b.csrf(t, again.body)}, "action": {"generate"}})
	if !strings.Contains(a.body, `id="problem"`) || tokenBox.MatchString(a.body) {
		t.Errorf("second generation:\n%s", a.body)
	}
	confirm = b.get(t, webPATPath+"?confirm=revoke")
	if !strings.Contains(confirm.body, `id="confirm-revoke"`) || rooms(t, s, tok, "").status != http.StatusOK {
		t.Fatalf("the revoke confirmation page revoked, or is missing:\n%s", confirm.body)
	}
	a = b.do(t, http.MethodPost, webPATPath, url.Values{"csrf": {b.csrf(t, confirm.body)}, "action": {"revoke"}})
	if !strings.Contains(a.body, `id="revoked"`) || !strings.Contains(a.body, `id="none"`) {
		t.Errorf("after revoking:\n%s", a.body)
	}
	wantAPIError(t, rooms(t, s, tok, ""), http.StatusUnauthorized, "invalid_token")
}

func TestTokenPageRefusesForgedForms(t *testing.T) {
	s := start(t, Config{})
	b := newBrowser(t, s)
	b.signIn(t, "alice@example.com", "demo-alice")
	csrf := b.csrf(t, b.get(t, webPATPath+"?confirm=generate").body)
	tests := []struct {
		name   string
		form   url.Values
		origin string
		status int
	}{
		{"no csrf", url.Values{"action": {"generate"}}, "", http.StatusForbidden},
		{"wrong csrf", url.Values{"action": {"generate"}, "csrf": {"x" + csrf}}, "", http.StatusForbidden},
		{"another site", url.Values{"action": {"generate"}, "csrf": {csrf}}, "https://evil.example", http.StatusForbidden},
		{"unknown action", url.Values{"action": {"other"}, "csrf": {csrf}}, "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, s.URL()+webPATPath, strings.NewReader(tt.form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			resp, err := b.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
		})
	}
	if len(s.mustPATs()) != 0 {
		t.Error("a forged form generated a token")
	}
}

func TestOAuthSignInAlsoSignsInTheWebPages(t *testing.T) {
	s := start(t, Config{})
	b := newBrowser(t, s)
	q := authQuery(nil)
	a := b.get(t, authorizePath+"?"+q.Encode())
	b.do(t, http.MethodPost, authorizePath, url.Values{"request": {pendingID(t, a.body)}, "step": {"sign-in"}, "email": {"bob@example.com"}, "password": {"demo-bob"}})
	if page := b.get(t, webPATPath); !strings.Contains(page.body, `id="none"`) || !strings.Contains(page.body, ">BL</summary>") {
		t.Errorf("the token page after the OAuth sign-in:\n%s", page.body)
	}
}

func TestHomePageLinksToTheTokenPage(t *testing.T) {
	s := start(t, Config{})
	b := newBrowser(t, s)
	home := b.get(t, "/")
	if !strings.Contains(home.body, `id="pat-link" href="`+webPATPath+`"`) || !strings.Contains(home.body, `id="web-sign-in"`) {
		t.Errorf("home page, signed out:\n%s", home.body)
	}
	b.signIn(t, "carol@example.com", "demo-carol")
	home = b.get(t, "/")
	if !strings.Contains(home.body, `id="menu-pat"`) || !strings.Contains(home.body, ">CD</summary>") {
		t.Errorf("home page, signed in: no avatar menu:\n%s", home.body)
	}
	if a := b.do(t, http.MethodPost, webSignOutPath, url.Values{}); !strings.Contains(a.body, `id="web-sign-in"`) {
		t.Errorf("after signing out:\n%s", a.body)
	}
	if a := b.get(t, webPATPath); !strings.Contains(a.body, `id="sign-in"`) {
		t.Error("the token page still opens after signing out")
	}
}

func TestSignInNextStaysOnThePlatform(t *testing.T) {
	for next, want := range map[string]string{
		webPATPath: webPATPath, "/": "/", "": "/", "https://evil.example/": "/", "//evil.example/": "/",
		"/\\evil.example": "/", "evil": "/", "javascript:alert(1)": "/",
	} {
		if got := localNext(next); got != want {
			t.Errorf("localNext(%q) = %q, want %q", next, got, want)
		}
	}
}

func TestWebSessionExpires(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now})
	b := newBrowser(t, s)
	b.signIn(t, "alice@example.com", "demo-alice")
	clock.Advance(webSessionTTL)
	if a := b.get(t, webPATPath); !strings.Contains(a.body, `id="sign-in"`) {
		t.Error("the session outlived its lifetime")
	}
}

func TestCopyScript(t *testing.T) {
	s := start(t, Config{})
	a := do(t, http.MethodGet, s.URL()+copyScriptPath, nil, nil)
	if a.status != http.StatusOK || !strings.HasPrefix(a.header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("%d %q", a.status, a.header.Get("Content-Type"))
	}
	for _, want := range []string{"navigator.clipboard.writeText", `execCommand("copy")`, "select()"} {
		if !strings.Contains(a.body, want) {
			t.Errorf("the script lacks %s", want)
		}
	}
}
