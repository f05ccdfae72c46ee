package companion

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/signin"
)

// secretStore presents one platform's keychain service as the sign-in
// package's SecretStore; keys are account names ("<email>/session").
type secretStore struct {
	kc      Keychain
	service string
}

func (s secretStore) Get(ctx context.Context, key string) (string, error) {
	v, err := s.kc.Get(ctx, s.service, key)
	if errors.Is(err, keychain.ErrNotFound) || errors.Is(err, keychain.ErrCorrupt) {
		// A damaged session is no session: signing in again replaces it.
		return "", fmt.Errorf("%w: %w", signin.ErrSecretNotFound, err)
	}
	return v, err
}

func (s secretStore) Set(ctx context.Context, key, value string) error {
	return s.kc.Set(ctx, s.service, key, value)
}

func (s secretStore) Delete(ctx context.Context, key string) error {
	err := s.kc.Delete(ctx, s.service, key)
	if errors.Is(err, keychain.ErrNotFound) {
		return nil
	}
	return err
}

// session returns the session of email on cl's platform. There is one
// Session per platform and account, so its refreshes are serialised: a
// rotated refresh token is never used twice.
func (c *Core) session(cl *client.Client, email string) (*signin.Session, error) {
	key := service(cl) + " " + cl.Platform().String() + " " + email
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sessions == nil {
		c.sessions = map[string]*signin.Session{}
	}
	if s, ok := c.sessions[key]; ok {
		return s, nil
	}
	s, err := signin.NewSession(signin.SessionConfig{
		Client: cl,
		Store:  secretStore{kc: c.cfg.Keychain, service: service(cl)},
		Key:    sessionAccount(email),
		// The app and the command line may refresh the same session at
		// once; one lock file per settings folder keeps them in turn.
		Lock: c.lock.lock,
	})
	if err != nil {
		return nil, err
	}
	c.sessions[key] = s
	return s, nil
}

// withAccess calls f with a valid access token of email's session,
// refreshed if needed. No session is ErrNotSignedIn; a session the platform
// ended (refresh refused, or the access token refused before its expiry)
// is ErrSessionEnded, and the stored session is removed.
func (c *Core) withAccess(ctx context.Context, cl *client.Client, email string, f func(access string) error) error {
	s, err := c.session(cl, email)
	if err != nil {
		return err
	}
	actx, cancel := context.WithTimeout(ctx, c.cfg.KeychainTimeout+c.cfg.CallTimeout)
	access, err := s.AccessToken(actx) // may refresh: a keychain read, a token call, a keychain write
	cancel()
	switch {
	case errors.Is(err, signin.ErrNotSignedIn):
		return ErrNotSignedIn
	case errors.Is(err, signin.ErrSessionEnded):
		c.log.printf("session: ended by the platform: %v", err)
		return fmt.Errorf("%w: %w", ErrSessionEnded, err)
	case err != nil:
		return err
	}
	err = f(access)
	if errors.Is(err, client.ErrUnauthorized) {
		// The platform no longer knows this session (signed out
		// elsewhere, or revoked): forget it here too.
		c.log.printf("session: the platform refused the access token; signing out here")
		kctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.KeychainTimeout)
		defer cancel()
		if _, serr := s.SignOut(kctx); serr != nil {
			c.log.printf("session: could not remove it from the keychain: %v", serr)
		}
		return fmt.Errorf("%w: %w", ErrSessionEnded, err)
	}
	return err
}

// Login signs in through the browser, asks the platform who signed in
// (GET /me with the new access token), stores the session in the keychain
// under that account and remembers the account in the settings. On any
// failure no part of a session is left in the keychain, and the tokens the
// platform issued are revoked.
//
// The wait for the browser, which can last minutes, does not hold the
// operation lock: the user may change the platform meanwhile, and the
// sign-in then ends with ErrPlatformChanged instead of storing a session
// for a platform no longer in use.
func (c *Core) Login(ctx context.Context, opts LoginOptions) (Account, error) {
	cl, s, err := c.platformClient()
	if err != nil {
		return Account{}, err
	}
	// Find out now whether the keychain works, rather than after the user
	// went through the browser.
	pctx, cancel := context.WithTimeout(ctx, c.cfg.KeychainTimeout)
	probe := s.Account
	if probe == "" {
		probe = "nobody"
	}
	_, err = c.cfg.Keychain.Get(pctx, service(cl), sessionAccount(probe))
	cancel()
	if err != nil && !errors.Is(err, keychain.ErrNotFound) && !errors.Is(err, keychain.ErrCorrupt) {
		c.log.printf("sign-in: not started, the keychain cannot be used: %v", err)
		return Account{}, err
	}
	// The session is verified (who signed in) before the browser tab
	// says "Signed in", so the tab never contradicts the app.
	var user *client.User
	verify := func(ctx context.Context, tok *oauth2.Token) error {
		c.log.printf("sign-in: the platform issued a session; asking who it belongs to")
		wctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
		u, err := cl.WhoAmI(wctx, tok.AccessToken)
		cancel()
		if errors.Is(err, client.ErrUnsupported) {
			// A platform without /v1/me (the public API lists none): the
			// account comes from the access token when it is a JWT. The
			// session works: the platform has just issued it.
			c.log.printf("sign-in: the platform has no /me; naming the account from the access token")
			u, err = userFromToken(tok.AccessToken), nil
		}
		if err == nil && u.Email == "" {
			err = fmt.Errorf("%w: GET /me gave no e-mail address", client.ErrBadResponse)
		}
		if err != nil {
			err = &PlatformError{Host: cl.Host(), Err: err}
			c.log.printf("sign-in: the session could not be verified: %v", err)
			c.discard(ctx, cl, tok)
			return err
		}
		user = u
		return nil
	}
	w := c.Words() // the browser tab speaks the app's language
	cfg := signin.Config{
		Client: cl, OnURL: opts.OnURL, Timeout: opts.Timeout, Port: c.redirectPort(s),
		Verify: verify,
		Describe: func(err error) string {
			p := ExplainIn(w, err)
			return p.Message + " " + p.NextStep
		},
		Words: w,
		Log:   c.log.printf,
	}
	if !opts.NoBrowser {
		cfg.Opener = c.cfg.Opener
	}
	c.log.printf("sign-in: starting with %s (browser: %v, OAuth client: %s, with a secret: %v)", cl.Host(), !opts.NoBrowser, cl.OAuthClient().ID, cl.OAuthClient().Confidential())
	tok, err := signin.SignIn(ctx, cfg)
	if err != nil {
		c.log.printf("sign-in: failed: %v", err)
		return Account{}, atHost(cl, err)
	}
	if err := c.op.lock(ctx); err != nil {
		c.discard(ctx, cl, tok)
		return Account{}, err
	}
	defer c.op.unlock()
	if now := c.Settings(); now.Platform != s.Platform || now.APIBase != s.APIBase {
		c.log.printf("sign-in: the platform was changed meanwhile; the session is not kept")
		c.discard(ctx, cl, tok)
		return Account{}, ErrPlatformChanged
	}
	// Another sign-in may have finished while the browser was open.
	s = c.Settings()
	email := user.Email

	if s.Account != "" && s.Account != email {
		// Someone else was signed in: end that session rather than leave
		// it in the keychain. Their token, if any, stays.
		if old, err := c.session(cl, s.Account); err == nil {
			octx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout+c.cfg.KeychainTimeout)
			revoked, err := old.SignOut(octx)
			cancel()
			c.log.printf("sign-in: signed the previous account out (revoked on the platform: %v, error: %v)", revoked, err)
		}
	}

	sess, err := c.session(cl, email)
	if err == nil {
		kctx, cancel := context.WithTimeout(ctx, c.cfg.KeychainTimeout)
		err = sess.Save(kctx, tok)
		cancel()
	}
	if err != nil {
		c.log.printf("sign-in: the session could not be stored: %v", err)
		c.discard(ctx, cl, tok)
		return Account{}, err
	}

	c.mu.Lock()
	ns := c.settings
	ns.Account = email
	err = saveSettings(c.cfg.SettingsDir, ns)
	if err == nil {
		c.settings = ns
	}
	c.mu.Unlock()
	if err != nil {
		// Without the account in the settings the session could never be
		// found again: undo it.
		octx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.CallTimeout+c.cfg.KeychainTimeout)
		_, serr := sess.SignOut(octx)
		cancel()
		if serr != nil {
			// The session stays in the keychain, out of reach: say so
			// rather than claim nothing was left.
			c.log.printf("sign-in: the session could not be removed again: %v", serr)
			return Account{}, errors.Join(err, fmt.Errorf("the session could not be removed from the keychain: %w", serr))
		}
		return Account{}, err
	}
	c.log.printf("sign-in: signed in as %s on %s; session stored in the keychain (%s)", email, cl.Host(), service(cl))
	c.notifyOffline()
	return Account{Email: email, Name: user.DisplayName, Platform: cl.Host()}, nil
}

// discard revokes tokens that were issued but will not be kept, best
// effort: the platform then holds no session nobody can use or end.
func (c *Core) discard(ctx context.Context, cl *client.Client, tok *oauth2.Token) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.CallTimeout)
	defer cancel()
	t, hint := tok.RefreshToken, "refresh_token"
	if t == "" {
		t, hint = tok.AccessToken, "access_token"
	}
	err := cl.RevokeToken(ctx, t, hint)
	c.log.printf("sign-in: the unused session was revoked on the platform (error: %v)", err)
}

// Logout deletes the session from the keychain and asks the platform to
// end it. The token, if any, stays in the keychain and keeps working; the
// account stays in the settings so the token can still be found.
func (c *Core) Logout(ctx context.Context) (LogoutResult, error) {
	done, err := c.beginWrite(ctx)
	if err != nil {
		return LogoutResult{}, err
	}
	defer done()
	cl, s, err := c.platformClient()
	if errors.Is(err, ErrNotConfigured) || err == nil && s.Account == "" {
		return LogoutResult{}, nil
	}
	if err != nil {
		return LogoutResult{}, err
	}
	sess, err := c.session(cl, s.Account)
	if err != nil {
		return LogoutResult{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout+c.cfg.KeychainTimeout)
	defer cancel()
	revoked, err := sess.SignOut(ctx)
	c.log.printf("sign-out: session removed (revoked on the platform: %v)", revoked)
	if err != nil {
		return LogoutResult{RevokedOnPlatform: revoked}, err
	}
	c.notifyOffline()
	return LogoutResult{RevokedOnPlatform: revoked}, nil
}
