package signin

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// realBrowser starts a headless chromium for the test.
func realBrowser(t *testing.T) context.Context {
	t.Helper()
	return testenv.Chromium(t)
}

// TestRealBrowserSignIn goes through the sandbox's real sign-in and consent
// pages in chromium: typing the demo account's password, pressing the
// buttons, and landing on the app's result page.
func TestRealBrowserSignIn(t *testing.T) {
	var alice sandbox.Account
	for _, a := range sandbox.DemoAccounts() {
		if a.Email == "alice@example.com" {
			alice = a
		}
	}
	tests := []struct {
		name   string
		button string // on the consent page
		want   error
		title  string // the result page's heading
	}{
		{"allow", "allow", nil, "Signed in — you can close this tab and return to iObeya Token"},
		{"deny", "deny", ErrDenied, "Sign-in did not complete"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			browserCtx := realBrowser(t)
			srv := startSandbox(t, sandbox.Config{})
			c := newClient(t, srv.URL())
			type seen struct {
				title string
				err   error
			}
			done := make(chan seen, 1)
			opener := OpenerFunc(func(link string) error {
				go func() {
					var s seen
					s.err = chromedp.Do(browserCtx,
						chromedp.Navigate(link),
						chromedp.WaitVisible(chromedp.ID("email")),
						chromedp.SendKeys(chromedp.ID("email"), alice.Email),
						chromedp.SendKeys(chromedp.ID("password"), alice.Password),
						chromedp.Click(chromedp.ID("sign-in")),
						chromedp.WaitVisible(chromedp.ID(tt.button)),
						chromedp.Click(chromedp.ID(tt.button)),
						chromedp.WaitVisible(chromedp.ID("result")),
					)
					if s.err == nil {
						s.title, s.err = chromedp.Run(browserCtx, chromedp.Text(chromedp.ID("result")))
					}
					done <- s
				}()
				return nil
			})
			tok, err := SignIn(t.Context(), Config{Client: c, Opener: opener, Timeout: time.Minute})
			s := <-done
			if s.err != nil {
				t.Fatalf("chromium: %v", s.err)
			}
			if strings.TrimSpace(s.title) != tt.title {
				t.Errorf("result page says %q, want %q", s.title, tt.title)
			}
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("SignIn = %v, want %v", err, tt.want)
				}
				if srv.Count(sandbox.EndpointToken) != 0 {
					t.Error("a denied sign-in reached the token endpoint")
				}
				return
			}
			if err != nil {
				t.Fatalf("SignIn: %v", err)
			}
			u, err := c.WhoAmI(t.Context(), tok.AccessToken)
			if err != nil || u.Email != alice.Email {
				t.Fatalf("WhoAmI = %+v, %v", u, err)
			}
		})
	}
}
