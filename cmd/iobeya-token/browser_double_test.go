package main

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// The browser double: the program under test opens the sign-in link with
// xdg-open, as on any Linux desktop. The tests put an xdg-open first on PATH
// that runs this test binary again in browser mode, which fills in the demo
// platform's real sign-in form, presses Allow on its consent page and
// follows the redirect back to the program — what a person does in a
// browser, over the same HTTP.
const browserModeEnv = "IOBEYA_TEST_BROWSER_DOUBLE"

// browserDoubleMain runs instead of the tests when the binary was started as
// xdg-open. It reports failures on stderr, which the program under test
// does not show; the test then sees the sign-in time out.
func browserDoubleMain() int {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "browser double: no link")
		return 1
	}
	link := os.Args[len(os.Args)-1]
	if err := signInLikeAPerson(link, os.Getenv(browserModeEnv)); err != nil {
		fmt.Fprintln(os.Stderr, "browser double:", err)
		return 1
	}
	return 0
}

// installBrowserDouble writes the xdg-open stand-in into a folder and
// returns the PATH that puts it first. email is the demo account to use.
func installBrowserDouble(t *testing.T, email string) (path string, env []string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nexec '" + self + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir + string(os.PathListSeparator) + os.Getenv("PATH"), []string{browserModeEnv + "=" + email}
}

var (
	formAction   = regexp.MustCompile(`<form method="post" action="([^"]+)"`)
	requestField = regexp.MustCompile(`name="request" value="([^"]+)"`)
)

// signInLikeAPerson goes through the platform's sign-in and consent pages.
func signInLikeAPerson(link, email string) error {
	var password string
	for _, a := range sandbox.DemoAccounts() {
		if a.Email == email {
			password = a.Password
		}
	}
	if password == "" {
		return fmt.Errorf("no demo account %q", email)
	}
	hc := &http.Client{
		Timeout:       20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	base, err := url.Parse(link)
	if err != nil {
		return err
	}
	page, err := fetch(hc, http.MethodGet, link, nil)
	if err != nil {
		return fmt.Errorf("sign-in page: %w", err)
	}
	page, err = submit(hc, base, page, url.Values{"step": {"sign-in"}, "email": {email}, "password": {password}})
	if err != nil {
		return fmt.Errorf("signing in: %w", err)
	}
	if !strings.Contains(page, `id="allow"`) {
		return fmt.Errorf("no consent page after signing in")
	}
	req, err := form(base, page, url.Values{"step": {"consent"}, "decision": {"allow"}})
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("allowing: %w", err)
	}
	resp.Body.Close()
	back := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || back == "" {
		return fmt.Errorf("allowing answered %d without a redirect", resp.StatusCode)
	}
	if _, err := fetch(hc, http.MethodGet, back, nil); err != nil {
		return fmt.Errorf("returning to the app: %w", err)
	}
	return nil
}

// submit posts the page's form with its hidden request id and values.
func submit(hc *http.Client, base *url.URL, page string, values url.Values) (string, error) {
	req, err := form(base, page, values)
	if err != nil {
		return "", err
	}
	return do(hc, req)
}

func form(base *url.URL, page string, values url.Values) (*http.Request, error) {
	a := formAction.FindStringSubmatch(page)
	r := requestField.FindStringSubmatch(page)
	if a == nil || r == nil {
		return nil, fmt.Errorf("the page has no sign-in form")
	}
	action, err := base.Parse(html.UnescapeString(a[1]))
	if err != nil {
		return nil, err
	}
	values.Set("request", html.UnescapeString(r[1]))
	req, err := http.NewRequest(http.MethodPost, action.String(), strings.NewReader(values.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req, nil
}

func fetch(hc *http.Client, method, link string, body io.Reader) (string, error) {
	req, err := http.NewRequest(method, link, body)
	if err != nil {
		return "", err
	}
	return do(hc, req)
}

func do(hc *http.Client, req *http.Request) (string, error) {
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s %s answered %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return string(b), nil
}
