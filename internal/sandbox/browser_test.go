package sandbox

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// TestRealBrowserTokenPage walks the seed's path in chromium: the avatar
// menu → "Personal access token", a confirmation, the token shown once
// with a Copy button that works, then a confirmed revoke.
func TestRealBrowserTokenPage(t *testing.T) {
	browser := testenv.Chromium(t)
	s := start(t, Config{})
	ctx, cancel := context.WithTimeout(browser, time.Minute)
	defer cancel()

	err := chromedp.Do(ctx,
		chromedp.Navigate(s.URL()+"/"),
		chromedp.Click(chromedp.ID("web-sign-in")),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "alice@example.com"),
		chromedp.SendKeys(chromedp.ID("password"), "demo-alice"),
		chromedp.Click(chromedp.ID("sign-in")),
		chromedp.WaitVisible(chromedp.ID("avatar")),
		chromedp.Click(chromedp.ID("avatar")),
		chromedp.Click(chromedp.ID("menu-pat")),
		chromedp.WaitVisible(chromedp.ID("generate")),
		chromedp.Click(chromedp.ID("generate")),
		chromedp.WaitVisible(chromedp.ID("confirm-generate")),
	)
	if err != nil {
		t.Fatalf("to the confirmation: %v", err)
	}
	if n := len(s.mustPATs()); n != 0 {
		t.Fatalf("%d tokens before the confirmation", n)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("confirm-generate")),
		chromedp.WaitVisible(chromedp.ID("token")),
		chromedp.Click(chromedp.ID("copy")),
		chromedp.WaitVisible(chromedp.CSS("#copy-status[data-copied]")),
	)
	if err != nil {
		t.Fatalf("generate and copy: %v", err)
	}
	tok, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("token")))
	if err != nil {
		t.Fatal(err)
	}
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("copy-status").dataset.copied`))
	if err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("copy-status")))
	if err != nil {
		t.Fatal(err)
	}
	if copied != "yes" || !strings.HasPrefix(status, "Copied") {
		t.Errorf("the Copy button reported %q (%q)", copied, status)
	}
	if !isJWTShaped(tok) {
		t.Fatalf("the page shows %d characters, not a token", len(tok))
	}
	if a := rooms(t, s, tok, ""); a.status != http.StatusOK {
		t.Fatalf("rooms with the token from the page: %d", a.status)
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(s.URL()+webPATPath),
		chromedp.WaitVisible(chromedp.ID("last-used")),
		chromedp.Click(chromedp.ID("revoke")),
		chromedp.WaitVisible(chromedp.ID("confirm-revoke")),
	)
	if err != nil {
		t.Fatalf("to the revoke confirmation: %v", err)
	}
	if a := rooms(t, s, tok, ""); a.status != http.StatusOK {
		t.Fatalf("revoked before the confirmation: %d", a.status)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("confirm-revoke")),
		chromedp.WaitVisible(chromedp.ID("revoked")),
	)
	if err != nil {
		t.Fatalf("revoke: %v", err)
	}
	wantAPIError(t, rooms(t, s, tok, ""), http.StatusUnauthorized, "invalid_token")
}
