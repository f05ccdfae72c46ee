package companion

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// writeMachineConfig writes IT's file with mode 0644 and returns its path.
func writeMachineConfig(t *testing.T, m map[string]any) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.json")
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	return path
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// A platform with the public facts only and only the client IT
// registered (with a secret and an exact port): the file's client signs
// in, the user's settings cannot override the file, and the secret is
// never written to the settings or the log.
func TestMachineConfigSignsInAsITsClient(t *testing.T) {
	secret := "cs-" + rand.Text()
	port := freePort(t)
	e := newEnv(t, publicFactsOnly, func(s *sandbox.Config, _ *Config) {
		s.ConfidentialClientID, s.ClientSecret, s.NoPublicClient, s.ClientRedirectPort = "acme-desktop", secret, true, port
	})
	path := writeMachineConfig(t, map[string]any{
		"platform": e.srv.URL(), "client_id": "acme-desktop", "client_secret": secret, "redirect_port": port,
	})
	// The user's own settings try another platform and client.
	if err := os.WriteFile(filepath.Join(e.dir, settingsFile), []byte(`{"platform":"https://other.iobeya.com","clientId":"mine","redirectPort":1234}`), 0o600); err != nil {
		t.Fatal(err)
	}
	core, err := New(Config{SettingsDir: e.dir, MachineConfigPath: path, Keychain: e.kc, Opener: e.opener, Now: e.clock.Now, Log: e.log})
	if err != nil {
		t.Fatal(err)
	}
	if s := core.Settings(); s.Platform != e.srv.URL() || s.ClientID != "" || s.RedirectPort != 0 {
		t.Fatalf("the user's settings won over IT's file: %+v", s)
	}
	info, err := core.OAuthClient(context.Background())
	if err != nil || !info.SetByIT || !info.PlatformByIT || info.ID != "acme-desktop" || !info.HasSecret || info.RedirectPort != port {
		t.Fatalf("OAuthClient: %+v, %v", info, err)
	}
	acct, err := core.Login(context.Background(), LoginOptions{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	// No /v1/me and an opaque access token: signed in, without a name.
	if acct.Email != AccountUnnamed {
		t.Errorf("account %q", acct.Email)
	}
	if err := core.UpdateSettings(func(s *Settings) { s.Platform, s.ClientID = "https://other.iobeya.com", "mine" }); err != nil {
		t.Fatal(err)
	}
	if s := core.Settings(); s.Platform != e.srv.URL() || s.ClientID != "" {
		t.Errorf("UpdateSettings overrode IT's file: %+v", s)
	}
	if err := core.SetPlatform(context.Background(), "https://other.iobeya.com", false); !errors.Is(err, ErrSetByIT) {
		t.Errorf("SetPlatform: %v", err)
	}
	if err := core.SetOAuthClient(context.Background(), "mine", "", 0); !errors.Is(err, ErrSetByIT) {
		t.Errorf("SetOAuthClient: %v", err)
	}
	testenv.AssertNotInDir(t, e.dir, secret)
	if strings.Contains(e.log.String(), secret) {
		t.Error("the log holds the client secret")
	}
}

func TestMachineConfigRefused(t *testing.T) {
	secret := "cs-" + rand.Text()
	tests := []struct {
		name string
		body string
		mode os.FileMode
		want string
	}{
		{"not JSON", `{"client_id": "a", "client_secret": "` + secret + `"`, 0o644, "not valid JSON"},
		{"an unknown key", `{"client_id": "a", "clientSecret": "` + secret + `"}`, 0o644, "not valid JSON"},
		{"a secret without a client", `{"client_secret": "` + secret + `"}`, 0o644, "without a client_id"},
		{"not a platform", `{"platform": "ftp://x"}`, 0o644, "platform"},
		{"a bad port", `{"redirect_port": 70000}`, 0o644, "port"},
		{"a bad client_auth", `{"client_id": "a", "client_auth": "jwt"}`, 0o644, "client_auth"},
		{"writable by everyone", `{"client_id": "a", "client_secret": "` + secret + `"}`, 0o666, "every user may change it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			if err := os.WriteFile(path, []byte(tt.body), tt.mode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
			_, err := New(Config{SettingsDir: t.TempDir(), MachineConfigPath: path, Keychain: mockKeychain(t)})
			var me *MachineConfigError
			if !errors.As(err, &me) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New: %v, want a MachineConfigError saying %q", err, tt.want)
			}
			p := Explain(err)
			if strings.Contains(err.Error()+p.Message+p.NextStep, secret) {
				t.Error("the message quotes the secret")
			}
			if !strings.Contains(p.Message, path) || p.NextStep == "" {
				t.Errorf("explained as %+v", p)
			}
		})
	}
}

// A client ID the user enters lives in the settings; its secret only in
// the keychain, read back; sign-in then uses both.
func TestUserEnteredOAuthClient(t *testing.T) {
	secret := "cs-" + rand.Text()
	e := newEnv(t, func(s *sandbox.Config, _ *Config) {
		s.ConfidentialClientID, s.ClientSecret, s.NoPublicClient = "acme-desktop", secret, true
	})
	if err := e.core.SetOAuthClient(context.Background(), "acme-desktop", client.ClientSecret("wrong-"+secret), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := e.core.Login(context.Background(), LoginOptions{Timeout: 5 * time.Second}); err == nil {
		t.Fatal("signed in with a wrong secret")
	}
	if err := e.core.SetOAuthClient(context.Background(), "acme-desktop", client.ClientSecret(secret), 0); err != nil {
		t.Fatal(err)
	}
	info, err := e.core.OAuthClient(context.Background())
	if err != nil || info.SetByIT || info.ID != "acme-desktop" || !info.HasSecret {
		t.Fatalf("OAuthClient: %+v, %v", info, err)
	}
	if acct := e.login(); acct.Email != "alice@example.com" {
		t.Errorf("signed in as %q", acct.Email)
	}
	if got, err := e.kc.Get(context.Background(), e.service(), clientSecretAccount("acme-desktop")); err != nil || got != secret {
		t.Errorf("the keychain does not hold the secret: %v", err)
	}
	testenv.AssertNotInDir(t, e.dir, secret)
	if strings.Contains(e.log.String(), secret) {
		t.Error("the log holds the client secret")
	}
	// Back to the default client: the secret leaves the keychain.
	if err := e.core.SetOAuthClient(context.Background(), "", "", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := e.kc.Get(context.Background(), e.service(), clientSecretAccount("acme-desktop")); err == nil {
		t.Error("the secret stayed in the keychain")
	}
}

// Doctor says what IT's file sets, for IT support, without the secret.
func TestDoctorShowsTheMachineConfig(t *testing.T) {
	secret := "cs-" + rand.Text()
	path := writeMachineConfig(t, map[string]any{"client_id": "acme-desktop", "client_secret": secret, "redirect_port": 53682})
	core, err := New(Config{SettingsDir: t.TempDir(), MachineConfigPath: path, Keychain: mockKeychain(t)})
	if err != nil {
		t.Fatal(err)
	}
	var line string
	for _, f := range core.Doctor(context.Background()).Findings {
		if f.Topic == "IT configuration" {
			line = f.Detail
		}
	}
	if !strings.Contains(line, "OAuth client acme-desktop with a secret") || !strings.Contains(line, "53682") || strings.Contains(line, secret) {
		t.Errorf("doctor: %q", line)
	}
}
