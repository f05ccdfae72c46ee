package companion

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
)

// ClientSecret is an OAuth client secret that never prints (re-exported
// from the client package so front ends need not import it).
type ClientSecret = client.ClientSecret

// OAuthClientInfo is the OAuth client sign-in uses, for the front ends'
// "Advanced" part. It never holds the secret.
type OAuthClientInfo struct {
	ID           string // empty: the default public client (client.ClientID)
	HasSecret    bool
	RedirectPort int  // 0: any port
	SetByIT      bool // from the machine-wide file: shown, not editable
	PlatformByIT bool // the platform too is set by the machine-wide file
}

// clientSecretAccount is the keychain entry of a secret the user entered
// for the client id, under the platform's service.
func clientSecretAccount(id string) string { return "oauth-client/" + id + "/secret" }

// enforceMachine puts what IT's file sets over s: the user's settings
// cannot weaken it.
func (c *Core) enforceMachine(s *Settings) {
	m := &c.machine
	if m.origin != "" && s.Platform != m.origin {
		if s.Platform != "" {
			// The account and API address belonged to the other platform.
			s.Account, s.APIBase, s.BroughtIn = "", "", false
		}
		s.Platform, s.Demo = m.origin, false
	}
	if m.appliesTo(s.Platform, s.Demo) {
		s.ClientID = ""
	}
	if m.RedirectPort != 0 {
		s.RedirectPort = 0
	}
}

// oauthClient is the OAuth client to sign in as on s's platform: IT's,
// else the one the user entered (its secret from the keychain), else nil
// for the default public client.
func (c *Core) oauthClient(s Settings) (*client.OAuthClient, error) {
	if c.machine.appliesTo(s.Platform, s.Demo) {
		oc := c.machine.oauthClient()
		return &oc, nil
	}
	if s.ClientID == "" || s.Demo {
		return nil, nil
	}
	u, err := client.ParsePlatform(s.Platform)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.KeychainTimeout)
	defer cancel()
	secret, err := c.cfg.Keychain.Get(ctx, keychain.ServiceFor(u.Host), clientSecretAccount(s.ClientID))
	switch {
	case errors.Is(err, keychain.ErrNotFound):
		secret = ""
	case err != nil:
		return nil, err
	}
	return &client.OAuthClient{ID: s.ClientID, Secret: client.ClientSecret(secret)}, nil
}

// redirectPort is the loopback port sign-in listens on.
func (c *Core) redirectPort(s Settings) int {
	if c.machine.RedirectPort != 0 {
		return c.machine.RedirectPort
	}
	return s.RedirectPort
}

// OAuthClientChoice is OAuthClient without the keychain, for a screen
// being built: HasSecret is known only for IT's client.
func (c *Core) OAuthClientChoice() OAuthClientInfo {
	s := c.Settings()
	info := OAuthClientInfo{PlatformByIT: c.machine.origin != "", RedirectPort: c.redirectPort(s)}
	if c.machine.appliesTo(s.Platform, s.Demo) {
		info.ID, info.HasSecret, info.SetByIT = c.machine.ClientID, c.machine.ClientSecret != "", true
		return info
	}
	info.ID = s.ClientID
	return info
}

// OAuthClient says which OAuth client sign-in uses on the platform in use,
// whether IT set it, and whether it has a secret.
func (c *Core) OAuthClient(ctx context.Context) (OAuthClientInfo, error) {
	info := c.OAuthClientChoice()
	s := c.Settings()
	if info.SetByIT || s.ClientID == "" || s.Platform == "" {
		return info, nil
	}
	u, err := client.ParsePlatform(s.Platform)
	if err != nil {
		return info, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.KeychainTimeout)
	defer cancel()
	_, err = c.cfg.Keychain.Get(ctx, keychain.ServiceFor(u.Host), clientSecretAccount(s.ClientID))
	switch {
	case err == nil:
		info.HasSecret = true
	case !errors.Is(err, keychain.ErrNotFound):
		return info, err
	}
	return info, nil
}

// SetOAuthClient sets the OAuth client the user's administrator registered
// on the platform in use: id ("" goes back to the default public client),
// its secret ("" for a client without one) kept in the keychain only and
// read back, and the redirect URI's port (0: any). It is ErrSetByIT when
// the machine-wide file sets the client. Sessions of the previous client
// stay until signed out: a sign-in is needed for the new one to count.
func (c *Core) SetOAuthClient(ctx context.Context, id string, secret ClientSecret, port int) error {
	if err := c.op.lock(ctx); err != nil {
		return err
	}
	defer c.op.unlock()
	s := c.Settings()
	switch {
	case s.Platform == "":
		return ErrNotConfigured
	case c.machine.appliesTo(s.Platform, s.Demo), port != 0 && c.machine.RedirectPort != 0:
		return ErrSetByIT
	case port < 0 || port > 65535:
		return fmt.Errorf("%w: the port must be between 1 and 65535, or 0 for any", errBadSetting)
	}
	id = strings.TrimSpace(id)
	if id == "" && secret != "" {
		return fmt.Errorf("%w: a client secret needs its client ID", errBadSetting)
	}
	if id != "" {
		// The client package's own rules for what can be sent.
		if _, err := client.New(s.Platform, client.WithOAuthClient(client.OAuthClient{ID: id, Secret: secret})); err != nil {
			return fmt.Errorf("%w: the client ID and secret must each be one line", errBadSetting)
		}
	}
	u, err := client.ParsePlatform(s.Platform)
	if err != nil {
		return err
	}
	svc := keychain.ServiceFor(u.Host)
	kctx, cancel := context.WithTimeout(ctx, c.cfg.KeychainTimeout)
	defer cancel()
	if s.ClientID != "" && s.ClientID != id {
		if err := c.cfg.Keychain.Delete(kctx, svc, clientSecretAccount(s.ClientID)); err != nil && !errors.Is(err, keychain.ErrNotFound) {
			return err
		}
	}
	if id != "" {
		if secret != "" {
			if err := c.keep(kctx, svc, clientSecretAccount(id), secret.Reveal()); err != nil {
				return err
			}
		} else if err := c.cfg.Keychain.Delete(kctx, svc, clientSecretAccount(id)); err != nil && !errors.Is(err, keychain.ErrNotFound) {
			return err
		}
	}
	c.mu.Lock()
	ns := c.settings
	ns.ClientID, ns.RedirectPort = id, port
	err = saveSettings(c.cfg.SettingsDir, ns)
	if err == nil {
		c.settings = ns
		// Clients hold their OAuth client: the next call makes new ones.
		c.clients = map[string]*client.Client{}
		c.sessions = nil
	}
	c.mu.Unlock()
	if err == nil {
		c.log.printf("settings: OAuth client set (custom: %v, secret in the keychain: %v, redirect port: %d)", id != "", secret != "", port)
	}
	return err
}
