package cli

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// chromeOpener opens links in the test's Chromium window.
type chromeOpener struct{ ctx context.Context }

func (o chromeOpener) Open(link string) error {
	_, err := chromedp.Run(o.ctx, chromedp.Navigate(link))
	return err
}

// submit clicks a button that submits a form and waits for the page it
// leads to, so no later step looks up a node on the page being left (as
// the sandbox's browser tests do).
func submit(sel chromedp.ID) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.RunResponse(ctx, chromedp.Click(sel))
		return chromedp.Void{}, err
	}
}

// The bring-your-own-token flow with a real browser: the core opens the
// sandbox's token page in Chromium (with a window on Xvfb: a headless one
// never reaches the X clipboard), the user generates the token and clicks
// Copy, and the clipboard watch, reading the X clipboard through this
// package's clipboard programs, takes it, keeps it and clears the clipboard.
func TestRealBrowserCopyIsPickedUp(t *testing.T) {
	display := testenv.StartXvfb(t, "1024x768x24", "chromium", "xclip")
	browser := testenv.ChromiumOn(t, display)
	srv, err := sandbox.Start(sandbox.Config{NoDiscovery: true, NoPATAPI: true, NoMe: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	ctx, cancel := context.WithTimeout(browser, 2*time.Minute)
	defer cancel()
	core, err := companion.New(companion.Config{
		SettingsDir: t.TempDir(), MachineConfigPath: t.TempDir() + "/none.json",
		Keychain: keychain.New(keychain.WithBackend(&testenv.MemKeychain{})), Opener: chromeOpener{ctx},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := core.SetPlatform(ctx, srv.URL(), false); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == "DISPLAY" {
			return display
		}
		return ""
	}
	cb, err := clipboard.System(env)
	if err != nil {
		t.Fatal(err)
	}
	// Something else on the clipboard: left alone until the token comes.
	if err := cb.Write(ctx, "meeting notes"); err != nil {
		t.Fatal(err)
	}

	type result struct {
		st  companion.Status
		err error
	}
	done := make(chan result, 1)
	go func() {
		st, err := core.WatchClipboard(ctx, cb, nil)
		done <- result{st, err}
	}()
	direct, err := core.OpenTokenPage()
	if err != nil || !direct {
		t.Fatalf("OpenTokenPage: %v, %v", direct, err)
	}
	// One step at a time, so a failure says where it stopped.
	steps := []struct {
		name string
		do   chromedp.Action[chromedp.Void]
	}{
		{"the sign-in page", chromedp.WaitVisible(chromedp.ID("email"))},
		{"type the e-mail", chromedp.SendKeys(chromedp.ID("email"), "alice@example.com")},
		{"type the password", chromedp.SendKeys(chromedp.ID("password"), "demo-alice")},
		{"sign in", submit(chromedp.ID("sign-in"))},
		{"the token page", chromedp.WaitVisible(chromedp.ID("generate"))},
		{"generate", chromedp.Click(chromedp.ID("generate"))},
		{"the confirmation", chromedp.WaitVisible(chromedp.ID("confirm-generate"))},
		{"confirm", submit(chromedp.ID("confirm-generate"))},
		{"the new token", chromedp.WaitVisible(chromedp.ID("token"))},
		{"copy", chromedp.Click(chromedp.ID("copy"))},
		{"copied", chromedp.WaitVisible(chromedp.CSS("#copy-status[data-copied]"))},
	}
	for _, st := range steps {
		if err := chromedp.Do(ctx, st.do); err != nil {
			t.Fatalf("in the browser, %s: %v", st.name, err)
		}
	}
	shown, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("token")))
	if err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil || r.st.State != companion.StateValid || !r.st.BroughtIn || r.st.Account != "alice@example.com" {
		t.Fatalf("WatchClipboard: %s %q, %v", r.st.State, r.st.Account, r.err)
	}
	h, err := core.Header(ctx, companion.FormatToken)
	if err != nil || h != shown {
		t.Fatalf("the kept token is not the one shown: %v", err)
	}
	if now, err := cb.Read(ctx); err != nil || now != "" {
		t.Errorf("the clipboard was not cleared (%d characters, %v)", len(now), err)
	}
}
