package clitest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/cli"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// runIn runs the command line in process with stdin as standard input.
func (e *env) runIn(stdin string, args ...string) result {
	e.t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), args, cli.IO{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Env: os.Getenv, Version: "clitest", Core: e.core,
	})
	r := result{out.String(), errb.String(), code}
	e.secrets.printed(r)
	return r
}

// itFile writes IT's machine-wide file in a folder of its own, readable by
// all and writable by its owner only, and points the command line at it.
func (e *env) itFile(m map[string]any) {
	e.t.Helper()
	dir := e.t.TempDir()
	path := filepath.Join(dir, "config.json")
	data, err := json.Marshal(m)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		e.t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.core.MachineConfigPath = path
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

// publicFactsOnly is a sandbox shaped like a real platform: no discovery,
// no token API, no /v1/me, and only the OAuth client its administrator
// registered, with a secret and an exact redirect port.
func publicFactsOnly(secret string, port int) sandbox.Config {
	return sandbox.Config{
		NoDiscovery: true, NoPATAPI: true, NoMe: true,
		ConfidentialClientID: "acme-desktop", ClientSecret: secret, NoPublicClient: true, ClientRedirectPort: port,
	}
}

func statusJSON(t *testing.T, r result) map[string]any {
	t.Helper()
	var j map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
		t.Fatalf("status --json: %v\n%s", err, r)
	}
	return j
}

// The seed flow on a platform with only the public facts: sign in as the
// confidential client IT deployed (secret from the machine-wide file),
// bring in a token generated in the web app, check it, hand it out, and
// revoke it the web-page way. The client secret and the token appear in
// no output, log or file of the user's.
func TestSeedFlowOnAPlatformWithOnlyThePublicFacts(t *testing.T) {
	secret := "cs-" + rand.Text()
	port := freePort(t)
	e := newEnv(t, publicFactsOnly(secret, port))
	e.secrets.add("client secret", secret)
	e.itFile(map[string]any{"platform": e.srv.URL(), "client_id": "acme-desktop", "client_secret": secret, "redirect_port": port})

	// The user's own attempt to use another client is refused: IT set it.
	if r := e.runIn("", "login", "--client-id", "mine"); r.code != cli.ExitError || !strings.Contains(r.stderr, "IT department") {
		t.Fatalf("login --client-id over IT's file: %s", r)
	}
	r := e.must("--verbose", "login")
	if !strings.Contains(r.stdout, "Signed in on "+e.host()) {
		t.Errorf("login: %s", r)
	}
	e.secrets.printed(r)

	web := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice")
	raw := web.Generate()
	e.secrets.add("token", raw)
	if r := e.runIn(raw+"\n", "--verbose", "import"); r.code != 0 || !strings.Contains(r.stdout, "Kept your token") {
		t.Fatalf("import: %s", r)
	}
	r = e.must("status", "--json")
	if j := statusJSON(t, r); j["state"] != "valid" || j["checkedWithServer"] != true {
		t.Errorf("status --json: %s", r.stdout)
	}
	r = e.must("header")
	e.secrets.askedFor(r.stdout)
	if r.stdout != "Bearer "+raw {
		t.Error("header does not print the token")
	}

	// Revoke: the copy stays until the platform refuses the token.
	if r := e.run("revoke", "--yes"); r.code != cli.ExitError || !strings.Contains(r.stderr, "still accepts") {
		t.Fatalf("revoke before the web app's revoke: %s", r)
	}
	web.Revoke()
	if r := e.run("revoke", "--yes"); r.code != 0 {
		t.Fatalf("revoke after the web app's revoke: %s", r)
	}
	if r := e.run("status", "--json"); statusJSON(t, r)["state"] != "none" {
		t.Errorf("after revoke: %s", r.stdout)
	}

	// The leak check reads the settings file: make sure it is there.
	dir, err := companion.DefaultSettingsDir()
	if err != nil || !strings.HasPrefix(dir, e.home) {
		t.Fatalf("the settings folder %q is not under the throw-away home: %v", dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "settings.json")); err != nil {
		t.Fatal(err)
	}
	e.secrets.check(t, []string{"client secret", "token"}, e.home)
}

// A user without a client from IT signs in with the one their
// administrator gave them: the secret comes from standard input, never an
// argument, and lives in the keychain only.
func TestLoginWithAClientFromStandardInput(t *testing.T) {
	secret := "cs-" + rand.Text()
	port := freePort(t)
	e := newEnv(t, publicFactsOnly(secret, port))
	e.secrets.add("client secret", secret)
	e.core.MachineConfigPath = filepath.Join(t.TempDir(), "none.json")
	r := e.runIn(secret+"\n", "--verbose", "login", "--platform", e.srv.URL(), "--client-id", "acme-desktop", "--client-secret-stdin", "--redirect-port", strconv.Itoa(port))
	if r.code != 0 {
		t.Fatalf("login: %s", r)
	}
	// Next time, the kept client and its secret from the keychain.
	if r := e.run("--verbose", "login"); r.code != 0 {
		t.Fatalf("second login: %s", r)
	}
	e.secrets.check(t, []string{"client secret"}, e.home)
}

// A token without API access (403) is kept, with its own state and exit
// code; a token of another platform, or one the platform refuses, is not.
func TestImportStates(t *testing.T) {
	e := newEnv(t, sandbox.Config{NoDiscovery: true, NoPATAPI: true, NoMe: true})
	e.core.MachineConfigPath = filepath.Join(t.TempDir(), "none.json")
	e.itFile(map[string]any{"platform": e.srv.URL()})

	other := testenv.SignedJWT(t, jwt.MapClaims{"iss": "https://other.iobeya.com", "sub": "u_carol", "exp": time.Now().Add(time.Hour).Unix()})
	if r := e.runIn(other, "import"); r.code != cli.ExitError || !strings.Contains(r.stderr, "not a personal access token of your platform") {
		t.Errorf("another platform's token: %s", r)
	}
	web := testenv.SignInOnWeb(t, e.srv.URL(), "carol@example.com", "demo-carol")
	revoked := web.Generate()
	web.Revoke()
	if r := e.runIn(revoked, "import"); r.code != cli.ExitError || !strings.Contains(r.stderr, "does not accept this token") {
		t.Errorf("a revoked token: %s", r)
	}
	raw := web.Generate()
	e.secrets.add("token", raw)
	if r := e.runIn(raw, "import"); r.code != 0 || !strings.Contains(r.stdout, "No API access") {
		t.Fatalf("import: %s", r)
	}
	r := e.run("status", "--json")
	if j := statusJSON(t, r); r.code != cli.ExitNoAccess || j["state"] != "no-api-access" || j["account"] != "carol@example.com" {
		t.Errorf("status --json: exit %d %s", r.code, r.stdout)
	}
	r = e.run("status")
	if r.code != cli.ExitNoAccess || !strings.Contains(r.stdout, "No API access") || !strings.Contains(r.stdout, "administrator") {
		t.Errorf("status: %s", r)
	}
	e.secrets.check(t, []string{"token"}, e.home)
}

// A brought-in token that no longer works points at the web app, not at
// generate.
func TestStatusHintForABroughtInToken(t *testing.T) {
	e := newEnv(t, sandbox.Config{NoDiscovery: true, NoPATAPI: true, NoMe: true})
	e.itFile(map[string]any{"platform": e.srv.URL()})
	web := testenv.SignInOnWeb(t, e.srv.URL(), "alice@example.com", "demo-alice")
	raw := web.Generate()
	e.secrets.add("token", raw)
	if r := e.runIn(raw, "import"); r.code != 0 {
		t.Fatalf("import: %s", r)
	}
	web.Revoke()
	r := e.run("status")
	if r.code != cli.ExitExpired || !strings.Contains(r.stdout, "iobeya-token import") {
		t.Errorf("status: %s", r)
	}
	e.secrets.check(t, []string{"token"}, e.home)
}
