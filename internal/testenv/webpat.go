package testenv

import (
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// WebUser is a person using a platform's web pages (the sandbox's token
// page, docs/platform-api.md §7) over HTTP, with their cookies: how a test
// gets a token "from the iObeya web app" without a browser.
type WebUser struct {
	t        testing.TB
	platform string
	c        *http.Client
}

// Paths of the sandbox's web pages.
const (
	webSignIn = "/s/sign-in"
	webPAT    = "/s/personal-access-token"
)

var (
	csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	tokenBox  = regexp.MustCompile(`<textarea id="token"[^>]*>([^<]+)</textarea>`)
)

// SignInOnWeb signs email in on the platform's web pages.
func SignInOnWeb(t testing.TB, platform, email, password string) *WebUser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	u := &WebUser{t: t, platform: platform, c: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
	u.do(http.MethodPost, webSignIn, url.Values{"email": {email}, "password": {password}, "next": {webPAT}})
	return u
}

func (u *WebUser) do(method, path string, form url.Values) string {
	u.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u.platform+path, body)
	if err != nil {
		u.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", u.platform)
	}
	resp, err := u.c.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		u.t.Fatalf("%s %s: %d %v", method, path, resp.StatusCode, err)
	}
	return string(data)
}

// act confirms action ("generate" or "revoke") on the token page.
func (u *WebUser) act(action string) string {
	u.t.Helper()
	page := u.do(http.MethodGet, webPAT+"?confirm="+action, nil)
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		u.t.Fatalf("no form to %s on the token page", action)
	}
	return u.do(http.MethodPost, webPAT, url.Values{"csrf": {html.UnescapeString(m[1])}, "action": {action}})
}

// Generate generates a token on the web page and returns it, as the user
// would copy it.
func (u *WebUser) Generate() string {
	u.t.Helper()
	m := tokenBox.FindStringSubmatch(u.act("generate"))
	if m == nil {
		u.t.Fatal("the token page shows no new token")
	}
	return html.UnescapeString(m[1])
}

// Revoke revokes the token on the web page.
func (u *WebUser) Revoke() {
	u.t.Helper()
	u.act("revoke")
}

// AssertNotInDir fails the test when any file under dir holds secret.
func AssertNotInDir(t testing.TB, dir, secret string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), secret) {
			t.Errorf("%s holds a secret", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
