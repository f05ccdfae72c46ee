package companion

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
)

// doctorContract reports, each with its time, the parts of the platform
// contract iObeya Token assumes beyond discovery: the token API and
// /v1/me (with the session), and the API a flow would use (with the
// token, or the session when there is no token). A missing part is said
// to be absent, never that the platform is not iObeya.
func (c *Core) doctorContract(ctx context.Context, cl *client.Client, l *local, add func(topic string, ok bool, took time.Duration, format string, args ...any)) {
	if !l.st.SignedIn {
		add("Token API", true, 0, "not checked: sign in first")
		add("/v1/me", true, 0, "not checked: sign in first")
	} else {
		started := time.Now()
		err := c.withAccess(ctx, cl, l.email, func(access string) error {
			cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
			defer cancel()
			_, err := cl.GetPAT(cctx, access)
			// Only the contract's JSON "no token" answer is ErrNotFound;
			// any other 404 is client.ErrUnsupported: absent.
			if errors.Is(err, client.ErrNotFound) {
				return nil
			}
			return err
		})
		c.doctorPart(add, "Token API", cl.Host(), "GET /v1/personal-access-token", time.Since(started), err, "generating a token here will not work; make one in the iObeya web app instead")

		started = time.Now()
		err = c.withAccess(ctx, cl, l.email, func(access string) error {
			cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
			defer cancel()
			_, err := cl.WhoAmI(cctx, access)
			return err
		})
		c.doctorPart(add, "/v1/me", cl.Host(), "GET /v1/me", time.Since(started), err, "iObeya Token cannot tell who is signed in")
	}

	bearer, with := l.raw, "your token"
	if bearer == "" && l.st.SignedIn {
		with = "your session"
		_ = c.withAccess(ctx, cl, l.email, func(access string) error { bearer = access; return nil })
	}
	if bearer == "" {
		add("Flow API", true, 0, "not checked (GET /v1/rooms): sign in or generate a token first")
		return
	}
	started := time.Now()
	cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	err := cl.CheckAPIAccess(cctx, bearer)
	cancel()
	c.doctorPart(add, "Flow API", cl.Host(), "GET /v1/rooms with "+with, time.Since(started), err, "tools such as Power Automate will not get through")
}

// doctorPart adds one contract check: present, absent (the address
// answered that there is nothing there, or with a web page), or failed.
func (c *Core) doctorPart(add func(string, bool, time.Duration, string, ...any), topic, host, call string, took time.Duration, err error, absentMeans string) {
	switch {
	case err == nil:
		add(topic, true, took, "present: %s answers %s", host, call)
	case errors.Is(err, client.ErrUnsupported), errors.Is(err, client.ErrNotAPI):
		add(topic, false, took, "absent: %s does not offer %s (%s). %s.", host, call, shortCause(err), upperFirst(absentMeans))
	default:
		p := Explain(&PlatformError{Host: host, Err: err})
		add(topic, false, took, "%s failed: %s %s", call, p.Message, p.NextStep)
	}
}

// shortCause says in a few words what answered instead of the API.
func shortCause(err error) string {
	var api *client.APIError
	switch {
	case errors.Is(err, client.ErrNotAPI):
		return "a web page answered instead of the API"
	case errors.As(err, &api) && api.Status != 0:
		return fmt.Sprintf("HTTP %d", api.Status)
	}
	return "nothing there"
}

// upperFirst starts a sentence with a capital letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
