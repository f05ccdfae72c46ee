package sandbox

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// generateInBrowser walks the seed's path in chromium: sign in, the avatar
// menu → "Personal access token", a confirmation, the token shown once,
// the Copy button. It answers the token on the page and the copy status.
func generateInBrowser(t *testing.T, ctx context.Context, s *Server) (tok, copied, status string) {
	t.Helper()
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
	// The click submits a form: RunResponse waits for the page it leads
	// to, so no later step looks up a node on the page being left.
	if _, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("confirm-generate"))); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.ID("token")),
		chromedp.Click(chromedp.ID("copy")),
		chromedp.WaitVisible(chromedp.CSS("#copy-status[data-copied]")),
	)
	if err != nil {
		t.Fatalf("generate and copy: %v", err)
	}
	if tok, err = chromedp.Run(ctx, chromedp.Value(chromedp.ID("token"))); err != nil {
		t.Fatal(err)
	}
	if copied, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("copy-status").dataset.copied`)); err != nil {
		t.Fatal(err)
	}
	if status, err = chromedp.Run(ctx, chromedp.Text(chromedp.ID("copy-status"))); err != nil {
		t.Fatal(err)
	}
	if !isJWTShaped(tok) {
		t.Fatalf("the page shows %d characters, not a token", len(tok))
	}
	return tok, copied, status
}

// TestRealBrowserTokenPage: generate after a confirmation, the Copy button
// reports success, the token works on the facade; revoke after a
// confirmation, and it no longer does.
func TestRealBrowserTokenPage(t *testing.T) {
	browser := testenv.Chromium(t)
	s := start(t, Config{})
	ctx, cancel := context.WithTimeout(browser, time.Minute)
	defer cancel()

	tok, copied, status := generateInBrowser(t, ctx, s)
	if copied != "yes" || !strings.HasPrefix(status, "Copied") {
		t.Errorf("the Copy button reported %q (%q)", copied, status)
	}
	if a := rooms(t, s, tok, ""); a.status != http.StatusOK {
		t.Fatalf("rooms with the token from the page: %d", a.status)
	}

	err := chromedp.Do(ctx,
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
	if _, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("confirm-revoke"))); err == nil {
		err = chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("revoked")))
	}
	if err != nil {
		t.Fatalf("revoke: %v", err)
	}
	wantAPIError(t, rooms(t, s, tok, ""), http.StatusUnauthorized, "invalid_token")
}

// TestRealBrowserCopyReachesTheXClipboard runs chromium with a window on
// Xvfb (a headless one never reaches the X clipboard) and reads the
// clipboard back with xclip: what desktop apps watching it will see.
func TestRealBrowserCopyReachesTheXClipboard(t *testing.T) {
	display := testenv.StartXvfb(t, "1024x768x24", "chromium", "xclip")
	browser := testenv.ChromiumOn(t, display)
	s := start(t, Config{})
	ctx, cancel := context.WithTimeout(browser, time.Minute)
	defer cancel()

	tok, copied, _ := generateInBrowser(t, ctx, s)
	if copied != "yes" {
		t.Fatalf("the Copy button reported %q", copied)
	}
	xctx, xcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer xcancel()
	cmd := exec.CommandContext(xctx, "xclip", "-selection", "clipboard", "-o")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("xclip: %v", err)
	}
	if string(out) != tok {
		t.Errorf("the X clipboard holds %d characters, not the %d of the token", len(out), len(tok))
	}
}
