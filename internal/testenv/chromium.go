package testenv

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Chromium starts Debian's chromium, headless, for the test and answers a
// chromedp context driving it; it stops when the test ends. When chromium
// is not installed, the test is skipped saying so (scripts/setup.sh
// installs it).
func Chromium(t testing.TB) context.Context {
	t.Helper()
	return startChromium(t, "")
}

// ChromiumOn starts chromium with a window on an X display (from
// StartXvfb): unlike a headless one, it reaches that display's clipboard.
func ChromiumOn(t testing.TB, display string) context.Context {
	t.Helper()
	return startChromium(t, display)
}

func startChromium(t testing.TB, display string) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("chromium is not installed (%s=1 requires it; scripts/setup.sh installs it)", EnvRequire)
		}
		t.Skip("skipped: chromium is not installed (scripts/setup.sh installs it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
	)
	if display != "" {
		opts = append(opts, chromedp.Flag("headless", false), chromedp.Flag("hide-scrollbars", false),
			chromedp.Env("DISPLAY="+display), chromedp.WindowSize(1024, 768))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium is installed but did not start: %v", err)
	}
	return ctx
}
