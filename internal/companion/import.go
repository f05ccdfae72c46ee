package companion

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/signin"
	"github.com/iobeya-token/iobeya-token/internal/token"
)

// Errors of bringing in a token.
var (
	// ErrNotPlatformToken: what was given is not a token of the platform
	// in use (not a JWT, or issued by another platform).
	ErrNotPlatformToken = errors.New("this is not a personal access token of your platform")
	// ErrTokenRefused: the platform refused the token (401): it expired,
	// was revoked, or was copied incompletely.
	ErrTokenRefused = errors.New("the platform does not accept this token")
	// ErrOtherAccount: the token belongs to another account than the one
	// signed in here.
	ErrOtherAccount = errors.New("this token belongs to another account")
	// ErrStillAccepted: the platform still accepts a brought-in token the
	// user said they revoked in the web app; it is kept.
	ErrStillAccepted = errors.New("the platform still accepts this token")
	// ErrRevokeOnWeb: the token was brought in from the web app, so it is
	// revoked there (OpenTokenPage, then ConfirmRevokedOnWeb).
	ErrRevokeOnWeb = errors.New("this token was brought in from the iObeya web app: revoke it there")
)

// tokenPagePath is the sandbox's token web page (docs/platform-api.md §7).
// Real platforms publish no address for theirs: users get the steps.
const tokenPagePath = "/s/personal-access-token"

// TokenPageSteps is how to reach the token page from the platform's home.
const TokenPageSteps = "In iObeya, open your avatar menu (top right) → Personal access token, confirm, then copy the token."

// TokenPage is where a user gets a token in the web app: the page itself
// where its address is known (the demo platform and other loopback
// platforms), else the platform's home page, to follow TokenPageSteps
// from. The address is always on the platform's host.
func (c *Core) TokenPage() (link string, direct bool, err error) {
	s := c.Settings()
	if s.Platform == "" {
		return "", false, ErrNotConfigured
	}
	u, err := client.ParsePlatform(s.Platform)
	if err != nil {
		return "", false, err
	}
	if u.Scheme == "http" && client.IsLoopback(u.Host) {
		return u.JoinPath(tokenPagePath).String(), true, nil
	}
	return u.JoinPath("/").String(), false, nil
}

// OpenTokenPage opens TokenPage in the browser, after the same check as
// every link this app opens (https on the platform's host; http only for
// a loopback platform).
func (c *Core) OpenTokenPage() (direct bool, err error) {
	link, direct, err := c.TokenPage()
	if err != nil {
		return false, err
	}
	u, _ := client.ParsePlatform(c.Settings().Platform)
	if err := signin.CheckLink(u, link); err != nil {
		return direct, err
	}
	if lu, _ := url.Parse(link); lu == nil || lu.Host != u.Host {
		return direct, errors.New("the token page is not on the platform")
	}
	return direct, c.cfg.Opener.Open(link)
}

// IsPlatformToken reports, without any network call, whether raw reads as
// a JWT issued by the platform in use: its issuer is the platform, or names
// the platform's host or its API facade's host. The clipboard watch uses it
// to ignore everything else.
func (c *Core) IsPlatformToken(raw string) bool {
	s := c.Settings()
	if s.Platform == "" {
		return false
	}
	info, err := token.Inspect(raw)
	return err == nil && issuedBy(info, s.Platform, s.APIBase)
}

// issuedBy compares a token's issuer with the platform's origin and hosts.
func issuedBy(info *token.Info, platform, apiBase string) bool {
	p, err := client.ParsePlatform(platform)
	if err != nil || info.Issuer == "" {
		return false
	}
	hosts := []string{strings.ToLower(p.Host), strings.ToLower(client.DeriveAPIBase(p).Host)}
	if apiBase != "" {
		if a, err := url.Parse(apiBase); err == nil {
			hosts = append(hosts, strings.ToLower(a.Host))
		}
	}
	iss := strings.TrimSuffix(info.Issuer, "/")
	if iss == p.String() {
		return true
	}
	host := strings.ToLower(iss)
	if u, err := url.Parse(iss); err == nil && u.Host != "" {
		if u.Scheme != p.Scheme {
			return false
		}
		host = strings.ToLower(u.Host)
	}
	for _, h := range hosts {
		if host == h {
			return true
		}
	}
	return false
}

// Import keeps a token the user brought from the iObeya web app, for
// platforms without a token API. It must be a JWT of the platform in use
// that has not expired; it is checked the way Power Automate will use it
// (a 403 is kept, with the state no-api-access; a 401 is refused with
// ErrTokenRefused; no clear answer keeps nothing); it is then stored in
// the keychain, read back, and marked as brought in, so revoking it goes
// through the web app. A different token already kept is replaced only
// when the platform no longer accepts it (ErrTokenExists otherwise).
func (c *Core) Import(ctx context.Context, raw string) (Status, error) {
	done, err := c.beginWrite(ctx)
	if err != nil {
		return Status{}, err
	}
	defer done()

	l, err := c.readLocal(ctx)
	switch {
	case err != nil:
		return Status{}, err
	case l.cl == nil:
		return Status{}, ErrNotConfigured
	}
	s := c.Settings()
	raw = strings.TrimSpace(raw)
	if len(raw) >= 7 && strings.EqualFold(raw[:7], "bearer ") {
		raw = strings.TrimSpace(raw[7:])
	}
	info, err := token.Inspect(raw)
	if err != nil {
		return Status{}, fmt.Errorf("%w: %w", ErrNotPlatformToken, err)
	}
	if !issuedBy(info, s.Platform, s.APIBase) {
		c.log.printf("import: refused a token issued by another platform")
		return Status{}, ErrNotPlatformToken
	}
	now := c.cfg.Now()
	if info.HasExpiry() && !info.ExpiresAt.After(now) {
		return Status{}, ErrExpired
	}
	account := accountOf(info)
	if l.email != "" && l.email != AccountUnnamed && l.email != info.Email && l.email != info.Subject && l.st.SignedIn {
		return Status{}, ErrOtherAccount
	}
	if l.email == AccountUnnamed && l.st.SignedIn {
		// A session without a name: the token goes with it.
		account = AccountUnnamed
	}

	cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	check := token.Check{Reached: true, Accepted: true}
	err = l.cl.CheckAPIAccess(cctx, raw)
	cancel()
	switch {
	case err == nil:
	case errors.Is(err, client.ErrNoAPIAccess):
		check = token.Check{Reached: true, NoAPIAccess: true}
	case errors.Is(err, client.ErrTokenRejected):
		c.log.printf("import: the platform refused the token: %v", err)
		return Status{}, fmt.Errorf("%w: %w", ErrTokenRefused, err)
	default:
		c.log.printf("import: the token could not be checked: %v", err)
		return Status{}, &PlatformError{Host: l.cl.Host(), Err: err}
	}

	kctx, kcancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.KeychainTimeout)
	defer kcancel()
	if err := c.makeRoom(ctx, kctx, l, account, raw); err != nil {
		return Status{}, err
	}
	if err := c.keep(kctx, l.service, patAccount(account), raw); err != nil {
		c.log.printf("import: the token could not be stored: %v", err)
		return Status{}, err
	}
	c.mu.Lock()
	ns := c.settings
	ns.Account, ns.BroughtIn = account, true
	err = saveSettings(c.cfg.SettingsDir, ns)
	if err == nil {
		c.settings = ns
		c.checkedAt = now
	}
	c.mu.Unlock()
	if err != nil {
		// The token is in the keychain but could not be found again
		// without the account: take it out.
		_ = c.cfg.Keychain.Delete(kctx, l.service, patAccount(account))
		return Status{}, err
	}
	c.log.printf("import: token %s kept in the keychain (%s), brought in by the user", info.ID, l.service)

	l.email, l.raw, l.info = account, raw, info
	l.st.Account, l.st.BroughtIn = account, true
	l.st.Masked, l.st.TokenID = token.Mask(raw), info.ID
	l.st.IssuedAt, l.st.ExpiresAt = info.IssuedAt, info.ExpiresAt
	if info.Name != "" {
		l.st.AccountName = info.Name
	}
	l.st.CheckedAt = now
	l.damaged = false
	c.evaluate(l, &check)
	c.notify(l.st)
	return l.st, nil
}

// makeRoom lets a brought-in token take the place of the one kept for
// account only when that one no longer works: a working token is never
// dropped unasked.
func (c *Core) makeRoom(ctx, kctx context.Context, l *local, account, raw string) error {
	old, err := c.cfg.Keychain.Get(kctx, l.service, patAccount(account))
	switch {
	case errors.Is(err, keychain.ErrNotFound), errors.Is(err, keychain.ErrCorrupt):
		return nil
	case err != nil:
		return err
	case subtle.ConstantTimeCompare([]byte(old), []byte(raw)) == 1:
		return nil
	}
	if info, ierr := token.Inspect(old); ierr != nil || info.HasExpiry() && !info.ExpiresAt.After(c.cfg.Now()) {
		return nil
	}
	cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	defer cancel()
	if err := l.cl.CheckAPIAccess(cctx, old); errors.Is(err, client.ErrTokenRejected) {
		return nil
	}
	return ErrTokenExists
}

// ConfirmRevokedOnWeb is the end of revoking a brought-in token: the user
// revoked it in the web app (OpenTokenPage) and says so; the platform must
// now refuse it (401) before the local copy is removed. A token it still
// accepts is kept (ErrStillAccepted); no clear answer keeps it too
// (ErrNotRevoked). Front ends ask for confirmation before calling it.
func (c *Core) ConfirmRevokedOnWeb(ctx context.Context) error {
	done, err := c.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer done()
	l, err := c.readLocal(ctx)
	switch {
	case err != nil:
		return err
	case l.cl == nil:
		return ErrNotConfigured
	case l.info == nil && !l.damaged:
		return ErrNoToken
	}
	if !l.damaged {
		cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
		err = l.cl.CheckAPIAccess(cctx, l.raw)
		cancel()
		switch {
		case errors.Is(err, client.ErrTokenRejected):
			c.log.printf("revoke: the platform now refuses the token, as it should after a revoke")
		case err == nil, errors.Is(err, client.ErrNoAPIAccess):
			c.log.printf("revoke: the platform still accepts the token; it is kept")
			return ErrStillAccepted
		default:
			c.log.printf("revoke: not confirmed: %v", err)
			return &notRevokedError{cause: err, host: l.st.Platform}
		}
	}
	kctx, kcancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.KeychainTimeout)
	defer kcancel()
	if err := c.cfg.Keychain.Delete(kctx, l.service, patAccount(l.email)); err != nil && !errors.Is(err, keychain.ErrNotFound) {
		return err
	}
	c.mu.Lock()
	ns := c.settings
	ns.BroughtIn = false
	if err := saveSettings(c.cfg.SettingsDir, ns); err == nil {
		c.settings = ns
	}
	c.mu.Unlock()
	c.log.printf("revoke: done; the keychain entry is deleted")
	c.notifyOffline()
	return nil
}
