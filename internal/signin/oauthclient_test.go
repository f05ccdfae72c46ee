package signin

import (
	"crypto/rand"
	"net"
	"net/url"
	"strconv"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// randomSecret mints a client secret at run time.
func randomSecret() string { return "cs-" + rand.Text() }

// freePort finds a loopback port nobody listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	return port
}

// A platform with only the public facts (no discovery document) and only
// the client its administrator registered, with a secret and an exact
// redirect port: sign-in asks for the profile's scope as that client, on
// that port, and the session refreshes as that client too.
func TestSignInConfidentialClientWithoutDiscovery(t *testing.T) {
	for _, auth := range []client.ClientAuth{client.ClientAuthAuto, client.ClientAuthBasic, client.ClientAuthForm} {
		t.Run(strconv.Itoa(int(auth)), func(t *testing.T) {
			secret := randomSecret()
			port := freePort(t)
			srv := startSandbox(t, sandbox.Config{
				AutoApprove: "alice@example.com", NoDiscovery: true, NoPublicClient: true,
				ConfidentialClientID: "acme-desktop", ClientSecret: secret, ClientRedirectPort: port,
			})
			c, err := client.New(srv.URL(), client.WithOAuthClient(client.OAuthClient{ID: "acme-desktop", Secret: client.ClientSecret(secret), Auth: auth}))
			if err != nil {
				t.Fatal(err)
			}
			clk := &clock{t: time.Now()}
			store := newMemStore()
			s, err := NewSession(SessionConfig{Client: c, Store: store, Key: sessionKey, Now: clk.now})
			if err != nil {
				t.Fatal(err)
			}
			b := newBrowser(t)
			if _, err := s.SignIn(t.Context(), Config{Opener: b, Port: port}); err != nil {
				t.Fatalf("SignIn: %v", err)
			}
			q := linkParams(t, b.opened()[0])
			redirect, _ := url.Parse(q.Get("redirect_uri"))
			if q.Get("client_id") != "acme-desktop" || q.Get("scope") != client.ProfileScope || redirect.Port() != strconv.Itoa(port) || q.Has("client_secret") {
				t.Errorf("link: client_id %q scope %q redirect %q, secret in link %v", q.Get("client_id"), q.Get("scope"), redirect, q.Has("client_secret"))
			}
			clk.set(clk.now().Add(2 * time.Hour))
			access, err := s.AccessToken(t.Context())
			if err != nil {
				t.Fatalf("refresh as the confidential client: %v", err)
			}
			if err := c.CheckAPIAccess(t.Context(), access); err != nil {
				t.Fatalf("the refreshed token does not reach the API: %v", err)
			}
		})
	}
}

// A wrong secret is refused at the token endpoint, and the refusal does
// not quote it.
func TestSignInWrongClientSecret(t *testing.T) {
	port := freePort(t)
	srv := startSandbox(t, sandbox.Config{
		AutoApprove: "alice@example.com", NoDiscovery: true,
		ConfidentialClientID: "acme-desktop", ClientSecret: randomSecret(),
	})
	wrong := randomSecret()
	c, err := client.New(srv.URL(), client.WithOAuthClient(client.OAuthClient{ID: "acme-desktop", Secret: client.ClientSecret(wrong)}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = SignIn(t.Context(), Config{Client: c, Opener: newBrowser(t), Port: port})
	if err == nil {
		t.Fatal("signed in with a wrong client secret")
	}
	assertNoSecret(t, err.Error(), wrong)
}

func TestAuthStyle(t *testing.T) {
	tests := []struct {
		oc   client.OAuthClient
		want oauth2.AuthStyle
	}{
		{client.OAuthClient{ID: "iobeya-token"}, oauth2.AuthStyleInParams},
		{client.OAuthClient{ID: "iobeya-token", Auth: client.ClientAuthBasic}, oauth2.AuthStyleInParams},
		{client.OAuthClient{ID: "a", Secret: "s"}, oauth2.AuthStyleAutoDetect},
		{client.OAuthClient{ID: "a", Secret: "s", Auth: client.ClientAuthBasic}, oauth2.AuthStyleInHeader},
		{client.OAuthClient{ID: "a", Secret: "s", Auth: client.ClientAuthForm}, oauth2.AuthStyleInParams},
	}
	for _, tt := range tests {
		if got := authStyle(tt.oc); got != tt.want {
			t.Errorf("authStyle(%v, auth %d) = %v, want %v", tt.oc.Confidential(), tt.oc.Auth, got, tt.want)
		}
	}
}
