package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// hostileTimeout is the client's deadline where the platform hangs: short,
// so that it costs little. Where the platform does answer, the deadline is
// hostileAnswerTimeout, so that reading a huge body up to its cap on a busy
// machine (with the race detector) is not mistaken for a hang.
// hostileSlack is generous for the same reason.
const (
	hostileTimeout       = 400 * time.Millisecond
	hostileAnswerTimeout = 10 * time.Second
	hostileSlack         = 10 * time.Second
)

// outcome is what a call of TestHostilePlatform returned.
type outcome struct {
	err error
	m   *Metadata
}

// TestHostilePlatform runs every call of the client against every
// misbehaviour of testenv's hostile platform (issue 13 items 1, 8 and 9):
// a write is confirmed only by the contract's answer; "no token" is said only
// in the contract's words; the check never mistakes a page for the token's
// state; every call ends within its deadline, reads bounded memory and
// follows no redirect.
func TestHostilePlatform(t *testing.T) {
	access, refresh := mintOpaque("at_"), mintOpaque("rt_")
	pat := mintJWT(t)
	ops := []struct {
		name     string
		endpoint string
		call     func(ctx context.Context, c *Client) outcome
		want     func(t *testing.T, m testenv.Misbehaviour, o outcome, host string)
	}{
		{"generate", testenv.EndpointPATCreate, func(ctx context.Context, c *Client) outcome {
			p, err := c.CreatePAT(ctx, access)
			if err == nil {
				err = fmt.Errorf("confirmed %v", p)
			}
			return outcome{err: err}
		}, wantNotConfirmed},
		{"revoke", testenv.EndpointPATDelete, func(ctx context.Context, c *Client) outcome {
			return outcome{err: c.RevokePAT(ctx, access)}
		}, wantNotConfirmed},
		{"end session", testenv.EndpointRevoke, func(ctx context.Context, c *Client) outcome {
			return outcome{err: c.RevokeToken(ctx, refresh, "refresh_token")}
		}, func(t *testing.T, m testenv.Misbehaviour, o outcome, host string) {
			if m == testenv.WrongContentType {
				// RFC 7009 §2.2: the client ignores the body of the 200.
				if o.err != nil {
					t.Errorf("RevokeToken = %v, want the 200 to confirm it", o.err)
				}
				return
			}
			wantNotConfirmed(t, m, o, host)
		}},
		{"read", testenv.EndpointPATGet, func(ctx context.Context, c *Client) outcome {
			_, err := c.GetPAT(ctx, access)
			return outcome{err: err}
		}, func(t *testing.T, m testenv.Misbehaviour, o outcome, _ string) {
			if o.err == nil || errors.Is(o.err, ErrNotFound) {
				t.Errorf("GetPAT = %v, want an error that is not \"no token\"", o.err)
			}
			if (m == testenv.HTMLNotFound || m == testenv.PlainNotFound || m == testenv.WrongContentType) && !errors.Is(o.err, ErrUnsupported) {
				t.Errorf("GetPAT = %v, want ErrUnsupported (no token API here)", o.err)
			}
			if (m == testenv.HTMLNotFound || m == testenv.HTMLPage) && !errors.Is(o.err, ErrNotAPI) {
				t.Errorf("GetPAT = %v, want ErrNotAPI", o.err)
			}
		}},
		{"who am I", testenv.EndpointMe, func(ctx context.Context, c *Client) outcome {
			_, err := c.WhoAmI(ctx, pat)
			return outcome{err: err}
		}, func(t *testing.T, m testenv.Misbehaviour, o outcome, _ string) {
			switch m {
			case testenv.WrongContentType: // JSON as text/plain is still read
				if o.err != nil {
					t.Errorf("WhoAmI = %v", o.err)
				}
			case testenv.HTMLNotFound, testenv.PlainNotFound:
				if !errors.Is(o.err, ErrUnsupported) || errors.Is(o.err, ErrUnauthorized) {
					t.Errorf("WhoAmI = %v, want ErrUnsupported (not offered)", o.err)
				}
			default:
				if o.err == nil || errors.Is(o.err, ErrUnauthorized) {
					t.Errorf("WhoAmI = %v, want an error that says nothing of the token", o.err)
				}
			}
		}},
		{"check", testenv.EndpointRooms, func(ctx context.Context, c *Client) outcome {
			return outcome{err: c.CheckAPIAccess(ctx, pat)}
		}, func(t *testing.T, m testenv.Misbehaviour, o outcome, host string) {
			if m == testenv.WrongContentType {
				if o.err != nil {
					t.Errorf("CheckAPIAccess = %v, want it to work (JSON as text/plain)", o.err)
				}
				return
			}
			var ae *AccessError
			if !errors.Is(o.err, ErrNotChecked) || errors.Is(o.err, ErrTokenRejected) || !errors.As(o.err, &ae) {
				t.Errorf("CheckAPIAccess = %v, want only ErrNotChecked", o.err)
			} else if !strings.Contains(o.err.Error(), host) {
				t.Errorf("%q does not name %s", o.err, host)
			}
		}},
		{"discover", testenv.EndpointDiscovery, func(ctx context.Context, c *Client) outcome {
			m, err := c.Discover(ctx)
			return outcome{err: err, m: m}
		}, func(t *testing.T, m testenv.Misbehaviour, o outcome, _ string) {
			var want error
			switch m {
			case testenv.HTMLPage, testenv.HTMLNotFound, testenv.HTMLUnauthorized, testenv.PlainNotFound, testenv.RedirectElsewhere:
				// No document here: the OIDC one is absent too, so the profile.
				if o.err != nil || o.m.Discovered {
					t.Errorf("Discover = %+v, %v; want the profile", o.m, o.err)
				}
				return
			case testenv.WrongContentType:
				if o.err != nil || !o.m.Discovered {
					t.Errorf("Discover = %+v, %v; want the document", o.m, o.err)
				}
				return
			case testenv.HugeBody:
				want = ErrResponseTooLarge
			case testenv.Trickle, testenv.HeadersThenHang:
				want = ErrUnreachable
			case testenv.TruncatedJSON:
				want = ErrBadResponse
			}
			if !errors.Is(o.err, want) {
				t.Errorf("Discover = %+v, %v; want %v", o.m, o.err, want)
			}
		}},
	}
	for _, op := range ops {
		for _, m := range testenv.Misbehaviours {
			t.Run(op.name+"/"+string(m), func(t *testing.T) {
				t.Parallel()
				h := testenv.StartHostile(t, nil, map[string]testenv.Misbehaviour{op.endpoint: m})
				timeout := hostileAnswerTimeout
				if m == testenv.Trickle || m == testenv.HeadersThenHang {
					timeout = hostileTimeout
				}
				c, err := New(h.URL, WithTimeout(timeout))
				if err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(t.Context(), timeout+hostileSlack)
				defer cancel()
				start := time.Now()
				o := op.call(ctx, c)
				if d := time.Since(start); d > timeout+hostileSlack {
					t.Errorf("took %v, over the deadline of %v plus %v", d, timeout, hostileSlack)
				}
				if h.Hits(op.endpoint) == 0 {
					t.Fatalf("%s was never asked: the test tests nothing", op.endpoint)
				}
				host := strings.TrimPrefix(h.URL, "http://")
				op.want(t, m, o, host)
				if h.ElsewhereHits() != 0 {
					t.Error("a redirect was followed")
				}
				if n := h.SentBytes(op.endpoint); m == testenv.HugeBody && n > testenv.HugeSize/4 {
					t.Errorf("the client read %d bytes of a huge body", n)
				}
				if o.err != nil {
					for _, secret := range []string{access, refresh, pat[:24]} {
						if strings.Contains(fmt.Sprintf("%v %+v %#v", o.err, o.err, o.err), secret) {
							t.Errorf("the error repeats a token: %v", o.err)
						}
					}
				}
			})
		}
	}
}

// wantNotConfirmed: a write that the contract's answer did not confirm is
// ErrNotConfirmed, named with the host it was sent to.
func wantNotConfirmed(t *testing.T, m testenv.Misbehaviour, o outcome, host string) {
	t.Helper()
	var nc *NotConfirmedError
	if !errors.Is(o.err, ErrNotConfirmed) || !errors.As(o.err, &nc) {
		t.Fatalf("%v: want ErrNotConfirmed", o.err)
	}
	if nc.Host != host || !strings.Contains(o.err.Error(), host) {
		t.Errorf("%q does not name %s", o.err, host)
	}
	if m == testenv.RedirectElsewhere && !strings.Contains(o.err.Error(), "sent the request on to 127.0.0.1:") {
		t.Errorf("%q does not say where the redirect pointed", o.err)
	}
}
