package companion

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/signin"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestSetPlatform(t *testing.T) {
	mismatch, err := sandbox.Start(sandbox.Config{Issuer: "https://evil.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	defer mismatch.Close()
	down, err := sandbox.Start(sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	downURL := down.URL()
	down.Close()

	tests := []struct {
		name    string
		address string
		want    error
		message string // part of Explain's message
	}{
		{"unreachable", downURL, client.ErrUnreachable, "Can't reach " + strings.TrimPrefix(downURL, "http://")},
		{"not an address", "acme iobeya", client.ErrInvalidAddress, "is not a platform address"},
		{"javascript scheme", "javascript:alert(1)", client.ErrInvalidAddress, "is not a platform address"},
		{"plain http to a remote host", "http://acme.iobeya.com", client.ErrInsecure, "over https"},
		{"issuer of another platform", mismatch.URL(), client.ErrIssuerMismatch, "belongs to another address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Config{SettingsDir: t.TempDir(), Keychain: mockKeychain(t), CallTimeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			err = c.SetPlatform(context.Background(), tt.address, false)
			if !errors.Is(err, tt.want) {
				t.Fatalf("SetPlatform(%q): %v, want %v", tt.address, err, tt.want)
			}
			if p := Explain(err); !strings.Contains(p.Message, tt.message) || p.NextStep == "" {
				t.Errorf("Explain: %+v, want a message with %q and a next step", p, tt.message)
			}
			if c.Settings().Platform != "" {
				t.Error("a refused platform was saved")
			}
			if tt.want == client.ErrInvalidAddress || tt.want == client.ErrInsecure {
				if err := c.ValidateAddress(tt.address); !errors.Is(err, tt.want) {
					t.Errorf("ValidateAddress: %v", err)
				}
			}
		})
	}
}

func TestSetPlatformKeepsAccountOnlyForTheSamePlatform(t *testing.T) {
	e := newEnv(t)
	e.login()
	if err := e.core.SetPlatform(context.Background(), e.srv.URL(), false); err != nil {
		t.Fatal(err)
	}
	if e.core.Settings().Account != "alice@example.com" {
		t.Error("choosing the same platform again forgot the account")
	}
	other, err := sandbox.Start(sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := e.core.SetPlatform(context.Background(), other.URL(), true); err != nil {
		t.Fatal(err)
	}
	s := e.core.Settings()
	if s.Account != "" || !s.Demo || s.Platform != other.URL() {
		t.Errorf("after choosing another platform: %+v", s)
	}
	if !e.has("session") {
		t.Error("the first platform's session was deleted")
	}
}

func TestNoPlatformYet(t *testing.T) {
	c, err := New(Config{SettingsDir: t.TempDir(), Keychain: mockKeychain(t)})
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Status(context.Background(), false)
	if err != nil || st.State != StateNone || st.PlatformURL != "" {
		t.Errorf("Status = %+v, %v", st, err)
	}
	if _, err := c.Login(context.Background(), LoginOptions{}); !errors.Is(err, ErrNotConfigured) {
		t.Errorf("Login: %v", err)
	}
	if _, err := c.Generate(context.Background(), true); !errors.Is(err, ErrNotConfigured) {
		t.Errorf("Generate: %v", err)
	}
	if _, err := c.Header(context.Background(), FormatBearer); !errors.Is(err, ErrNotConfigured) {
		t.Errorf("Header: %v", err)
	}
	if res, err := c.Logout(context.Background()); err != nil || res.RevokedOnPlatform {
		t.Errorf("Logout: %+v, %v", res, err)
	}
}

func TestSubscribe(t *testing.T) {
	e := newEnv(t)
	var got []State
	cancel := e.core.Subscribe(func(st Status) { got = append(got, st.State) })
	e.login()
	e.core.Generate(context.Background(), true)
	e.core.Status(context.Background(), false)
	e.core.Revoke(context.Background())
	e.core.Logout(context.Background())
	cancel()
	e.core.Status(context.Background(), false)
	want := []State{StateNone, StateValid, StateValid, StateNone, StateNone}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("notified %v, want %v", got, want)
	}
}

// TestExplain: every error a front end can meet gets its own words and a
// next step, never the generic fallback and never a Go error string.
func TestExplain(t *testing.T) {
	tests := []struct {
		err  error
		want string // part of Message
	}{
		{ErrNotConfigured, "No iObeya platform"},
		{ErrNotSignedIn, "not signed in"},
		{fmt.Errorf("%w: x", ErrSessionEnded), "signed out"},
		{ErrNotConfirmed, "not confirmed"},
		{ErrNoToken, "no personal access token"},
		{fmt.Errorf("%w: 409", ErrTokenExists), "already have"},
		{&notRevokedError{cause: client.ErrServer}, "not revoked"},
		{ErrDamaged, "damaged"},
		{ErrExpired, "expired"},
		{ErrBadFormat, "Unknown format"},
		{&NotStoredError{Cause: errors.New("x")}, "could not be saved"},
		{&SettingsError{Path: "/x/settings.json", Cause: errors.New("bad")}, "/x/settings.json"},
		{keychain.NewError(keychain.OpGet, keychain.ErrUnavailable, nil), "keychain is not available"},
		{keychain.NewError(keychain.OpSet, keychain.ErrUnavailable, errors.New("failed to unlock correct collection")), "keychain is locked"},
		{&keychain.Error{Op: keychain.OpSet, Kind: keychain.ErrUnavailable, Err: errors.New("failed to unlock correct collection")}, "keychain is locked"}, // made by hand
		{keychain.NewError(keychain.OpSet, keychain.ErrTimeout, nil), "did not answer in time"},
		{keychain.NewError(keychain.OpGet, keychain.ErrCorrupt, nil), "damaged"},
		{keychain.NewError(keychain.OpSet, keychain.ErrTooLarge, nil), "Could not save"},
		{ErrPlatformChanged, "changed while you were signing in"},
		{&PlatformError{Host: "acme.iobeya.com", Err: &client.NetError{Host: "acme.iobeya.com", Err: errors.New("refused")}}, "Can't reach acme.iobeya.com"},
		{&client.NetError{Host: "acme.iobeya.com", Err: context.DeadlineExceeded}, "acme.iobeya.com did not answer in time"},
		{&client.APIError{Status: 503}, "had a problem"},
		{&client.APIError{Status: 429, RetryAfter: 30 * time.Second}, "slow down"},
		{&client.APIError{Status: 403}, "does not allow"},
		{&client.APIError{Status: 200, WebPage: true}, "web page"},
		{&client.APIError{Status: 302}, "unexpected answer (HTTP 302)"},
		{&client.IssuerError{Platform: "https://acme.iobeya.com", Issuer: "https://evil"}, "another address"},
		{&signin.Error{Kind: signin.ErrDenied, Detail: "<script>x</script>"}, "declined"},
		{&signin.Error{Kind: signin.ErrTimedOut}, "not finished in time"},
		{&signin.Error{Kind: signin.ErrCancelled}, "cancelled"},
		{&signin.Error{Kind: signin.ErrNoS256}, "does not support secure sign-in for desktop apps"},
		{&signin.Error{Kind: signin.ErrStateMismatch}, "does not belong"},
		{&signin.Error{Kind: signin.ErrPortUnavailable}, "port"},
		{&signin.Error{Kind: signin.ErrUnsafeURL}, "not opened"},
		{&signin.Error{Kind: signin.ErrCodeRejected}, "did not accept"},
		{&signin.Error{Kind: signin.ErrTokenFailed}, "could not finish"},
		{&signin.Error{Kind: signin.ErrRefused}, "refused"},
		{&signin.Error{Kind: signin.ErrBadCallback}, "incomplete"},
		{&signin.Error{Kind: signin.ErrSessionEnded}, "signed out"},
		{context.DeadlineExceeded, "too long"},
		{context.Canceled, "cancelled"},
		{&client.AddressError{Input: "ftp://x", Reason: "not a web address", Err: client.ErrInvalidAddress}, `"ftp://x" is not a platform address (not a web address)`},
		{errBadSetting, "not possible"},
		{errNoConfigDir, "folder for settings"},
		{&client.APIError{Status: 401}, "signed out of the platform"},
	}
	for _, tt := range tests {
		p := Explain(tt.err)
		if !strings.Contains(p.Message, tt.want) || p.NextStep == "" {
			t.Errorf("Explain(%T %v) = %+v; want a message with %q and a next step", tt.err, tt.err, p, tt.want)
		}
		if strings.Contains(p.Message, "Something went wrong") {
			t.Errorf("Explain(%v) is the generic fallback", tt.err)
		}
		if text := p.Message + p.NextStep; strings.Contains(text, "<no value>") || strings.Contains(text, "{{") {
			t.Errorf("Explain(%v) leaves a placeholder empty: %+v", tt.err, p)
		}
	}
	locked := keychain.NewError(keychain.OpSet, keychain.ErrUnavailable, errors.New("failed to unlock correct collection"))
	if p := Explain(fmt.Errorf("sign-in: %w", locked)); p.NextStep != locked.Hint {
		t.Errorf("Explain(locked).NextStep = %q, want the keychain's Hint %q", p.NextStep, locked.Hint)
	}
	if p := Explain(keychain.NewError(keychain.OpGet, keychain.ErrUnavailable, nil)); !strings.Contains(p.NextStep, "GNOME Keyring") && !strings.Contains(p.NextStep, "Keychain") && !strings.Contains(p.NextStep, "Credential Manager") {
		t.Errorf("no per-OS hint for an unavailable keychain: %+v", p)
	}
}

func TestVerboseLogHasNoSecrets(t *testing.T) {
	e := newEnv(t)
	pat := e.generate()
	session := e.stored("session")
	access, refresh := testenv.JSONField(t, session, "access"), testenv.JSONField(t, session, "refresh")
	e.core.Status(context.Background(), false)
	e.core.Header(context.Background(), FormatPowerAutomate)
	e.core.Revoke(context.Background())
	e.core.Logout(context.Background())
	log := e.log.String()
	if !strings.Contains(log, "GET ") || !strings.Contains(log, "sign-in:") {
		t.Fatalf("the verbose log says nothing useful:\n%s", log)
	}
	for name, secret := range map[string]string{"token": pat, "access token": access, "refresh token": refresh} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds the %s", name)
		}
	}
	for _, link := range e.opener.links {
		if strings.Contains(log, link) {
			t.Error("the log holds the sign-in link with its state")
		}
	}
}

func TestDoctor(t *testing.T) {
	e := newEnv(t, func(_ *sandbox.Config, c *Config) {
		c.Env = func(k string) string {
			if k == "HTTPS_PROXY" {
				return "http://bob:hunter2secret@proxy.example.com:3128"
			}
			return ""
		}
	})
	pat := e.generate()
	rep := e.core.Doctor(context.Background())
	text := rep.String()
	for _, topic := range []string{"Settings", "Keychain", "Proxy", "Platform", "Clock", "Session", "Token"} {
		if !strings.Contains(text, topic) {
			t.Errorf("the report has no %s line:\n%s", topic, text)
		}
	}
	if strings.Contains(text, "hunter2secret") || strings.Contains(text, pat) {
		t.Errorf("the report holds a secret:\n%s", text)
	}
	if !strings.Contains(text, "proxy.example.com:3128") {
		t.Errorf("the proxy is not reported:\n%s", text)
	}
	// The fake clock is far from the sandbox's real Date header.
	var clock Finding
	for _, f := range rep.Findings {
		if f.Topic == "Clock" {
			clock = f
		}
	}
	skewed := time.Since(start) > maxSkew || time.Until(start) > maxSkew
	if clock.OK == skewed {
		t.Errorf("clock finding %+v with a skew of %v", clock, time.Since(start))
	}
	if rep.OK() == skewed {
		t.Errorf("report OK = %v with the clock finding %+v", rep.OK(), clock)
	}

	e.srv.Close()
	rep = e.core.Doctor(context.Background())
	if rep.OK() || !strings.Contains(rep.String(), "Can't reach") {
		t.Errorf("with the platform down:\n%s", rep.String())
	}
}
