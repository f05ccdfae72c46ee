package companion

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/iobeya-token/iobeya-token/internal/words"
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
	done, err := c.beginWrite(ctx)
	if err != nil {
		return Generated{}, err
	}
	defer done()
	return c.generate(ctx)
}

// Regenerate revokes the current token, then generates a new one; both
// steps need the one confirmation. If the revocation is not confirmed by
// the platform, nothing is generated and the old token is kept.
func (c *Core) Regenerate(ctx context.Context, confirmed bool) (Generated, error) {
	if !confirmed {
		return Generated{}, ErrNotConfirmed
	}
	done, err := c.beginWrite(ctx)
	if err != nil {
		return Generated{}, err
	}
	defer done()
	if c.Settings().BroughtIn {
		// Its revoke is the web app's (ConfirmRevokedOnWeb).
		return Generated{}, ErrRevokeOnWeb
	}
	// The user confirmed replacing the token they were shown. If another
	// iObeya Token replaced or revoked it while this one waited, replacing
	// again would revoke a token that process just reported as generated.
	l, err := c.readLocal(ctx)
	if err != nil {
		return Generated{}, err
	}
	c.mu.Lock()
	seen, seenSet := c.seen, c.seenSet
	c.mu.Unlock()
	if seenSet && seenToken(l.st) != seen {
		c.log.printf("replace: the token changed since it was shown; nothing done")
		return Generated{}, ErrChangedMeanwhile
	}
	if err := c.revoke(ctx); err != nil {
		return Generated{}, err
	}
	return c.generate(ctx)
}

// seenToken identifies the token a status shows, without holding it.
func seenToken(st Status) string {
	return st.TokenID + " " + st.Masked
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
		return Generated{}, atHost(l.cl, err)
	}
	c.log.printf("generate: got token %s, expires %s", pat.ID, pat.ExpiresAt.Format("2006-01-02"))

	now := c.cfg.Now()
	info, ierr := token.Inspect(pat.Token)
	if odd := oddToken(c.Words(), info, ierr, len(pat.Token), now); odd != "" {
		// It exists on the platform: dropping it would block the next
		// generate. Revoke it there and say what happened.
		c.log.printf("generate: the platform issued a token that %s; revoking it there", odd)
		rerr := c.withAccess(ctx, l.cl, l.email, func(access string) error {
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.CallTimeout)
			defer cancel()
			return l.cl.RevokePAT(cctx, access)
		})
		if rerr != nil {
			c.log.printf("generate: revoking the odd token failed: %v", rerr)
		}
		return Generated{}, &OddTokenError{Host: l.st.Platform, Reason: odd, RevokeErr: rerr}
	}

	st := l.st
	st.Masked, st.TokenID = token.Mask(pat.Token), info.ID
	st.IssuedAt, st.ExpiresAt = info.IssuedAt, info.ExpiresAt
	if info.Name != "" {
		st.AccountName = info.Name
	}

	kctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.KeychainTimeout)
	defer cancel()
	// Stored even if the caller gave up meanwhile: the platform has made
	// the token, and losing it would leave an active token nobody has.
	// "Kept" is said only of a token read back equal.
	if err := c.keep(kctx, l.service, patAccount(l.email), pat.Token); err != nil {
		c.log.printf("generate: the token could not be stored: %v", err)
		st.State, st.Message = StateUnknown, ExplainIn(c.Words(), &NotStoredError{Cause: err}).Message
		c.notify(st)
		return Generated{Status: st, Unstored: pat.Token}, &NotStoredError{Cause: err}
	}
	c.log.printf("generate: token stored in the keychain (%s)", l.service)
	c.mu.Lock()
	if c.settings.BroughtIn {
		// The kept token is this app's own now.
		ns := c.settings
		ns.BroughtIn = false
		if saveSettings(c.cfg.SettingsDir, ns) == nil {
			c.settings = ns
		}
	}
	c.mu.Unlock()
	st.BroughtIn = c.Settings().BroughtIn

	c.mu.Lock()
	c.checkedAt = now
	c.mu.Unlock()
	// Just made by the platform: checked, and never used yet.
	st.CheckedWithServer, st.CheckedAt, st.LastUsed = true, now, time.Time{}
	l.st, l.info, l.raw = st, info, pat.Token
	c.evaluate(l, &token.Check{Reached: true, Accepted: true})
	c.notify(l.st)
	return Generated{Status: l.st, Warning: shortLifeWarning(c.Words(), info, now)}, nil
}

// oddToken says what is wrong with a token the platform just issued, in a
// phrase that holds none of it: not a JWT, or already expired. "" when it
// is fine.
func oddToken(w *words.Words, info *token.Info, err error, size int, now time.Time) string {
	switch {
	case err != nil:
		return w.Say(words.OddTokenUnreadable, words.Args{"Size": size, "Why": w.TokenWhy(token.Code(err), token.Reason(err))})
	case info.HasExpiry() && !info.ExpiresAt.After(now):
		return w.Say(words.OddTokenExpired, words.Args{"Expiry": info.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC")})
	}
	return ""
}

// shortLife is how soon an expiry earns a warning at generation.
const shortLife = time.Hour

// shortLifeWarning warns of a new token that expires within the hour.
func shortLifeWarning(w *words.Words, info *token.Info, now time.Time) string {
	if !info.HasExpiry() || info.ExpiresAt.Sub(now) > shortLife {
		return ""
	}
	return w.Say(words.ShortLivedToken, words.Args{"In": w.Until(info.ExpiresAt.Sub(now))})
}

// keep stores secret and reads it back: it is kept only if what comes back
// is what was stored.
func (c *Core) keep(ctx context.Context, service, account, secret string) error {
	if err := c.cfg.Keychain.Set(ctx, service, account, secret); err != nil {
		return err
	}
	got, err := c.cfg.Keychain.Get(ctx, service, account)
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
		// What is there is not the token: remove it rather than leave
		// something that reads as a damaged token.
		_ = c.cfg.Keychain.Delete(ctx, service, account)
		return errReadBack
	}
	return nil
}

// errReadBack: the keychain returned something else than was stored.
var errReadBack = errors.New("the keychain gave back something else than was saved")

// Revoke revokes the token on the platform, then removes it from the
// keychain. The local copy goes only once the platform confirmed (it also
// confirms when there was none); when it cannot be reached or fails, the
// token is kept and the error is ErrNotRevoked.
func (c *Core) Revoke(ctx context.Context) error {
	done, err := c.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer done()
	if c.Settings().BroughtIn {
		return ErrRevokeOnWeb
	}
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
