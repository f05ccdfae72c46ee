package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestClientSecretNeverPrints: the secret does not appear in any printing
// of the values that hold it (issue 11 item 2).
func TestClientSecretNeverPrints(t *testing.T) {
	secret := ClientSecret(mintOpaque("cs_"))
	o := OAuthClient{ID: "acme-desktop", Secret: secret}
	c, err := New("acme", WithOAuthClient(o))
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("client", "oauth", o, "secret", secret)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("client", "oauth", o, "secret", secret)
	js, _ := json.Marshal(o)
	printed := []string{
		fmt.Sprint(secret), fmt.Sprintf("%s %q %v %+v %#v %x %X", secret, secret, secret, secret, secret, secret, secret),
		fmt.Sprintf("%v %+v %#v", o, o, o), fmt.Sprintf("%v %+v %#v", c, c, c),
		fmt.Sprintf("%v", c.OAuthClient()), string(js), logs.String(), secret.String(), secret.GoString(),
	}
	for _, p := range printed {
		if strings.Contains(p, secret.Reveal()) {
			t.Errorf("the secret is printed: %s", p)
		}
		if strings.Contains(strings.ToLower(p), fmt.Sprintf("%x", secret.Reveal())) {
			t.Errorf("the secret is printed in hex: %s", p)
		}
	}
	if !strings.Contains(fmt.Sprintf("%+v", o), "[redacted]") || !strings.Contains(fmt.Sprintf("%+v", o), "acme-desktop") {
		t.Errorf("%+v: want the ID and a redacted secret", o)
	}
	if ClientSecret("").String() != "" {
		t.Error("an empty secret prints as redacted")
	}
	if c.OAuthClient().Secret.Reveal() != secret.Reveal() {
		t.Error("the configured secret is not the one in use")
	}
}

func TestWithOAuthClientRefuses(t *testing.T) {
	secret := mintOpaque("cs_")
	for _, o := range []OAuthClient{
		{ID: ""},
		{ID: "  "},
		{ID: "a\nb"},
		{ID: strings.Repeat("a", 256)},
		{ID: "ok", Secret: ClientSecret(secret + "\n")},
		{ID: "ok", Secret: ClientSecret(secret), Auth: ClientAuth(9)},
	} {
		_, err := New("acme", WithOAuthClient(o))
		if err == nil {
			t.Errorf("WithOAuthClient(%+v) accepted", o)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error repeats the secret: %v", err)
		}
	}
}

// TestRevokeTokenClientAuth: RFC 7009 revocation authenticates the client
// as RFC 6749 §2.3.1 says: client_id alone for the public client; Basic
// (form-encoded parts) or form fields for a confidential one; Auto falls
// back to the form when Basic gets 401.
func TestRevokeTokenClientAuth(t *testing.T) {
	secret := ClientSecret(mintOpaque("cs_") + " +/:%")
	tests := []struct {
		name       string
		client     *OAuthClient // nil: the default public client
		acceptForm bool         // the server refuses Basic
		wantBasic  bool
		wantForm   bool
		wantErr    error
		wantCalls  int
	}{
		{name: "public client", wantCalls: 1},
		{name: "basic", client: &OAuthClient{ID: "acme desktop", Secret: secret, Auth: ClientAuthBasic}, wantBasic: true, wantCalls: 1},
		{name: "form", client: &OAuthClient{ID: "acme desktop", Secret: secret, Auth: ClientAuthForm}, acceptForm: true, wantForm: true, wantCalls: 1},
		{name: "auto, basic works", client: &OAuthClient{ID: "acme desktop", Secret: secret}, wantBasic: true, wantCalls: 1},
		{name: "auto, falls back to form", client: &OAuthClient{ID: "acme desktop", Secret: secret}, acceptForm: true, wantForm: true, wantCalls: 2},
		{name: "basic refused", client: &OAuthClient{ID: "acme desktop", Secret: secret, Auth: ClientAuthBasic}, acceptForm: true, wantErr: ErrUnauthorized, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakePlatform(t)
			rt := mintOpaque("rt_")
			calls := 0
			f.mux.HandleFunc("POST /auth/revoke", func(w http.ResponseWriter, r *http.Request) {
				calls++
				_ = r.ParseForm()
				if r.PostForm.Get("token") != rt {
					t.Errorf("token not sent")
				}
				user, pass, basic := r.BasicAuth()
				id := ClientID
				if tt.client != nil {
					id = tt.client.ID
				}
				switch {
				case basic && !tt.acceptForm:
					u, _ := url.QueryUnescape(user)
					p, _ := url.QueryUnescape(pass)
					if u != id || p != secret.Reveal() || r.PostForm.Has("client_secret") {
						t.Errorf("Basic credentials are not the form-encoded client ID and secret")
					}
					w.WriteHeader(200)
				case !basic && r.PostForm.Get("client_id") == id && (tt.client == nil || r.PostForm.Get("client_secret") == secret.Reveal()):
					if tt.client == nil && r.PostForm.Has("client_secret") {
						t.Error("the public client sent a secret")
					}
					w.WriteHeader(200)
				default:
					// A platform that echoes what it got: the secret must
					// still not reach the error.
					writeJSON(w, 401, map[string]string{"error": "invalid_client", "error_description": "Bad client " + secret.Reveal()})
				}
			})
			var opts []Option
			if tt.client != nil {
				opts = append(opts, WithOAuthClient(*tt.client))
			}
			err := f.client(t, opts...).RevokeToken(t.Context(), rt, "refresh_token")
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("RevokeToken = %v, want %v", err, tt.wantErr)
			}
			if err != nil && strings.Contains(fmt.Sprintf("%v %+v", err, err), secret.Reveal()) {
				t.Errorf("the error repeats the secret: %v", err)
			}
			if calls != tt.wantCalls {
				t.Errorf("%d calls, want %d", calls, tt.wantCalls)
			}
		})
	}
}
