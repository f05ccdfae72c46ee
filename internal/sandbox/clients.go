package sandbox

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// oauthClient is a client the platform knows: the public desktop app, or
// the confidential client an administrator registered (Administration →
// Settings → API → "Add OAuth application" on a real platform).
type oauthClient struct {
	ID           string
	Secret       string // "" for the public client
	RedirectPort int    // 0: any loopback port
}

// checkClient checks the confidential client's settings.
func (c Config) checkClient() error {
	switch {
	case c.ConfidentialClientID == "" && c.ClientSecret != "":
		return errors.New("a client secret was given without a confidential client ID")
	case c.ConfidentialClientID == "" && c.ClientRedirectPort != 0:
		return errors.New("a redirect port was given without a confidential client ID")
	case c.ConfidentialClientID == "" && c.NoPublicClient:
		return errors.New("without the public client, a confidential client ID is needed, or no app could sign in")
	case c.ConfidentialClientID == "":
		return nil
	case c.ConfidentialClientID == ClientID:
		return fmt.Errorf("the confidential client ID must differ from the public client %q", ClientID)
	case strings.TrimSpace(c.ConfidentialClientID) != c.ConfidentialClientID || strings.ContainsAny(c.ConfidentialClientID, "\x00\r\n"):
		return errors.New("the confidential client ID must not start or end with spaces or hold line breaks")
	case c.ClientSecret == "":
		return errors.New("the confidential client needs a secret")
	case c.ClientRedirectPort < 0 || c.ClientRedirectPort > 65535:
		return fmt.Errorf("the redirect port %d is not a port (1 to 65535)", c.ClientRedirectPort)
	}
	return nil
}

// client answers the registered client with that id, or nil.
func (s *Server) client(id string) *oauthClient {
	switch {
	case id == "":
		return nil
	case id == ClientID && !s.cfg.NoPublicClient:
		return &oauthClient{ID: ClientID}
	case id == s.cfg.ConfidentialClientID:
		return &oauthClient{ID: id, Secret: s.cfg.ClientSecret, RedirectPort: s.cfg.ClientRedirectPort}
	}
	return nil
}

// redirectAllowed checks a redirect URI against the client's registration:
// the loopback shape, and the fixed port where one was registered.
func (c *oauthClient) redirectAllowed(raw string) bool {
	if !validRedirect(raw) {
		return false
	}
	if c.RedirectPort == 0 {
		return true
	}
	u, err := url.Parse(raw)
	return err == nil && u.Port() == fmt.Sprint(c.RedirectPort)
}

// authenticateClient identifies the client of a token or revocation
// request: HTTP Basic (RFC 6749 §2.3.1, id and secret form-encoded), or the
// form fields client_id and client_secret, never both ways at once. The
// public client sends no secret (an empty Basic password is accepted, as
// golang.org/x/oauth2 sends one); the confidential client must send its
// own.
func (s *Server) authenticateClient(w http.ResponseWriter, r *http.Request, f url.Values) (*oauthClient, *oauthError) {
	id, secret := f.Get("client_id"), f.Get("client_secret")
	basicID, basicSecret, basic := r.BasicAuth()
	if basic {
		var err1, err2 error
		basicID, err1 = url.QueryUnescape(basicID)
		basicSecret, err2 = url.QueryUnescape(basicSecret)
		switch {
		case err1 != nil || err2 != nil:
			return nil, basicFailed(w, "The client credentials in the Authorization header are not form-encoded.")
		case f.Has("client_secret"):
			return nil, errRequest("Send the client credentials one way only: the Authorization header or the form.")
		case id != "" && id != basicID:
			return nil, basicFailed(w, "The client_id does not match the Authorization header.")
		}
		id, secret = basicID, basicSecret
	} else if r.Header.Get("Authorization") != "" {
		return nil, errClient("Only HTTP Basic client authentication is supported.")
	}
	c := s.client(id)
	switch {
	case id == "":
		return nil, errClient("The client_id is missing.")
	case c == nil:
		return nil, clientFailed(w, basic, "The client_id is not known to this platform.")
	case c.Secret == "" && secret != "":
		return nil, clientFailed(w, basic, "This client has no secret; send none.")
	case c.Secret != "" && secret == "":
		return nil, clientFailed(w, basic, "This client must authenticate with its secret.")
	case c.Secret != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(c.Secret)) != 1:
		return nil, clientFailed(w, basic, "The client secret is wrong.")
	}
	return c, nil
}

func clientFailed(w http.ResponseWriter, basic bool, desc string) *oauthError {
	if basic {
		return basicFailed(w, desc)
	}
	return errClient(desc)
}

// basicFailed answers invalid_client with the challenge RFC 6749 §5.2
// requires after a failed HTTP Basic authentication.
func basicFailed(w http.ResponseWriter, desc string) *oauthError {
	w.Header().Set("WWW-Authenticate", `Basic realm="iobeya-sandbox"`)
	return errClient(desc)
}
