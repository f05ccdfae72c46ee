package companion

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestLoginStoresSessionAndAccount(t *testing.T) {
	e := newEnv(t)
	acct := e.login()
	want := Account{Email: "alice@example.com", Name: "Alice Martin", Platform: strings.TrimPrefix(e.srv.URL(), "http://")}
	if acct != want {
		t.Errorf("Login = %+v, want %+v", acct, want)
	}
	if got := e.core.Settings().Account; got != "alice@example.com" {
		t.Errorf("settings account = %q", got)
	}
	if !e.has("session") {
		t.Fatal("no session in the keychain after Login")
	}
	data, err := os.ReadFile(e.core.SettingsPath())
	if err != nil {
		t.Fatal(err)
	}
	session := e.stored("session")
	if strings.Contains(string(data), session) || strings.Contains(string(data), "access") {
		t.Errorf("settings.json holds session material: %s", data)
	}
	if len(e.opener.links) != 1 {
		t.Errorf("the browser was opened %d times, want 1", len(e.opener.links))
	}
}

func TestLoginNoBrowserHandsOutTheLink(t *testing.T) {
	e := newEnv(t)
	var got []string
	acct, err := e.core.Login(context.Background(), LoginOptions{
		NoBrowser: true,
		Timeout:   20 * time.Second,
		OnURL: func(link string, opened bool) {
			if opened {
				t.Error("OnURL says a browser was opened with NoBrowser")
			}
			got = append(got, link)
			go follow(link)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if acct.Email != "alice@example.com" || len(got) != 1 || len(e.opener.links) != 0 {
		t.Errorf("acct %+v, links handed out %d, browser opened %d times", acct, len(got), len(e.opener.links))
	}
}

func TestLoginFailureLeavesNoSession(t *testing.T) {
	tests := []struct {
		name  string
		fault string
		setup func(e *env)
		want  func(error) bool
	}{
		{
			name:  "who-am-I fails after the tokens were issued",
			fault: "me=500",
			want:  func(err error) bool { return errors.Is(err, client.ErrServer) },
		},
		{
			name:  "token endpoint fails",
			fault: "token=500",
			want:  func(err error) bool { return err != nil },
		},
		{
			name: "keychain refuses the session",
			setup: func(e *env) {
				e.core.cfg.Keychain = &faultyKeychain{Keychain: e.kc, setErr: func(string) error {
					return &keychain.Error{Op: keychain.OpSet, Kind: keychain.ErrUnavailable}
				}}
			},
			want: func(err error) bool { return errors.Is(err, keychain.ErrUnavailable) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.fault != "" {
				f, err := sandbox.ParseFault(tt.fault)
				if err != nil {
					t.Fatal(err)
				}
				e.srv.SetFaults([]sandbox.Fault{f})
			}
			if tt.setup != nil {
				tt.setup(e)
			}
			_, err := e.core.Login(context.Background(), LoginOptions{Timeout: 20 * time.Second})
			if !tt.want(err) {
				t.Fatalf("Login: %v", err)
			}
			if e.has("session") {
				t.Error("a failed sign-in left a session in the keychain")
			}
			if got := e.core.Settings().Account; got != "" {
				t.Errorf("a failed sign-in saved the account %q", got)
			}
			if p := Explain(err); strings.HasPrefix(p.Message, "Something went wrong") {
				t.Errorf("Explain(%v) is the generic message", err)
			}
			if tt.fault == "me=500" && e.srv.Count(sandbox.EndpointRevoke) != 1 {
				t.Errorf("the unused session was revoked %d times, want 1", e.srv.Count(sandbox.EndpointRevoke))
			}
		})
	}
}

func TestLogout(t *testing.T) {
	e := newEnv(t)
	e.generate()
	res, err := e.core.Logout(context.Background())
	if err != nil || !res.RevokedOnPlatform {
		t.Fatalf("Logout = %+v, %v", res, err)
	}
	if e.has("session") {
		t.Error("the session is still in the keychain")
	}
	if !e.has("pat") {
		t.Error("Logout deleted the token; it must stay")
	}
	st, err := e.core.Status(context.Background(), true)
	if err != nil || st.SignedIn || st.Account != "alice@example.com" || st.State != StateValid {
		t.Errorf("after Logout: %+v, %v", st, err)
	}
	// Nothing to do the second time.
	if res, err := e.core.Logout(context.Background()); err != nil || res.RevokedOnPlatform {
		t.Errorf("second Logout = %+v, %v", res, err)
	}
}

func TestLogoutPlatformUnreachable(t *testing.T) {
	e := newEnv(t)
	e.login()
	e.srv.Close()
	res, err := e.core.Logout(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.RevokedOnPlatform {
		t.Error("RevokedOnPlatform with the platform down")
	}
	if e.has("session") {
		t.Error("the local session must go even when the platform is unreachable")
	}
}

func TestGenerateWithoutConfirmationSendsNothing(t *testing.T) {
	e := newEnv(t)
	e.login()
	before := e.requests()
	for _, f := range []func(context.Context, bool) (Generated, error){e.core.Generate, e.core.Regenerate} {
		g, err := f(context.Background(), false)
		if !errors.Is(err, ErrNotConfirmed) || g.Unstored != "" || g.Status.State != "" {
			t.Errorf("unconfirmed: %+v, %v; want ErrNotConfirmed and nothing", g, err)
		}
	}
	if n := e.requests() - before; n != 0 {
		t.Errorf("%d requests reached the platform without confirmation", n)
	}
	if e.has("pat") {
		t.Error("a token was stored without confirmation")
	}
}

func TestGenerate(t *testing.T) {
	e := newEnv(t)
	e.login()
	var notified []Status
	cancel := e.core.Subscribe(func(st Status) { notified = append(notified, st) })
	defer cancel()
	g, err := e.core.Generate(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	pat := e.stored("pat")
	st := g.Status
	if st.State != StateValid || !st.CheckedWithServer || g.Unstored != "" {
		t.Errorf("Generate status %+v, unstored %q", st, g.Unstored)
	}
	if want := start.Add(sandbox.DefaultTokenTTL); !st.ExpiresAt.Equal(want) {
		t.Errorf("expires %v, want the sandbox's %v", st.ExpiresAt, want)
	}
	if st.Masked == "" || strings.Contains(pat, st.Masked[:len(st.Masked)-len("…Xy12")]) == false {
		t.Errorf("masked %q does not look like the stored token", st.Masked)
	}
	if len(notified) == 0 || notified[len(notified)-1].State != StateValid {
		t.Errorf("subscribers were told %+v", notified)
	}
	if data, err := os.ReadFile(e.core.SettingsPath()); err != nil || strings.Contains(string(data), pat) {
		t.Errorf("settings.json holds the token (or cannot be read: %v)", err)
	}
	// The token is the user's own: /me with it names alice.
	cl, _ := client.New(e.srv.URL())
	u, err := cl.WhoAmI(context.Background(), pat)
	if err != nil || u.Email != "alice@example.com" {
		t.Errorf("WhoAmI with the stored token: %+v, %v", u, err)
	}
}

func TestGenerateWhenOneExists(t *testing.T) {
	e := newEnv(t)
	first := e.generate()
	_, err := e.core.Generate(context.Background(), true)
	if !errors.Is(err, ErrTokenExists) {
		t.Fatalf("second Generate: %v, want ErrTokenExists", err)
	}
	if got := e.stored("pat"); got != first {
		t.Error("a refused Generate replaced the stored token")
	}
	// Regenerate replaces it, and the old one stops working.
	g, err := e.core.Regenerate(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	second := e.stored("pat")
	if second == first || g.Status.State != StateValid {
		t.Errorf("Regenerate kept the old token or says %s", g.Status.State)
	}
	cl, _ := client.New(e.srv.URL())
	if _, err := cl.WhoAmI(context.Background(), first); !errors.Is(err, client.ErrUnauthorized) {
		t.Errorf("the replaced token still works: %v", err)
	}
}

func TestGenerateWhenStoringFails(t *testing.T) {
	e := newEnv(t)
	e.login()
	e.core.cfg.Keychain = &faultyKeychain{Keychain: e.kc, setErr: func(account string) error {
		if strings.HasSuffix(account, "/pat") {
			return &keychain.Error{Op: keychain.OpSet, Kind: keychain.ErrUnavailable}
		}
		return nil
	}}
	g, err := e.core.Generate(context.Background(), true)
	var ns *NotStoredError
	if !errors.As(err, &ns) {
		t.Fatalf("Generate: %v, want a *NotStoredError", err)
	}
	if g.Unstored == "" {
		t.Fatal("the new token was not handed back: it is lost")
	}
	if strings.Contains(err.Error(), g.Unstored) || strings.Contains(Explain(err).Message+Explain(err).NextStep, g.Unstored) {
		t.Error("the error text holds the token")
	}
	if e.has("pat") {
		t.Error("a token is in the keychain although storing failed")
	}
	cl, _ := client.New(e.srv.URL())
	if _, err := cl.WhoAmI(context.Background(), g.Unstored); err != nil {
		t.Errorf("the handed-back token does not work: %v", err)
	}
	scanFor(t, g.Unstored, e.dir, os.TempDir())
	if strings.Contains(e.log.String(), g.Unstored) {
		t.Error("the log holds the token")
	}
}

func TestRevoke(t *testing.T) {
	e := newEnv(t)
	pat := e.generate()
	if err := e.core.Revoke(context.Background()); err != nil {
		t.Fatal(err)
	}
	if e.has("pat") {
		t.Error("the token is still in the keychain after Revoke")
	}
	cl, _ := client.New(e.srv.URL())
	if _, err := cl.WhoAmI(context.Background(), pat); !errors.Is(err, client.ErrUnauthorized) {
		t.Errorf("the revoked token still works: %v", err)
	}
	st, err := e.core.Status(context.Background(), false)
	if err != nil || st.State != StateNone {
		t.Errorf("after Revoke: %s, %v", st.State, err)
	}
}

func TestRevokeWhenThereWasNone(t *testing.T) {
	e := newEnv(t)
	e.login()
	if err := e.core.Revoke(context.Background()); err != nil {
		t.Fatalf("Revoke with no token: %v", err)
	}
	if e.srv.Count(sandbox.EndpointPATDelete) != 1 {
		t.Errorf("the platform was asked %d times", e.srv.Count(sandbox.EndpointPATDelete))
	}
}

func TestRevokeNotConfirmedKeepsToken(t *testing.T) {
	tests := []struct {
		name    string
		breakIt func(e *env)
	}{
		{"platform answers 503", func(e *env) {
			e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointPATDelete, Status: 503}})
		}},
		{"platform answers 500", func(e *env) {
			e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointPATDelete, Status: 500}})
		}},
		{"platform unreachable", func(e *env) { e.srv.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			pat := e.generate()
			tt.breakIt(e)
			err := e.core.Revoke(context.Background())
			if !errors.Is(err, ErrNotRevoked) {
				t.Fatalf("Revoke: %v, want ErrNotRevoked", err)
			}
			if got := e.stored("pat"); got != pat {
				t.Error("the token was removed although the platform did not confirm")
			}
			if p := Explain(err); !strings.Contains(p.Message, "not revoked") || !strings.Contains(p.Message, "still kept") {
				t.Errorf("Explain: %+v", p)
			}
		})
	}
}

func TestNotSignedIn(t *testing.T) {
	e := newEnv(t)
	before := e.requests()
	if _, err := e.core.Generate(context.Background(), true); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("Generate: %v", err)
	}
	if err := e.core.Revoke(context.Background()); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("Revoke: %v", err)
	}
	if _, err := e.core.Header(context.Background(), FormatBearer); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("Header: %v", err)
	}
	if n := e.requests() - before; n != 0 {
		t.Errorf("%d requests while not signed in", n)
	}
	st, err := e.core.Status(context.Background(), false)
	if err != nil || st.SignedIn || st.State != StateNone {
		t.Errorf("Status: %+v, %v", st, err)
	}
}

func TestSessionEndedOnPlatform(t *testing.T) {
	e := newEnv(t)
	e.login()
	// The platform forgets the session (signed out elsewhere).
	cl, _ := client.New(e.srv.URL())
	sess := e.stored("session")
	for _, field := range []string{"refresh", "access"} {
		tok := testenv.JSONField(t, sess, field)
		if err := cl.RevokeToken(context.Background(), tok, field+"_token"); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.core.Generate(context.Background(), true)
	if !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("Generate with an ended session: %v", err)
	}
	if e.has("session") {
		t.Error("the ended session is still stored")
	}
}

func TestLoginChecksTheKeychainFirst(t *testing.T) {
	e := newEnv(t)
	keychain.MockInitWithError(errors.New("no D-Bus session bus"))
	e.core.cfg.Keychain = keychain.New() // go-keyring's, failing as set above
	_, err := e.core.Login(context.Background(), LoginOptions{Timeout: 5 * time.Second})
	if !errors.Is(err, keychain.ErrUnavailable) {
		t.Fatalf("Login: %v", err)
	}
	if len(e.opener.links) != 0 || e.srv.Count(sandbox.EndpointAuthorize) != 0 {
		t.Error("the browser was sent to sign in although nothing could be kept")
	}
	p := Explain(err)
	// The next step names the keychain of this OS.
	keeper := map[string]string{"darwin": "Keychain", "windows": "Credential Manager"}[runtime.GOOS]
	if keeper == "" {
		keeper = "GNOME Keyring"
	}
	if p.Message != "The keychain is not available." || !strings.Contains(p.NextStep, keeper) {
		t.Errorf("Explain: %+v", p)
	}
}

// TestConcurrentRefresh: several checks at once with an expired access
// token refresh it once; none of them ends the session by reusing a
// rotated refresh token.
func TestConcurrentRefresh(t *testing.T) {
	e := newEnv(t, func(s *sandbox.Config, _ *Config) { s.AccessTokenTTL = 2 * time.Minute })
	e.generate()
	// The session's own clock is the real one: make its access token look
	// expired by rewriting its expiry, as an hour-old session would be.
	sess := e.stored("session")
	var m map[string]any
	json.Unmarshal([]byte(sess), &m)
	m["expiry"] = time.Now().Add(-time.Minute).UTC().Format(time.RFC3339)
	b, _ := json.Marshal(m)
	e.put("session", string(b))
	tokenBefore := e.srv.Count(sandbox.EndpointToken)

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := e.core.Status(context.Background(), false)
			if err == nil && (!st.SignedIn || st.State != StateValid) {
				err = fmt.Errorf("status %s, signed in %v: %s", st.State, st.SignedIn, st.Message)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := e.srv.Count(sandbox.EndpointToken) - tokenBefore; n != 1 {
		t.Errorf("the session was refreshed %d times, want once", n)
	}
}
