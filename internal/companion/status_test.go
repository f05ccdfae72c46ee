package companion

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// put stores secret as alice's entry ("pat" or "session").
func (e *env) put(what, secret string) {
	e.t.Helper()
	if err := e.kc.Set(context.Background(), e.service(), "alice@example.com/"+what, secret); err != nil {
		e.t.Fatal(err)
	}
}

// revokeBehindTheBack revokes alice's PAT on the platform without the core.
func (e *env) revokeBehindTheBack() {
	e.t.Helper()
	access := testenv.JSONField(e.t, e.stored("session"), "access")
	cl, err := client.New(e.srv.URL())
	if err != nil {
		e.t.Fatal(err)
	}
	if err := cl.RevokePAT(context.Background(), access); err != nil {
		e.t.Fatal(err)
	}
}

func TestStatus(t *testing.T) {
	expiry := start.Add(sandbox.DefaultTokenTTL)
	tests := []struct {
		name    string
		opts    []envOption
		setup   func(e *env)
		offline bool
		// want
		state     State
		signedIn  bool
		checked   bool
		expiresAt time.Time
		message   string // a part of Message; "" means Message must be empty
		noMeCall  bool   // the status must not call /me
		gone      bool   // the platform is down: nothing to count
	}{
		{
			name:  "not signed in",
			setup: func(e *env) {},
			state: StateNone, message: "", noMeCall: true,
		},
		{
			name:  "signed in, no token",
			setup: func(e *env) { e.login() },
			state: StateNone, signedIn: true, checked: true, message: "no personal access token", noMeCall: true,
		},
		{
			name:  "valid",
			setup: func(e *env) { e.generate() },
			state: StateValid, signedIn: true, checked: true, expiresAt: expiry,
		},
		{
			name:    "valid, offline",
			setup:   func(e *env) { e.generate() },
			offline: true,
			state:   StateValid, signedIn: true, expiresAt: expiry, noMeCall: true,
		},
		{
			name:  "expiring within the warning window",
			opts:  []envOption{func(s *sandbox.Config, _ *Config) { s.TokenTTL = 3 * 24 * time.Hour }},
			setup: func(e *env) { e.generate() },
			state: StateExpiring, signedIn: true, checked: true, expiresAt: start.Add(3 * 24 * time.Hour), message: "expires in 3 days",
		},
		{
			name:  "expired",
			setup: func(e *env) { e.generate(); e.clock.Advance(sandbox.DefaultTokenTTL + time.Hour) },
			state: StateExpired, signedIn: true, checked: true, expiresAt: expiry, message: "expired",
		},
		{
			name:    "expired, offline",
			setup:   func(e *env) { e.generate(); e.clock.Advance(sandbox.DefaultTokenTTL + time.Hour) },
			offline: true,
			state:   StateExpired, signedIn: true, expiresAt: expiry, message: "expired", noMeCall: true,
		},
		{
			name:  "revoked on the platform behind the app's back",
			setup: func(e *env) { e.generate(); e.revokeBehindTheBack() },
			state: StateRevoked, signedIn: true, checked: true, expiresAt: expiry, message: "revoked",
		},
		{
			name: "the API check answers 503",
			setup: func(e *env) {
				e.generate()
				e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointRooms, Status: 503}})
			},
			state: StateUnknown, signedIn: true, expiresAt: expiry, message: "could not be checked",
		},
		{
			name: "both calls fail",
			setup: func(e *env) {
				e.generate()
				e.srv.SetFaults([]sandbox.Fault{{Endpoint: sandbox.EndpointRooms, Status: 500}, {Endpoint: sandbox.EndpointPATGet, Status: 502}})
			},
			state: StateUnknown, signedIn: true, expiresAt: expiry, message: "had a problem",
		},
		{
			name: "platform slower than the status deadline",
			opts: []envOption{func(_ *sandbox.Config, c *Config) { c.StatusTimeout = 100 * time.Millisecond }},
			setup: func(e *env) {
				e.generate()
				e.srv.SetLatency(5 * time.Second)
			},
			state: StateUnknown, signedIn: true, expiresAt: expiry, message: "did not answer in time",
		},
		{
			name:  "platform down",
			setup: func(e *env) { e.generate(); e.srv.Close() },
			state: StateUnknown, signedIn: true, expiresAt: expiry, message: "Can't reach", gone: true,
		},
		{
			name:  "garbage in the keychain entry",
			setup: func(e *env) { e.login(); e.put("pat", "this is not a token at all") },
			state: StateUnknown, signedIn: true, message: "damaged — revoke it and generate a new one", noMeCall: true,
		},
		{
			name: "truncated chunks in the keychain",
			setup: func(e *env) {
				e.login()
				e.put("pat", testenv.SignedJWT(e.t, jwt.MapClaims{"sub": "u_alice", "pad": strings.Repeat("x", 5000)}))
				if err := e.mem.Delete(e.service(), "alice@example.com/pat#2"); err != nil {
					e.t.Fatalf("removing a chunk: %v", err)
				}
			},
			state: StateUnknown, signedIn: true, message: "damaged — revoke it and generate a new one", noMeCall: true,
		},
		{
			name: "token without an expiry date, offline",
			setup: func(e *env) {
				e.login()
				e.put("pat", testenv.SignedJWT(e.t, jwt.MapClaims{"sub": "u_alice", "email": "alice@example.com", "jti": "pat_x"}))
			},
			offline: true,
			state:   StateUnknown, signedIn: true, message: "no expiry date — ask the platform", noMeCall: true,
		},
		{
			// The platform is asked, and its answer wins: it does not know
			// this token (signed by another key).
			name: "token without an expiry date, checked with the platform",
			setup: func(e *env) {
				e.login()
				e.put("pat", testenv.SignedJWT(e.t, jwt.MapClaims{"sub": "u_alice", "email": "alice@example.com", "jti": "pat_x"}))
			},
			state: StateRevoked, signedIn: true, checked: true, message: "no longer accepts",
		},
		{
			// carol's account has no API access: the platform knows her
			// token but answers 403, as to a Power Automate flow.
			name: "valid token without API access",
			opts: []envOption{func(s *sandbox.Config, _ *Config) { s.AutoApprove = "carol@example.com" }},
			setup: func(e *env) {
				e.login()
				if _, err := e.core.Generate(context.Background(), true); err != nil {
					e.t.Fatalf("Generate: %v", err)
				}
			},
			state: StateNoAccess, signedIn: true, checked: true, expiresAt: expiry, message: "refuses it the API",
		},
		{
			name:  "signed out, token kept: checked with the token alone",
			setup: func(e *env) { e.generate(); e.core.Logout(context.Background()) },
			state: StateValid, checked: true, expiresAt: expiry,
		},
		{
			name: "an active token exists on the platform but not here",
			setup: func(e *env) {
				e.generate()
				e.kc.Delete(context.Background(), e.service(), "alice@example.com/pat")
			},
			state: StateNone, signedIn: true, checked: true, message: "generated elsewhere", noMeCall: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.opts...)
			tt.setup(e)
			meBefore := e.srv.Count(sandbox.EndpointRooms)
			var notified []Status
			defer e.core.Subscribe(func(st Status) { notified = append(notified, st) })()

			st, err := e.core.Status(context.Background(), tt.offline)
			if err != nil {
				t.Fatalf("Status: %v", err)
			}
			if st.State != tt.state || st.SignedIn != tt.signedIn || st.CheckedWithServer != tt.checked {
				t.Errorf("state %s signedIn %v checked %v; want %s %v %v (message %q)",
					st.State, st.SignedIn, st.CheckedWithServer, tt.state, tt.signedIn, tt.checked, st.Message)
			}
			if !st.ExpiresAt.Equal(tt.expiresAt) {
				t.Errorf("expires %v, want %v", st.ExpiresAt, tt.expiresAt)
			}
			switch {
			case tt.message == "" && st.Message != "":
				t.Errorf("message %q, want none", st.Message)
			case !strings.Contains(st.Message, tt.message):
				t.Errorf("message %q does not say %q", st.Message, tt.message)
			}
			if tt.checked && !st.CheckedAt.Equal(e.clock.Now()) {
				t.Errorf("CheckedAt %v, want now", st.CheckedAt)
			}
			if calls := e.srv.Count(sandbox.EndpointRooms) - meBefore; tt.noMeCall && calls != 0 {
				t.Errorf("the API check (GET /v1/rooms) was called %d times", calls)
			} else if !tt.noMeCall && !tt.offline && !tt.gone && calls != 1 {
				t.Errorf("the API check (GET /v1/rooms) was called %d times, want once", calls)
			}
			if len(notified) != 1 || notified[0] != st {
				t.Errorf("subscribers were told %d times", len(notified))
			}
			if st.State != StateNone && st.Message != words.English().DamagedToken() && st.Masked == "" {
				t.Error("no masked token in the status")
			}
		})
	}
}

func TestStatusLastUsed(t *testing.T) {
	e := newEnv(t)
	e.generate()
	e.clock.Advance(time.Hour)
	st, err := e.core.Status(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	// The status check itself used the token on /me.
	st, err = e.core.Status(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	if !st.LastUsed.Equal(start.Add(time.Hour)) {
		t.Errorf("LastUsed %v, want %v", st.LastUsed, start.Add(time.Hour))
	}
}

func TestStatusKeychainProblems(t *testing.T) {
	tests := []struct {
		name string
		kc   func(e *env) Keychain
		want error
	}{
		{"keychain unavailable", func(e *env) Keychain {
			keychain.MockInitWithError(errors.New("no D-Bus session"))
			return keychain.New()
		}, keychain.ErrUnavailable},
		{"keychain never answers", func(e *env) Keychain {
			return &faultyKeychain{Keychain: e.kc, hang: true}
		}, keychain.ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, func(_ *sandbox.Config, c *Config) { c.KeychainTimeout = 200 * time.Millisecond })
			e.login()
			e.core.cfg.Keychain = tt.kc(e)
			before := e.requests()
			st, err := e.core.Status(context.Background(), false)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Status: %v, want %v", err, tt.want)
			}
			if st.State != StateUnknown || st.Message == "" {
				t.Errorf("status %+v", st)
			}
			if n := e.requests() - before; n != 0 {
				t.Errorf("%d requests although the keychain failed", n)
			}
			if p := Explain(err); strings.HasPrefix(p.Message, "Something went wrong") {
				t.Errorf("Explain: %+v", p)
			}
		})
	}
}

func TestHeaderFormats(t *testing.T) {
	e := newEnv(t)
	pat := e.generate()
	want := map[Format]string{
		FormatBearer:        "Bearer " + pat,
		FormatHeader:        "Authorization: Bearer " + pat,
		FormatToken:         pat,
		FormatPowerAutomate: `{"Authorization": "Bearer ` + pat + `"}`,
	}
	for _, f := range Formats() {
		got, err := e.core.Header(context.Background(), f)
		if err != nil {
			t.Fatalf("Header(%s): %v", f, err)
		}
		if got != want[f] {
			t.Errorf("Header(%s) = %q, want %q", f, got, want[f])
		}
		if strings.TrimSpace(got) != got {
			t.Errorf("Header(%s) has surrounding whitespace", f)
		}
	}
	if _, err := e.core.Header(context.Background(), "json"); !errors.Is(err, ErrBadFormat) {
		t.Errorf("Header(json): %v", err)
	}
	// The bearer value works the way Power Automate sends it.
	v, _ := e.core.Header(context.Background(), FormatBearer)
	cl, _ := client.New(e.srv.URL())
	if _, err := cl.WhoAmI(context.Background(), strings.TrimPrefix(v, "Bearer ")); err != nil {
		t.Errorf("the header does not work on /me: %v", err)
	}
}

func TestHeaderRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(e *env)
		want  error
	}{
		{"no token", func(e *env) { e.login() }, ErrNoToken},
		{"damaged token", func(e *env) { e.login(); e.put("pat", "garbage") }, ErrDamaged},
		{"expired token", func(e *env) { e.generate(); e.clock.Advance(sandbox.DefaultTokenTTL) }, ErrExpired},
		{"not signed in", func(e *env) {}, ErrNotSignedIn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			tt.setup(e)
			got, err := e.core.Header(context.Background(), FormatBearer)
			if !errors.Is(err, tt.want) || got != "" {
				t.Errorf("Header = %q, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestLargeTokenThroughChunking(t *testing.T) {
	e := newEnv(t)
	e.login()
	big := testenv.SignedJWT(t, jwt.MapClaims{
		"sub": "u_alice", "email": "alice@example.com", "jti": "pat_big",
		"exp": start.Add(time.Hour * 24 * 30).Unix(), "pad": strings.Repeat("p", 3600),
	})
	if len(big) < 5000 || len(big) > token.MaxSize {
		t.Fatalf("test token is %d bytes; want about 5 KB", len(big))
	}
	e.put("pat", big)
	if _, err := e.mem.Get(e.service(), "alice@example.com/pat#2"); err != nil {
		t.Fatalf("the token was not split into chunks: %v", err)
	}
	got, err := e.core.Header(context.Background(), FormatToken)
	if err != nil || got != big {
		t.Fatalf("Header gave %d bytes, %v; want the %d-byte token", len(got), err, len(big))
	}
	st, err := e.core.Status(context.Background(), true)
	if err != nil || st.TokenID != "pat_big" || st.State != StateValid {
		t.Errorf("Status: %+v, %v", st, err)
	}
}
