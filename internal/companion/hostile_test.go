package companion

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// The deadlines of the hostile-platform tests: short, so that a platform
// that hangs costs seconds, and a generous bound on a whole operation.
const (
	hostileCall  = 2 * time.Second
	hostileBound = 30 * time.Second
)

// hostileEnv is a core whose platform misbehaves on chosen endpoints.
type hostileEnv struct {
	t    *testing.T
	h    *testenv.Hostile
	core *Core
	kc   Keychain
}

const hostileAccount = "alice@example.com"

// newHostileEnv starts a hostile platform (testenv.StartHostile, honest
// elsewhere) and a core set up for it.
func newHostileEnv(t *testing.T, faults map[string]testenv.Misbehaviour) *hostileEnv {
	t.Helper()
	h := testenv.StartHostile(t, nil, faults)
	// Its own keychain in memory: go-keyring's mock is global to the
	// process, and these cases run in parallel.
	kc := keychain.New(keychain.WithBackend(&testenv.MemKeychain{}))
	var log testenv.SyncBuffer
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the core's log:\n%s", log.String())
		}
	})
	core, err := New(Config{
		Log:             &log,
		SettingsDir:     t.TempDir(),
		Keychain:        kc,
		Opener:          callbackOpener{},
		CallTimeout:     hostileCall,
		StatusTimeout:   hostileCall,
		KeychainTimeout: hostileCall,
		LockTimeout:     hostileCall,
	})
	if err != nil {
		t.Fatal(err)
	}
	// Discovery may be what misbehaves: the address is saved without it.
	if err := core.UpdateSettings(func(s *Settings) { s.Platform = h.URL }); err != nil {
		t.Fatal(err)
	}
	return &hostileEnv{t: t, h: h, core: core, kc: kc}
}

// host is the platform as messages name it.
func (e *hostileEnv) host() string { return strings.TrimPrefix(e.h.URL, "http://") }

// signedIn stores a session for alice, as a sign-in would have.
func (e *hostileEnv) signedIn() {
	e.t.Helper()
	cl, _, err := e.core.platformClient()
	if err != nil {
		e.t.Fatal(err)
	}
	sess, err := e.core.session(cl, hostileAccount)
	if err != nil {
		e.t.Fatal(err)
	}
	tok := &oauth2.Token{AccessToken: "session-" + testenv.FakeJWT(`{"sub":"u_alice"}`), RefreshToken: "refresh-" + e.t.Name(),
		Expiry: time.Now().Add(time.Hour)}
	if err := sess.Save(context.Background(), tok); err != nil {
		e.t.Fatal(err)
	}
	if err := e.core.UpdateSettings(func(s *Settings) { s.Account = hostileAccount }); err != nil {
		e.t.Fatal(err)
	}
}

// withToken keeps a token for alice, as a generate would have.
func (e *hostileEnv) withToken() string {
	e.t.Helper()
	now := time.Now()
	pat := testenv.FakeJWT(`{"iss":"` + e.h.URL + `","sub":"u_alice","iat":` + itoa(now.Unix()) + `,"exp":` + itoa(now.Add(90*24*time.Hour).Unix()) + `,"jti":"pat_standin"}`)
	cl, _, err := e.core.platformClient()
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.kc.Set(context.Background(), service(cl), patAccount(hostileAccount), pat); err != nil {
		e.t.Fatal(err)
	}
	return pat
}

// stored is alice's keychain entry ("pat" or "session"), "" when none.
func (e *hostileEnv) stored(what string) string {
	e.t.Helper()
	cl, _, err := e.core.platformClient()
	if err != nil {
		e.t.Fatal(err)
	}
	v, err := e.kc.Get(context.Background(), service(cl), hostileAccount+"/"+what)
	if errors.Is(err, keychain.ErrNotFound) {
		return ""
	}
	if err != nil {
		e.t.Fatalf("keychain entry %s: %v", what, err)
	}
	return v
}

// callbackOpener plays a browser whose user approved at once: it sends the
// sign-in's own state and a code straight to the loopback callback, so the
// code exchange at the token endpoint is what the platform answers.
type callbackOpener struct{}

func (callbackOpener) Open(link string) error {
	u, err := url.Parse(link)
	if err != nil {
		return err
	}
	q := u.Query()
	back, err := url.Parse(q.Get("redirect_uri"))
	if err != nil {
		return err
	}
	bq := url.Values{"code": {"code-from-the-platform"}, "state": {q.Get("state")}, "iss": {u.Scheme + "://" + u.Host}}
	back.RawQuery = bq.Encode()
	go func() {
		resp, err := (&http.Client{Timeout: hostileBound}).Get(back.String())
		if err == nil {
			resp.Body.Close()
		}
	}()
	return nil
}

// TestHostilePlatformOperations runs every operation that talks to the
// platform against every way an endpoint it needs can misbehave. Whatever
// comes back: nothing changes locally unless the platform's own success
// answer came whole, the message names the platform's host, the operation
// ends within its deadlines, and a huge answer is not read whole.
func TestHostilePlatformOperations(t *testing.T) {
	type op struct {
		name      string
		endpoints []string
		setup     func(e *hostileEnv)
		run       func(ctx context.Context, e *hostileEnv) error
		check     func(t *testing.T, e *hostileEnv, err error)
	}
	mustFail := func(t *testing.T, e *hostileEnv, err error) {
		t.Helper()
		if err == nil {
			t.Fatal("reported success")
		}
		p := Explain(err)
		if !strings.Contains(p.Message+" "+p.NextStep, e.host()) {
			t.Errorf("the message does not name %s: %q / %q", e.host(), p.Message, p.NextStep)
		}
		if p.Message == "" || strings.ToUpper(p.Message[:1]) != p.Message[:1] {
			t.Errorf("the message does not start with a capital letter: %q", p.Message)
		}
	}
	ops := []op{{
		name:      "generate",
		endpoints: []string{testenv.EndpointPATCreate},
		setup:     func(e *hostileEnv) { e.signedIn() },
		run: func(ctx context.Context, e *hostileEnv) error {
			_, err := e.core.Generate(ctx, true)
			return err
		},
		check: func(t *testing.T, e *hostileEnv, err error) {
			mustFail(t, e, err)
			if e.stored("pat") != "" {
				t.Error("a token was kept although the platform did not confirm it")
			}
		},
	}, {
		name:      "revoke",
		endpoints: []string{testenv.EndpointPATDelete},
		setup:     func(e *hostileEnv) { e.signedIn(); e.withToken() },
		run:       func(ctx context.Context, e *hostileEnv) error { return e.core.Revoke(ctx) },
		check: func(t *testing.T, e *hostileEnv, err error) {
			mustFail(t, e, err)
			if !errors.Is(err, ErrNotRevoked) {
				t.Errorf("err = %v, want ErrNotRevoked", err)
			}
			if e.stored("pat") == "" {
				t.Error("the token was removed although the platform did not confirm the revoke")
			}
		},
	}, {
		name:      "status",
		endpoints: []string{testenv.EndpointPATGet},
		setup:     func(e *hostileEnv) { e.signedIn(); e.withToken() },
		run: func(ctx context.Context, e *hostileEnv) error {
			st, err := e.core.Status(ctx, false)
			if err == nil && st.State == StateNone {
				return errors.New("status says there is no token")
			}
			return nil
		},
		check: func(t *testing.T, e *hostileEnv, err error) {
			if err != nil {
				t.Fatal(err)
			}
			if e.stored("pat") == "" {
				t.Error("the token was removed after a status check")
			}
		},
	}, {
		name:      "logout",
		endpoints: []string{testenv.EndpointRevoke},
		setup:     func(e *hostileEnv) { e.signedIn() },
		run: func(ctx context.Context, e *hostileEnv) error {
			_, err := e.core.Logout(ctx)
			return err
		},
		check: func(t *testing.T, e *hostileEnv, err error) {
			// Signing out is the exception the user expects: the session
			// goes at once, and its revocation there is best effort.
			if err != nil {
				t.Fatalf("Logout: %v", err)
			}
			if e.stored("session") != "" {
				t.Error("the session is still kept after signing out")
			}
		},
	}, {
		name:      "login",
		endpoints: []string{testenv.EndpointDiscovery, testenv.EndpointToken},
		run: func(ctx context.Context, e *hostileEnv) error {
			_, err := e.core.Login(ctx, LoginOptions{Timeout: 2 * hostileCall})
			return err
		},
		check: func(t *testing.T, e *hostileEnv, err error) {
			mustFail(t, e, err)
			if e.stored("session") != "" || e.core.Settings().Account != "" {
				t.Error("a session was kept although the sign-in failed")
			}
		},
	}}
	for _, o := range ops {
		for _, endpoint := range o.endpoints {
			for _, m := range testenv.Misbehaviours {
				t.Run(o.name+"/"+strings.ReplaceAll(endpoint, "/", "_")+"/"+string(m), func(t *testing.T) {
					t.Parallel()
					e := newHostileEnv(t, map[string]testenv.Misbehaviour{endpoint: m})
					if o.setup != nil {
						o.setup(e)
					}
					started := time.Now()
					err := o.run(context.Background(), e)
					if took := time.Since(started); took > hostileBound {
						t.Errorf("took %s, more than %s", took, hostileBound)
					}
					if m == testenv.HugeBody && e.h.SentBytes(endpoint) > testenv.HugeSize/4 {
						t.Errorf("read %d bytes of a huge answer", e.h.SentBytes(endpoint))
					}
					if e.h.ElsewhereHits() != 0 {
						t.Error("followed a redirect to another host")
					}
					o.check(t, e, err)
				})
			}
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
