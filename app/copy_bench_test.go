package app

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/signin"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

const benchAccount = "alice@example.com"

// copyEnv is the real core, signed in on the in-process sandbox with a
// token, on the mock keychain: what the copy path reads.
type copyEnv struct {
	core    *companion.Core
	kc      companion.Keychain
	service string
}

func newCopyEnv(b *testing.B) *copyEnv {
	b.Helper()
	srv, err := sandbox.Start(sandbox.Config{AutoApprove: benchAccount})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	e := &copyEnv{kc: keychain.New(keychain.WithBackend(&testenv.MemKeychain{}))}
	e.core, err = companion.New(companion.Config{
		SettingsDir: b.TempDir(),
		Keychain:    e.kc,
		// With auto-approval the sign-in link redirects straight back.
		Opener: signin.OpenerFunc(func(link string) error { go getLink(link); return nil }),
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := e.core.SetPlatform(ctx, srv.URL(), false); err != nil {
		b.Fatal(err)
	}
	if _, err := e.core.Login(ctx, companion.LoginOptions{Timeout: 20 * time.Second}); err != nil {
		b.Fatal(err)
	}
	if _, err := e.core.Generate(ctx, true); err != nil {
		b.Fatal(err)
	}
	st, err := e.core.Status(ctx, true)
	if err != nil {
		b.Fatal(err)
	}
	e.service = keychain.ServiceFor(st.Platform)
	return e
}

// getLink plays the browser: it requests link and follows the redirects.
func getLink(link string) {
	hc := &http.Client{Timeout: 20 * time.Second}
	resp, err := hc.Get(link)
	if err != nil {
		return
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// BenchmarkCopyPath measures "Copy for Power Automate" in the window with
// the real core and the test app's clipboard: keychain reads, formatting,
// the hop off the UI goroutine and back, the clipboard, the countdown and
// the page drawn again. Compare with BenchmarkCopyPathBaseline.
func BenchmarkCopyPath(b *testing.B) {
	e := newCopyEnv(b)
	a := test.NewTempApp(b)
	u := New(a, Deps{Core: e.core})
	b.Cleanup(u.shutdown)
	u.Start()
	u.work.jobs.Wait() // the first status checks
	b.ResetTimer()
	for b.Loop() {
		u.copyToken(companion.FormatBearer)
		// The test driver runs fyne.Do at once, so the result is on the
		// clipboard once the call's goroutine is done.
		u.work.jobs.Wait()
	}
	b.StopTimer()
	want, err := e.core.Header(context.Background(), companion.FormatBearer)
	if err != nil {
		b.Fatal(err)
	}
	if got := a.Clipboard().Content(); got != want {
		b.Fatal("the clipboard does not hold the Bearer header after a copy")
	}
}

// BenchmarkCopyPathBaseline is the floor of the copy path: the keychain
// read, the format and the clipboard write, called directly.
func BenchmarkCopyPathBaseline(b *testing.B) {
	e := newCopyEnv(b)
	a := test.NewTempApp(b)
	ctx := context.Background()
	for b.Loop() {
		raw, err := e.kc.Get(ctx, e.service, benchAccount+"/pat")
		if err != nil {
			b.Fatal(err)
		}
		a.Clipboard().SetContent("Bearer " + raw)
	}
	if len(a.Clipboard().Content()) < 100 {
		b.Fatal("the clipboard does not hold a Bearer header")
	}
}
