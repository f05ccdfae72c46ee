package companion

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// doctorAdd records one finding with the time its check took.
type doctorAdd func(topic string, ok bool, took time.Duration, text string)

// doctorContract reports, each with its time, the parts of the platform
// contract iObeya Token assumes beyond discovery: the token API and
// /v1/me (with the session), and the API a flow would use (with the
// token, or the session when there is no token). A missing part is said
// to be absent, never that the platform is not iObeya.
func (c *Core) doctorContract(ctx context.Context, w *words.Words, cl *client.Client, l *local, add doctorAdd) {
	if !l.st.SignedIn {
		add("Token API", true, 0, w.Say(words.DoctorSignInFirst, nil))
		add("/v1/me", true, 0, w.Say(words.DoctorSignInFirst, nil))
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
		c.doctorPart(w, add, "Token API", cl.Host(), "GET /v1/personal-access-token", time.Since(started), err, words.DoctorAbsentTokenAPI)

		started = time.Now()
		err = c.withAccess(ctx, cl, l.email, func(access string) error {
			cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
			defer cancel()
			_, err := cl.WhoAmI(cctx, access)
			return err
		})
		c.doctorPart(w, add, "/v1/me", cl.Host(), "GET /v1/me", time.Since(started), err, words.DoctorAbsentMe)
	}

	bearer, with := l.raw, w.Say(words.DoctorWithToken, nil)
	if bearer == "" && l.st.SignedIn {
		with = w.Say(words.DoctorWithSession, nil)
		_ = c.withAccess(ctx, cl, l.email, func(access string) error { bearer = access; return nil })
	}
	if bearer == "" {
		add("Flow API", true, 0, w.Say(words.DoctorFlowUnchecked, nil))
		return
	}
	started := time.Now()
	cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	err := cl.CheckAPIAccess(cctx, bearer)
	cancel()
	c.doctorPart(w, add, "Flow API", cl.Host(), "GET /v1/rooms ("+with+")", time.Since(started), err, words.DoctorAbsentFlow)
}

// doctorPart adds one contract check: present, absent (the address
// answered that there is nothing there, or with a web page), or failed.
func (c *Core) doctorPart(w *words.Words, add doctorAdd, topic, host, call string, took time.Duration, err error, absentMeans *words.Message) {
	switch {
	case err == nil:
		add(topic, true, took, w.Say(words.DoctorPresent, words.Args{"Host": host, "Call": call}))
	case errors.Is(err, client.ErrUnsupported), errors.Is(err, client.ErrNotAPI):
		add(topic, false, took, w.Say(words.DoctorAbsent, words.Args{"Host": host, "Call": call, "Cause": shortCause(w, err), "Means": w.Say(absentMeans, nil)}))
	default:
		p := ExplainIn(w, &PlatformError{Host: host, Err: err})
		add(topic, false, took, w.Say(words.DoctorPartFailed, words.Args{"Call": call, "Message": p.Message, "NextStep": p.NextStep}))
	}
}

// shortCause says in a few words what answered instead of the API.
func shortCause(w *words.Words, err error) string {
	var api *client.APIError
	switch {
	case errors.Is(err, client.ErrNotAPI):
		return w.Say(words.DoctorCauseWebPage, nil)
	case errors.As(err, &api) && api.Status != 0:
		return "HTTP " + strconv.Itoa(api.Status)
	}
	return w.Say(words.DoctorCauseNothing, nil)
}
