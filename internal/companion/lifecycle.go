package companion

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/token"
)

// Generate asks the platform for a new personal access token and keeps it
// in the keychain. confirmed must say that the user confirmed just now:
// without it nothing is sent (ErrNotConfirmed). An active token on the
// platform is ErrTokenExists (Regenerate replaces it). The token is stored
// before success is reported; when storing fails, the token comes back in
// Generated.Unstored with a *NotStoredError, to be shown once.
func (c *Core) Generate(ctx context.Context, confirmed bool) (Generated, error) {
	if !confirmed {
		return Generated{}, ErrNotConfirmed
	}
	c.op.Lock()
	defer c.op.Unlock()
	return c.generate(ctx)
}

// Regenerate revokes the current token, then generates a new one; both
// steps need the one confirmation. If the revocation is not confirmed by
// the platform, nothing is generated and the old token is kept.
func (c *Core) Regenerate(ctx context.Context, confirmed bool) (Generated, error) {
	if !confirmed {
		return Generated{}, ErrNotConfirmed
	}
	c.op.Lock()
	defer c.op.Unlock()
	if err := c.revoke(ctx); err != nil {
		return Generated{}, err
	}
	return c.generate(ctx)
}

func (c *Core) generate(ctx context.Context) (Generated, error) {
	l, err := c.signedInLocal(ctx)
	if err != nil {
		return Generated{}, err
	}
	var pat *client.NewPAT
	err = c.withAccess(ctx, l.cl, l.email, func(access string) error {
		cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
		defer cancel()
		c.log.printf("generate: asking %s for a new token (confirmed by the user)", l.st.Platform)
		pat, err = l.cl.CreatePAT(cctx, access)
		return err
	})
	switch {
	case errors.Is(err, client.ErrConflict):
		return Generated{}, fmt.Errorf("%w: %v", ErrTokenExists, err)
	case err != nil:
		return Generated{}, err
	}
	c.log.printf("generate: got token %s, expires %s", pat.ID, pat.ExpiresAt.Format("2006-01-02"))

	st := l.st
	info, ierr := token.Inspect(pat.Token)
	if ierr == nil {
		st.Masked, st.TokenID = token.Mask(pat.Token), info.ID
		st.IssuedAt, st.ExpiresAt = info.IssuedAt, info.ExpiresAt
		if info.Name != "" {
			st.AccountName = info.Name
		}
	} else {
		// Keep it all the same: it is the user's new token, and the
		// platform's metadata still says when it expires.
		c.log.printf("generate: the new token cannot be read for display: %v", ierr)
		st.Masked, st.TokenID = token.Mask(pat.Token), pat.ID
		st.IssuedAt, st.ExpiresAt = pat.IssuedAt, pat.ExpiresAt
	}

	kctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.KeychainTimeout)
	defer cancel()
	// Stored even if the caller gave up meanwhile: the platform has made
	// the token, and losing it would leave an active token nobody has.
	if err := c.cfg.Keychain.Set(kctx, l.service, patAccount(l.email), pat.Token); err != nil {
		c.log.printf("generate: the token could not be stored: %v", err)
		st.State, st.Message = StateUnknown, ExplainIn(c.cfg.Words, &NotStoredError{Cause: err}).Message
		c.notify(st)
		return Generated{Status: st, Unstored: pat.Token}, &NotStoredError{Cause: err}
	}
	c.log.printf("generate: token stored in the keychain (%s)", l.service)

	now := c.cfg.Now()
	c.mu.Lock()
	c.checkedAt = now
	c.mu.Unlock()
	// Just made by the platform: checked, and never used yet.
	st.CheckedWithServer, st.CheckedAt, st.LastUsed = true, now, time.Time{}
	l.st, l.info, l.raw = st, info, pat.Token
	if info != nil {
		c.evaluate(l, &token.Check{Reached: true, Accepted: true})
	} else {
		l.st.State = StateValid
	}
	c.notify(l.st)
	return Generated{Status: l.st}, nil
}

// Revoke revokes the token on the platform, then removes it from the
// keychain. The local copy goes only once the platform confirmed (it also
// confirms when there was none); when it cannot be reached or fails, the
// token is kept and the error is ErrNotRevoked.
func (c *Core) Revoke(ctx context.Context) error {
	c.op.Lock()
	defer c.op.Unlock()
	return c.revoke(ctx)
}

func (c *Core) revoke(ctx context.Context) error {
	l, err := c.signedInLocal(ctx)
	if err != nil {
		return err
	}
	err = c.withAccess(ctx, l.cl, l.email, func(access string) error {
		cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
		defer cancel()
		c.log.printf("revoke: asking %s to revoke the token", l.st.Platform)
		return l.cl.RevokePAT(cctx, access)
	})
	switch {
	case err == nil, errors.Is(err, client.ErrNotFound):
		// Confirmed, or there was none: either way the platform holds no
		// active token now.
	case errors.Is(err, ErrSessionEnded), errors.Is(err, ErrNotSignedIn):
		return err
	default:
		c.log.printf("revoke: not confirmed: %v", err)
		return &notRevokedError{cause: err, host: l.st.Platform}
	}
	kctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.KeychainTimeout)
	defer cancel()
	if err := c.cfg.Keychain.Delete(kctx, l.service, patAccount(l.email)); err != nil && !errors.Is(err, keychain.ErrNotFound) {
		// Revoked but still stored: the copy is useless, and harmless.
		c.log.printf("revoke: revoked, but the keychain entry could not be deleted: %v", err)
		return err
	}
	c.log.printf("revoke: done; the keychain entry is deleted")
	c.notifyOffline()
	return nil
}

// notRevokedError is ErrNotRevoked with its cause, for the log and Explain.
type notRevokedError struct {
	cause error
	host  string
}

func (e *notRevokedError) Error() string {
	return ErrNotRevoked.Error() + ": " + e.cause.Error()
}

func (e *notRevokedError) Is(target error) bool { return target == ErrNotRevoked }

func (e *notRevokedError) Unwrap() error { return e.cause }

// signedInLocal reads the local state and requires a platform, an account
// and a session.
func (c *Core) signedInLocal(ctx context.Context) (*local, error) {
	l, err := c.readLocal(ctx)
	switch {
	case err != nil:
		return nil, err
	case l.cl == nil:
		return nil, ErrNotConfigured
	case l.email == "" || !l.st.SignedIn:
		return nil, ErrNotSignedIn
	}
	return l, nil
}
