package companion

import (
	"context"
	"errors"
	"fmt"

	"github.com/iobeya-token/iobeya-token/client"
)

// ValidateAddress checks a platform address as typed, without any network
// call, for validation as the user types. When what was typed held more
// than the platform's address (a page pasted from the browser), using is
// the address kept, e.g. "acme.iobeya.com", for the front end to say so.
func (c *Core) ValidateAddress(address string) (using string, err error) {
	a, err := client.ParseAddress(address)
	if err != nil {
		return "", err
	}
	if a.Reduced {
		return a.Host(), nil
	}
	return "", nil
}

// SetPlatform checks that address is an iObeya platform that answers its
// discovery document, then saves it as the platform in use. demo marks the
// built-in demo platform. Choosing another platform keeps the tokens of the
// previous one in the keychain, under that platform's name.
func (c *Core) SetPlatform(ctx context.Context, address string, demo bool) error {
	if err := c.op.lock(ctx); err != nil {
		return err
	}
	defer c.op.unlock()
	u, err := client.ParsePlatform(address)
	if err != nil {
		return err
	}
	origin := u.String()
	if c.machine.origin != "" && (origin != c.machine.origin || demo) {
		return ErrSetByIT
	}
	cl, err := c.newClient(origin, "", nil)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	defer cancel()
	c.log.printf("platform: checking %s", origin)
	if _, err := cl.Discover(ctx); err != nil {
		return &PlatformError{Host: cl.Host(), Err: err}
	}
	c.mu.Lock()
	s := c.settings
	if s.Platform != origin {
		// The account, the token's origin and the OAuth client belong
		// to the previous platform.
		s.Account, s.APIBase, s.BroughtIn = "", "", false
		s.ClientID, s.RedirectPort = "", 0
	}
	s.Platform = origin
	s.Demo = demo
	if err := saveSettings(c.cfg.SettingsDir, s); err != nil {
		c.mu.Unlock()
		return err
	}
	c.settings = s
	c.mu.Unlock()
	c.log.printf("platform: %s saved", origin)
	c.notifyOffline()
	return nil
}

// PlatformError says a platform could not be used, naming its host.
type PlatformError struct {
	Host string
	Err  error
}

func (e *PlatformError) Error() string {
	return fmt.Sprintf("%s cannot be used: %v", e.Host, e.Err)
}

func (e *PlatformError) Unwrap() error { return e.Err }

// atHost names cl's host in a platform's error, so that its words start
// with the host ("acme.iobeya.com had a problem…"); errors of the keychain,
// and those already naming a host, are left as they are.
func atHost(cl *client.Client, err error) error {
	var pe *PlatformError
	if err == nil || errors.As(err, &pe) || IsKeychainError(err) {
		return err
	}
	return &PlatformError{Host: cl.Host(), Err: err}
}
