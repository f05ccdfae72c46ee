package companion

import (
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// withPlatformClock runs the sandbox on its own clock, offset from the
// core's: its tokens then expire earlier or later than they should.
func withPlatformClock(offset time.Duration) envOption {
	return func(s *sandbox.Config, _ *Config) { s.Now = func() time.Time { return start.Add(offset) } }
}

// TestGenerateOddTokenIsRevoked: a token already expired when issued, or
// not a JWT at all, is revoked on the platform, not stored, and reported
// with the host and what the platform sent.
func TestGenerateOddTokenIsRevoked(t *testing.T) {
	tests := []struct {
		name   string
		opt    envOption
		inMsg  string
		opaque bool
	}{
		{"already expired", withPlatformClock(-100 * 24 * time.Hour), "had already expired when it was issued", false},
		{"not a JWT", func(_ *sandbox.Config, c *Config) {
			c.HTTPClient = &http.Client{Transport: &testenv.PATRewriter{Base: http.DefaultTransport, Replace: func(string) string { return "opaque-0123456789abcdefghijklmnop" }}}
		}, "is not a token iObeya Token can read (33 characters", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opt)
			e.login()
			g, err := e.core.Generate(context.Background(), true)
			var odd *OddTokenError
			if !errors.As(err, &odd) || odd.RevokeErr != nil {
				t.Fatalf("Generate = %+v, %v; want an *OddTokenError, revoked", g, err)
			}
			if n := e.srv.Count(sandbox.EndpointPATDelete); n != 1 {
				t.Errorf("the platform was asked to revoke %d times, want 1", n)
			}
			if e.has("pat") || g.Unstored != "" {
				t.Error("an unusable token was kept or handed out")
			}
			p := Explain(err)
			if !strings.HasPrefix(p.Message, strings.TrimPrefix(e.srv.URL(), "http://")) || !strings.Contains(p.Message, tt.inMsg) || !strings.Contains(p.Message, "It was revoked there.") {
				t.Errorf("Explain: %+v", p)
			}
			if tt.opaque && strings.Contains(p.Message+e.log.String(), "opaque-0123") {
				t.Error("the message or the log holds the token")
			}
		})
	}
}

// TestGenerateShortLivedWarns: a token that expires within the hour is
// kept, with a warning in the result.
func TestGenerateShortLivedWarns(t *testing.T) {
	e := newEnv(t, withPlatformClock(-sandbox.DefaultTokenTTL+30*time.Minute))
	e.login()
	g, err := e.core.Generate(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if !e.has("pat") || !strings.Contains(g.Warning, "expires in 30 minutes") {
		t.Errorf("kept %v, warning %q", e.has("pat"), g.Warning)
	}
	e2 := newEnv(t)
	e2.login()
	if g, err := e2.core.Generate(context.Background(), true); err != nil || g.Warning != "" {
		t.Errorf("a 90-day token: %v, warning %q", err, g.Warning)
	}
}

// truncatingKeychain keeps only the first 8 KiB of what it is given, like
// a keychain with a smaller limit than ours.
type truncatingKeychain struct{ Keychain }

func (k truncatingKeychain) Set(ctx context.Context, service, account, secret string) error {
	if len(secret) > 8<<10 {
		secret = secret[:8<<10]
	}
	return k.Keychain.Set(ctx, service, account, secret)
}

// TestGenerateReadsBackBeforeKept: a token the keychain does not give back
// whole is not "kept": it is handed back to be shown once.
func TestGenerateReadsBackBeforeKept(t *testing.T) {
	e := newEnv(t, func(_ *sandbox.Config, c *Config) {
		c.HTTPClient = &http.Client{Transport: &testenv.PATRewriter{Base: http.DefaultTransport, Replace: testenv.PadJWT(20_000)}}
	})
	e.login()
	e.core.cfg.Keychain = truncatingKeychain{e.kc}
	g, err := e.core.Generate(context.Background(), true)
	var ns *NotStoredError
	if !errors.As(err, &ns) || len(g.Unstored) < 20_000 {
		t.Fatalf("Generate: %v (%d bytes handed back), want a *NotStoredError with the whole token", err, len(g.Unstored))
	}
	if e.has("pat") {
		t.Error("a cut-off token was left in the keychain")
	}
}

// TestWritesWaitForTheLock: while another process holds the lock, a write
// waits, then gives up with ErrBusy, sending nothing to the platform.
func TestWritesWaitForTheLock(t *testing.T) {
	e := newEnv(t, func(_ *sandbox.Config, c *Config) { c.LockTimeout = 300 * time.Millisecond })
	e.generate()
	unlock, err := lockFile(context.Background(), filepath.Join(e.dir, sessionLockFile))
	if err != nil {
		t.Fatal(err)
	}
	writes := map[string]func() error{
		"revoke":   func() error { return e.core.Revoke(context.Background()) },
		"generate": func() error { _, err := e.core.Generate(context.Background(), true); return err },
		"replace":  func() error { _, err := e.core.Regenerate(context.Background(), true); return err },
		"sign-out": func() error { _, err := e.core.Logout(context.Background()); return err },
	}
	for name, write := range writes {
		if err := write(); !errors.Is(err, ErrBusy) {
			t.Errorf("%s while another process holds the lock: %v, want ErrBusy", name, err)
		}
	}
	if p := Explain(ErrBusy); p.Message != "Another iObeya Token is busy with this; try again." {
		t.Errorf("Explain(ErrBusy) = %+v", p)
	}
	if n := e.srv.Count(sandbox.EndpointPATDelete) + e.srv.Count(sandbox.EndpointPATCreate); n != 1 {
		t.Errorf("%d writes reached the platform, want only the first generate", n)
	}
	unlock()
	if err := e.core.Revoke(context.Background()); err != nil {
		t.Errorf("Revoke once the lock is free: %v", err)
	}
}

// TestRegenerateRefusesWhenChangedMeanwhile: two front ends saw the same
// token; the first replaces it; the second does not replace the new one,
// so never do both report "Generated".
func TestRegenerateRefusesWhenChangedMeanwhile(t *testing.T) {
	e := newEnv(t)
	e.generate()
	other, err := New(Config{SettingsDir: e.dir, Keychain: e.kc, Opener: e.opener, Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Core{e.core, other} {
		if _, err := c.Status(context.Background(), true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.core.Regenerate(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	replaced := e.stored("pat")
	deletes := e.srv.Count(sandbox.EndpointPATDelete)
	_, err = other.Regenerate(context.Background(), true)
	if !errors.Is(err, ErrChangedMeanwhile) {
		t.Fatalf("the second Regenerate: %v, want ErrChangedMeanwhile", err)
	}
	if e.stored("pat") != replaced || e.srv.Count(sandbox.EndpointPATDelete) != deletes {
		t.Error("the second Regenerate touched the token the first one made")
	}
	// Once it has looked again, it may replace.
	if _, err := other.Status(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Regenerate(context.Background(), true); err != nil {
		t.Errorf("Regenerate after a fresh look: %v", err)
	}
}

// TestRevokeAtOnceFromTwoCores: two cores on one settings folder (as two
// processes) revoke at once; both succeed, neither speaks of the keychain.
func TestRevokeAtOnceFromTwoCores(t *testing.T) {
	e := newEnv(t)
	e.generate()
	other, err := New(Config{SettingsDir: e.dir, Keychain: e.kc, Opener: e.opener, Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, c := range []*Core{e.core, other} {
		wg.Go(func() { errs[i] = c.Revoke(context.Background()) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("revoke %d: %v (%s)", i, err, Explain(err).Message)
		}
	}
	if e.has("pat") {
		t.Error("the token is still stored")
	}
}

// TestLoginTabWaitsForSessionCheck: when the platform's who-am-I fails
// after the sign-in, the browser tab does not say "Signed in"; it says
// what went wrong.
func TestLoginTabWaitsForSessionCheck(t *testing.T) {
	e := newEnv(t)
	pages := make(chan string, 1)
	e.core.cfg.Opener = openerFunc(func(link string) error {
		go func() {
			resp, err := (&http.Client{Timeout: 20 * time.Second}).Get(link)
			if err != nil {
				pages <- err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			pages <- string(b)
		}()
		return nil
	})
	e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointMe, Status: 503}})
	_, err := e.core.Login(context.Background(), LoginOptions{Timeout: 20 * time.Second})
	if !errors.Is(err, client.ErrServer) {
		t.Fatalf("Login: %v, want the platform's failure", err)
	}
	page := <-pages
	if strings.Contains(page, "Signed in") || !strings.Contains(page, "had a problem (503)") {
		t.Errorf("the tab says: %s", page)
	}
	if e.has("session") {
		t.Error("a session was stored")
	}
}

type openerFunc func(string) error

func (f openerFunc) Open(link string) error { return f(link) }

// TestPlatformMessagesNameTheHost: messages start with a capital letter,
// name the host and the status; a 503 on revoke does not blame the network.
func TestPlatformMessagesNameTheHost(t *testing.T) {
	e := newEnv(t)
	e.generate()
	e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointPATDelete, Status: 503}})
	p := Explain(e.core.Revoke(context.Background()))
	host := strings.TrimPrefix(e.srv.URL(), "http://")
	if !strings.HasPrefix(p.Message, host+" had a problem (503)") || strings.Contains(p.Message+p.NextStep, "network") || !strings.Contains(p.Message, "still kept") {
		t.Errorf("a 503 on revoke: %+v", p)
	}
	if p := Explain(&client.APIError{Status: 502}); !strings.HasPrefix(p.Message, "The platform") {
		t.Errorf("without a host: %+v", p)
	}
}

// TestDoctorReportsContractParts: doctor says, with its time, whether
// each part of the contract is present, and calls a missing one absent,
// never "not your iObeya platform".
func TestDoctorReportsContractParts(t *testing.T) {
	e := newEnv(t)
	e.generate()
	rep := e.core.Doctor(context.Background())
	find := func(rep Report, topic string) Finding {
		for _, f := range rep.Findings {
			if f.Topic == topic {
				return f
			}
		}
		t.Fatalf("no %s line:\n%s", topic, rep)
		return Finding{}
	}
	for _, topic := range []string{"Platform", "Token API", "/v1/me"} {
		if f := find(rep, topic); !f.OK || !strings.Contains(f.Detail, "present") || f.Took <= 0 {
			t.Errorf("%s: %+v", topic, f)
		}
	}
	find(rep, "Flow API")

	e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointMe, Status: 404}})
	rep = e.core.Doctor(context.Background())
	if f := find(rep, "/v1/me"); f.OK || !strings.Contains(f.Detail, "absent") || strings.Contains(f.Detail, "iObeya platform") {
		t.Errorf("/v1/me missing: %+v", f)
	}
	if f := find(rep, "Token API"); !f.OK {
		t.Errorf("the token API is there: %+v", f)
	}
}
