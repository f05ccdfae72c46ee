package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// The RFC 7636 Appendix B example.
const (
	rfcVerifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	rfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	testRedirect = "http://127.0.0.1:53123/callback"
	testState    = "Z3cL-state_with+odd&chars=é"
)

func newClock() *testenv.Clock {
	return testenv.NewClock(time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
}

// start runs a sandbox for the test and closes it afterwards.
func start(tb testing.TB, cfg Config) *Server {
	tb.Helper()
	s, err := Start(cfg)
	if err != nil {
		tb.Fatalf("Start: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// httpc never follows redirects: the tests look at them.
var httpc = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

type answer struct {
	status int
	header http.Header
	body   string
}

func (a answer) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(a.body), &m); err != nil {
		t.Fatalf("body is not a JSON object (%v): %q", err, a.body)
	}
	return m
}

func do(t testing.TB, method, u string, body io.Reader, header map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := httpc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, string(b)}
}

func postForm(t testing.TB, u string, form url.Values) answer {
	t.Helper()
	return do(t, http.MethodPost, u, strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

func withBearer(tok string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + tok}
}

// authQuery is a good authorization request; edit changes it.
func authQuery(edit func(url.Values)) url.Values {
	q := url.Values{
		"response_type":         {"code"},
		"client_id":             {ClientID},
		"redirect_uri":          {testRedirect},
		"state":                 {testState},
		"code_challenge":        {rfcChallenge},
		"code_challenge_method": {"S256"},
		"scope":                 {"personal-access-token offline_access"},
	}
	if edit != nil {
		edit(q)
	}
	return q
}

var requestField = regexp.MustCompile(`name="request" value="([^"]+)"`)

func pendingID(t testing.TB, page string) string {
	t.Helper()
	m := requestField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no pending-request field on the page:\n%s", page)
	}
	return m[1]
}

// location answers the parsed redirect of a 302.
func location(t testing.TB, a answer) *url.URL {
	t.Helper()
	if a.status != http.StatusFound {
		t.Fatalf("status %d, want 302; body:\n%s", a.status, a.body)
	}
	u, err := url.Parse(a.header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// openSignIn GETs the authorization endpoint and answers the pending id.
func openSignIn(t testing.TB, s *Server, q url.Values) string {
	t.Helper()
	a := do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+q.Encode(), nil, nil)
	if a.status != http.StatusOK {
		t.Fatalf("sign-in page: status %d:\n%s", a.status, a.body)
	}
	return pendingID(t, a.body)
}

// signIn posts the sign-in form and answers the consent page.
func signIn(t testing.TB, s *Server, id, email, password string) answer {
	t.Helper()
	return postForm(t, s.URL()+"/s/oauth/authorize", url.Values{
		"request": {id}, "step": {"sign-in"}, "email": {email}, "password": {password},
	})
}

func decide(t testing.TB, s *Server, id, decision string) answer {
	t.Helper()
	return postForm(t, s.URL()+"/s/oauth/authorize", url.Values{"request": {id}, "step": {"consent"}, "decision": {decision}})
}

// authorize walks the pages as alice and answers the final redirect.
func authorize(t testing.TB, s *Server, q url.Values, decision string) *url.URL {
	t.Helper()
	id := openSignIn(t, s, q)
	if a := signIn(t, s, id, "alice@example.com", "demo-alice"); a.status != http.StatusOK || !strings.Contains(a.body, `id="allow"`) {
		t.Fatalf("sign-in did not lead to the consent page: %d\n%s", a.status, a.body)
	}
	return location(t, decide(t, s, id, decision))
}

func codeFor(t testing.TB, s *Server) string {
	t.Helper()
	u := authorize(t, s, authQuery(nil), "allow")
	code := u.Query().Get("code")
	if code == "" {
		t.Fatalf("no code in %s", u.Redacted())
	}
	return code
}

func exchange(t testing.TB, s *Server, code, verifier, redirect string) answer {
	t.Helper()
	return postForm(t, s.URL()+"/s/oauth/token", url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect},
		"client_id": {ClientID}, "code_verifier": {verifier},
	})
}

func refresh(t testing.TB, s *Server, rt string) answer {
	t.Helper()
	return postForm(t, s.URL()+"/s/oauth/token", url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {ClientID},
	})
}

func decodeTokens(t testing.TB, a answer) tokenResponse {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("token endpoint: %d %s", a.status, a.body)
	}
	var tr tokenResponse
	if err := json.Unmarshal([]byte(a.body), &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

// session signs alice in and answers her tokens.
func session(t testing.TB, s *Server) tokenResponse {
	t.Helper()
	return decodeTokens(t, exchange(t, s, codeFor(t, s), rfcVerifier, testRedirect))
}

func createPAT(t testing.TB, s *Server, at string) answer {
	t.Helper()
	h := withBearer(at)
	h["Content-Type"] = "application/json"
	return do(t, http.MethodPost, s.URL()+"/v1/personal-access-token", strings.NewReader(`{"confirmed": true}`), h)
}

func mustCreatePAT(t testing.TB, s *Server, at string) patCreated {
	t.Helper()
	a := createPAT(t, s, at)
	if a.status != http.StatusCreated {
		t.Fatalf("create PAT: %d %s", a.status, a.body)
	}
	var pc patCreated
	if err := json.Unmarshal([]byte(a.body), &pc); err != nil {
		t.Fatal(err)
	}
	return pc
}

func me(t testing.TB, s *Server, tok string) answer {
	t.Helper()
	return do(t, http.MethodGet, s.URL()+"/v1/me", nil, withBearer(tok))
}

func wantOAuthError(t *testing.T, a answer, status int, code string) {
	t.Helper()
	if a.status != status {
		t.Errorf("status %d, want %d; body %s", a.status, status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	if got := a.json(t)["error"]; got != code {
		t.Errorf("error %v, want %q; body %s", got, code, a.body)
	}
}

func wantAPIError(t *testing.T, a answer, status int, code string) {
	t.Helper()
	if a.status != status {
		t.Errorf("status %d, want %d; body %s", a.status, status, a.body)
	}
	m := a.json(t)
	if m["code"] != code {
		t.Errorf("code %v, want %q; body %s", m["code"], code, a.body)
	}
	if msg, _ := m["message"].(string); msg == "" {
		t.Errorf("no message in %s", a.body)
	}
}
