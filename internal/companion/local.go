package companion

import (
	"context"
	"errors"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// local is what the keychain and the settings say, before the platform is
// asked.
type local struct {
	st      Status
	cl      *client.Client // nil when no platform is set up
	service string
	email   string
	raw     string      // the PAT; empty when there is none or it is damaged
	info    *token.Info // nil when raw is empty
	damaged bool        // a PAT is stored but cannot be read
}

// readLocal reads settings and keychain. It fails only when the keychain
// cannot be used; a damaged entry is a state, not an error.
func (c *Core) readLocal(ctx context.Context) (*local, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.KeychainTimeout)
	defer cancel()
	cl, s, err := c.platformClient()
	l := &local{st: Status{State: StateNone, Demo: s.Demo, BroughtIn: s.BroughtIn}}
	switch {
	case errors.Is(err, ErrNotConfigured):
		return l, nil
	case err != nil:
		// A settings file edited by hand with an address that no longer
		// parses: the user has to choose the platform again.
		return nil, err
	}
	l.cl, l.service, l.email = cl, service(cl), s.Account
	l.st.Platform, l.st.PlatformURL, l.st.Account = cl.Host(), s.Platform, s.Account
	c.mu.Lock()
	l.st.CheckedAt = c.checkedAt
	c.mu.Unlock()
	if s.Account == "" {
		return l, nil
	}

	_, err = c.cfg.Keychain.Get(ctx, l.service, sessionAccount(s.Account))
	switch {
	case err == nil:
		l.st.SignedIn = true
	case errors.Is(err, keychain.ErrNotFound):
	case errors.Is(err, keychain.ErrCorrupt):
		// A damaged session is no session: signing in again replaces it.
		c.log.printf("keychain: the session entry is damaged; treating it as signed out")
	default:
		return nil, err
	}

	raw, err := c.cfg.Keychain.Get(ctx, l.service, patAccount(s.Account))
	switch {
	case errors.Is(err, keychain.ErrNotFound):
		return l, nil
	case errors.Is(err, keychain.ErrCorrupt):
		c.log.printf("keychain: the token entry is damaged (a chunk is missing or from another save)")
		l.markDamaged(c.Words())
		return l, nil
	case err != nil:
		return nil, err
	}
	info, err := token.Inspect(raw)
	if err != nil {
		c.log.printf("keychain: the stored token cannot be read: %v", err)
		l.markDamaged(c.Words())
		return l, nil
	}
	l.raw, l.info = raw, info
	l.st.Masked = token.Mask(raw)
	l.st.TokenID = info.ID
	l.st.IssuedAt = info.IssuedAt
	l.st.ExpiresAt = info.ExpiresAt
	if info.Name != "" {
		l.st.AccountName = info.Name
	}
	return l, nil
}

func (l *local) markDamaged(w *words.Words) {
	l.damaged = true
	l.st.State = StateUnknown
	l.st.Message = w.DamagedToken()
}

// localStatus is the keychain-only status: what Status(ctx, true) returns.
func (c *Core) localStatus(ctx context.Context) (Status, error) {
	l, err := c.readLocal(ctx)
	if err != nil {
		return Status{State: StateUnknown}, err
	}
	if l.info != nil {
		c.evaluate(l, nil)
	}
	return l.st, nil
}

// Header returns the stored token in format f, with no trailing newline or
// whitespace. It reads the keychain only. No token is ErrNoToken, a token
// that cannot be read is ErrDamaged, and one whose expiry date has passed is
// ErrExpired (handing it out would only move the failure to Power Automate).
func (c *Core) Header(ctx context.Context, f Format) (string, error) {
	if _, err := ParseFormat(string(f)); err != nil {
		return "", err
	}
	l, err := c.readLocal(ctx)
	switch {
	case err != nil:
		return "", err
	case l.cl == nil:
		return "", ErrNotConfigured
	case l.email == "":
		return "", ErrNotSignedIn
	case l.damaged:
		return "", ErrDamaged
	case l.info == nil:
		return "", ErrNoToken
	case l.info.HasExpiry() && !l.info.ExpiresAt.After(c.cfg.Now()):
		return "", ErrExpired
	}
	return render(f, l.raw)
}
