package companion

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/token"
)

// Status says where the platform, the session and the token stand. Offline,
// it reads the keychain only. Otherwise it also asks the platform, in
// parallel and within Config.StatusTimeout: the PAT's metadata (with the
// session) and a call of the public API with the PAT itself
// (client.CheckAPIAccess), the way Power Automate will use it. The platform's answer wins over the token's own expiry date; when the
// platform cannot be reached the state is unknown and the local expiry is
// kept. The error is non-nil only when the keychain or the settings cannot
// be used; every other problem is a state with a Message.
func (c *Core) Status(ctx context.Context, offline bool) (Status, error) {
	l, err := c.readLocal(ctx)
	if err != nil {
		st := Status{State: StateUnknown, Message: ExplainIn(c.Words(), err).Message}
		c.notify(st)
		return st, err
	}
	switch {
	case offline || l.cl == nil || l.email == "" || l.damaged:
		if l.info != nil {
			c.evaluate(l, nil)
		}
	case l.info == nil:
		c.askForStray(ctx, l)
	default:
		c.checkOnline(ctx, l)
	}
	c.notify(l.st)
	return l.st, nil
}

// evaluate sets l.st's state and message from the token and check (nil:
// offline).
func (c *Core) evaluate(l *local, check *token.Check) {
	warn := time.Duration(c.Settings().ExpiryWarningDays) * 24 * time.Hour
	ev := token.Evaluate(l.info, c.cfg.Now(), warn, check)
	l.st.State = ev.State
	l.st.CheckedWithServer = ev.CheckedWithServer
	if ev.State == StateValid && l.info.HasExpiry() {
		// The status line says it all.
		l.st.Message = ""
	} else {
		l.st.Message = c.Words().Reason(ev, c.cfg.Now())
	}
}

// checkResult is what the platform answered to the two status calls.
type checkResult struct {
	check    token.Check
	lastUsed time.Time
	meErr    error // why the API check got no answer, if it did not
	ended    bool  // the session has ended (refresh refused)
}

// checkOnline asks the platform about the stored token, both calls at
// once, and sets l.st from the answers.
func (c *Core) checkOnline(ctx context.Context, l *local) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.StatusTimeout)
	defer cancel()
	var (
		wg  sync.WaitGroup
		res checkResult
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		// The way Power Automate will use it: a call of the public API.
		err := l.cl.CheckAPIAccess(ctx, l.raw)
		switch {
		case err == nil:
			res.check.Reached, res.check.Accepted = true, true
		case errors.Is(err, client.ErrTokenRejected):
			res.check.Reached = true
		case errors.Is(err, client.ErrNoAPIAccess):
			res.check.Reached, res.check.NoAPIAccess = true, true
		default:
			res.meErr = err
		}
	}()
	if l.st.SignedIn {
		var info *client.PATInfo
		var patErr error
		wg.Add(1)
		go func() {
			defer wg.Done()
			patErr = c.withAccess(ctx, l.cl, l.email, func(access string) error {
				var err error
				info, err = l.cl.GetPAT(ctx, access)
				return err
			})
		}()
		wg.Wait()
		switch {
		case patErr == nil:
			res.check.ActiveKnown, res.check.ActiveFound, res.check.ActiveID = true, true, info.ID
			if info.ID == l.info.ID {
				res.lastUsed = info.LastUsedAt
			}
		case errors.Is(patErr, client.ErrNotFound):
			res.check.ActiveKnown = true
		case errors.Is(patErr, ErrSessionEnded):
			res.ended = true
		default:
			c.log.printf("status: the token's details could not be read: %v", patErr)
		}
	} else {
		wg.Wait()
	}

	if res.ended {
		l.st.SignedIn = false
	}
	if res.check.Reached {
		now := c.cfg.Now()
		c.mu.Lock()
		c.checkedAt = now
		c.mu.Unlock()
		l.st.CheckedAt = now
		l.st.LastUsed = res.lastUsed
	}
	c.evaluate(l, &res.check)
	if !res.check.Reached && res.meErr != nil {
		c.log.printf("status: the platform could not be asked: %v", res.meErr)
		l.st.Message += " " + ExplainIn(c.Words(), &PlatformError{Host: l.st.Platform, Err: res.meErr}).Message
	}
	if res.ended {
		l.st.Message += " " + c.Words().SignedOutDuringCheck(true)
	}
}

// askForStray tells a signed-in user with no token here whether the
// platform has an active one anyway (generated on the web, or on another
// computer): generating here would then be refused until it is revoked.
func (c *Core) askForStray(ctx context.Context, l *local) {
	l.st.Message = c.Words().NoToken()
	if !l.st.SignedIn {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.StatusTimeout)
	defer cancel()
	var info *client.PATInfo
	err := c.withAccess(ctx, l.cl, l.email, func(access string) error {
		var err error
		info, err = l.cl.GetPAT(ctx, access)
		return err
	})
	switch {
	case err == nil:
		l.st.CheckedWithServer = true
		l.st.Message = c.Words().StrayToken()
		l.st.TokenID = info.ID
	case errors.Is(err, client.ErrNotFound):
		l.st.CheckedWithServer = true
	case errors.Is(err, client.ErrUnsupported):
		l.st.NoTokenAPI = true
		l.st.Message = c.Words().NoTokenAPI()
	case errors.Is(err, ErrSessionEnded):
		l.st.SignedIn = false
		l.st.Message = c.Words().SignedOutDuringCheck(false)
	default:
		c.log.printf("status: the platform could not be asked: %v", err)
	}
	if l.st.CheckedWithServer {
		now := c.cfg.Now()
		c.mu.Lock()
		c.checkedAt = now
		c.mu.Unlock()
		l.st.CheckedAt = now
	}
}
