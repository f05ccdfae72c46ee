package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"unicode"
)

// ClientSecret is an OAuth client secret. Every way of printing it (fmt's
// verbs, %#v, JSON, text, log/slog) shows "[redacted]", so a struct that holds
// one in an exported field cannot leak it by being printed; Reveal is the
// one way to the value. (fmt prints unexported fields without calling their
// methods: a struct that keeps one unexported needs its own String, as
// Client has.)
type ClientSecret string

// Reveal returns the secret, for the one place that sends it.
func (s ClientSecret) Reveal() string { return string(s) }

// String is "[redacted]", or "" when there is no secret.
func (s ClientSecret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString is String, for %#v.
func (s ClientSecret) GoString() string { return fmt.Sprintf("%q", s.String()) }

// Format makes every fmt verb print String.
func (s ClientSecret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", s.String())
	default:
		fmt.Fprint(f, s.String())
	}
}

// MarshalText keeps the secret out of JSON, XML and text encodings.
func (s ClientSecret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LogValue keeps the secret out of log/slog records.
func (s ClientSecret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// ClientAuth is how a confidential client presents its secret at the token
// and revocation endpoints (RFC 6749 §2.3.1).
type ClientAuth int

const (
	// ClientAuthAuto tries HTTP Basic (which every server must support)
	// and, when the server answers 401, the form fields.
	ClientAuthAuto ClientAuth = iota
	// ClientAuthBasic sends "Authorization: Basic" with the form-encoded
	// client ID and secret.
	ClientAuthBasic
	// ClientAuthForm sends client_id and client_secret in the form body.
	ClientAuthForm
)

// OAuthClient is the OAuth client iObeya Token signs in as: the public
// client "iobeya-token" by default, or the one an administrator registered
// (Administration → Settings → API), with its secret when it has one.
type OAuthClient struct {
	ID     string
	Secret ClientSecret // empty for a public client
	Auth   ClientAuth   // how the secret is sent; ignored without a secret
}

// Confidential reports whether the client has a secret.
func (o OAuthClient) Confidential() bool { return o.Secret != "" }

// check refuses IDs that cannot be sent as they are.
func (o OAuthClient) check() error {
	switch {
	case strings.TrimSpace(o.ID) == "":
		return errors.New("the OAuth client ID is empty")
	case len(o.ID) > 255 || strings.ContainsFunc(o.ID, unicode.IsControl):
		return errors.New("the OAuth client ID must be one line of at most 255 characters")
	case strings.ContainsFunc(string(o.Secret), unicode.IsControl) || len(o.Secret) > 4096:
		// Never quote the secret, not even in this message.
		return errors.New("the OAuth client secret must be one line of at most 4096 characters")
	case o.Auth < ClientAuthAuto || o.Auth > ClientAuthForm:
		return errors.New("unknown way of sending the OAuth client secret")
	}
	return nil
}

// WithOAuthClient sets the OAuth client the platform knows this app as
// (default: the public client ClientID, without a secret).
func WithOAuthClient(o OAuthClient) Option {
	return func(c *Client) error {
		if err := o.check(); err != nil {
			return fmt.Errorf("WithOAuthClient: %w", err)
		}
		c.oauth = o
		return nil
	}
}

// OAuthClient is the OAuth client in use, for sign-in's token requests.
func (c *Client) OAuthClient() OAuthClient { return c.oauth }

// oauthPost sends form to an OAuth endpoint (RFC 6749 §2.3.1 client
// authentication) as a write described by conf.
func (c *Client) oauthPost(ctx context.Context, u *url.URL, form url.Values, conf *confirmation) error {
	style := c.oauth.Auth
	if !c.oauth.Confidential() {
		style = ClientAuthForm
	}
	post := func(style ClientAuth) error {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		r := request{method: http.MethodPost, u: u, form: f, want: []int{http.StatusOK}, confirm: conf}
		if style == ClientAuthForm {
			f.Set("client_id", c.oauth.ID)
			if c.oauth.Confidential() {
				f.Set("client_secret", c.oauth.Secret.Reveal())
			}
		} else {
			// RFC 6749 §2.3.1: both parts form-encoded, then Basic.
			id, secret := url.QueryEscape(c.oauth.ID), url.QueryEscape(c.oauth.Secret.Reveal())
			r.auth = func(req *http.Request) { req.SetBasicAuth(id, secret) }
		}
		return c.scrubSecret(c.do(ctx, r))
	}
	if style != ClientAuthAuto {
		return post(style)
	}
	err := post(ClientAuthBasic)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == http.StatusUnauthorized {
		return post(ClientAuthForm)
	}
	return err
}

// scrubSecret removes the client secret from a server's words in err, in
// case a platform echoes what it was sent.
func (c *Client) scrubSecret(err error) error {
	var ae *APIError
	if secret := c.oauth.Secret.Reveal(); secret != "" && errors.As(err, &ae) {
		ae.Code = strings.ReplaceAll(ae.Code, secret, redacted)
		ae.Message = strings.ReplaceAll(ae.Message, secret, redacted)
	}
	return err
}
