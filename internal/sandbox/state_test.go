package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestStateSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sandbox-state.json")
	clock := newClock()
	first, err := Start(Config{StateFile: path, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	tr := session(t, first)
	pc := mustCreatePAT(t, first, tr.AccessToken)
	clock.Advance(time.Minute)
	if a := me(t, first, pc.Token); a.status != http.StatusOK {
		t.Fatalf("/v1/me before restart: %d", a.status)
	}
	revoked := session(t, first) // a session revoked before the restart stays revoked
	postForm(t, first.URL()+"/s/oauth/revoke", map[string][]string{"token": {revoked.RefreshToken}, "client_id": {ClientID}})
	kid := first.key.kid
	addr := strings.TrimPrefix(first.URL(), "http://")
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind in the directory: %v", entries)
	}
	data, _ := os.ReadFile(path)
	for name, secret := range map[string]string{"PAT": pc.Token, "access token": tr.AccessToken, "refresh token": tr.RefreshToken} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the state file holds the %s itself", name)
		}
	}

	// Same address: the PAT names the platform as its issuer.
	second := start(t, Config{Addr: addr, StateFile: path, Now: clock.Now})
	if second.key.kid != kid {
		t.Error("the signing key changed across the restart")
	}
	if a := me(t, second, pc.Token); a.status != http.StatusOK {
		t.Errorf("/v1/me after restart: %d %s", a.status, a.body)
	}
	meta := getPAT(t, second, tr.AccessToken).json(t)
	if meta["id"] != pc.ID || meta["lastUsedAt"] != "2026-11-27T10:01:00Z" {
		t.Errorf("metadata after restart: %v", meta)
	}
	wantAPIError(t, createPAT(t, second, tr.AccessToken), http.StatusConflict, "conflict")
	decodeTokens(t, refresh(t, second, tr.RefreshToken))
	wantAPIError(t, me(t, second, revoked.AccessToken), http.StatusUnauthorized, "invalid_token")
	wantOAuthError(t, refresh(t, second, revoked.RefreshToken), http.StatusBadRequest, "invalid_grant")

	// A revoke after the restart is saved too.
	do(t, http.MethodDelete, patURL(second), nil, withBearer(tr.AccessToken))
	var f stateFile
	data, _ = os.ReadFile(path)
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.PATs) != 1 || !f.PATs[0].Revoked {
		t.Errorf("saved PATs after revoke: %+v", f.PATs)
	}
}

func TestStateFileIsCreatedAtStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	start(t, Config{StateFile: path})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no state file after Start: %v", err)
	}
	if _, _, err := decodeState(data); err != nil {
		t.Errorf("the fresh state file does not read back: %v", err)
	}
}

func TestDamagedStateFileStopsStart(t *testing.T) {
	// A good file to damage in different ways.
	good := filepath.Join(t.TempDir(), "good.json")
	s := start(t, Config{StateFile: good})
	mustCreatePAT(t, s, session(t, s).AccessToken)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	edited := func(edit func(map[string]any)) string {
		var c map[string]any
		_ = json.Unmarshal(data, &c)
		edit(c)
		b, _ := json.Marshal(c)
		return string(b)
	}
	firstPAT := func(c map[string]any) map[string]any { return c["pats"].([]any)[0].(map[string]any) }
	tests := map[string]string{
		"empty":               "",
		"not JSON":            "this is not a state file",
		"truncated":           string(data[:len(data)/2]),
		"trailing data":       string(data) + "{}",
		"other version":       edited(func(c map[string]any) { c["version"] = 2 }),
		"unknown field":       edited(func(c map[string]any) { c["surprise"] = true }),
		"no key":              edited(func(c map[string]any) { delete(c, "signingKey") }),
		"key not PEM":         edited(func(c map[string]any) { c["signingKey"] = "abc" }),
		"PAT of unknown user": edited(func(c map[string]any) { firstPAT(c)["sub"] = "u_mallory" }),
		"PAT without id":      edited(func(c map[string]any) { firstPAT(c)["id"] = "" }),
		"PAT expiring before issue": edited(func(c map[string]any) {
			firstPAT(c)["expiresAt"] = "2000-01-01T00:00:00Z"
		}),
		"token of unknown session": edited(func(c map[string]any) {
			c["refreshTokens"].([]any)[0].(map[string]any)["grant"] = "nope"
		}),
		"token hash not hex": edited(func(c map[string]any) {
			c["accessTokens"].([]any)[0].(map[string]any)["sha256"] = "zz"
		}),
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Start(Config{StateFile: path})
			if err == nil {
				s.Close()
				t.Fatal("Start accepted a damaged state file")
			}
			if !errors.Is(err, ErrStateDamaged) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q: want ErrStateDamaged naming the file", err)
			}
			if after, _ := os.ReadFile(path); string(after) != content {
				t.Error("the damaged file was overwritten")
			}
		})
	}
}

func TestUnreadableStateFile(t *testing.T) {
	dir := t.TempDir() // a directory where a file is expected
	if _, err := Start(Config{StateFile: dir}); err == nil {
		t.Fatal("Start accepted a directory as its state file")
	}
}

func TestStateSaveFailureIsLoggedNotFatal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "state.json")
	if err := os.Mkdir(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	var log testenv.SyncBuffer
	s := start(t, Config{StateFile: path, Log: &log})
	at := session(t, s).AccessToken
	if err := os.RemoveAll(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	mustCreatePAT(t, s, at) // still works from memory
	if !strings.Contains(log.String(), "save the state file") {
		t.Errorf("the failed save was not logged:\n%s", log.String())
	}
}

// TestStateKeepsTheClient: a session survives a restart with the client it
// was issued to; a file written before clients were recorded gives its
// sessions to the public client.
func TestStateKeepsTheClient(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	cfg := confidentialConfig()
	cfg.StateFile = path
	first, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	auth := basic(confidentialID, testSecret())
	conf := decodeTokens(t, postToken(t, first, codeForm(confidentialCode(t, first, testRedirect)), auth))
	pub := session(t, first)
	cfg.Addr = strings.TrimPrefix(first.URL(), "http://")
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), testSecret()) {
		t.Error("the state file holds the client secret")
	}
	// Make the public client's grant look like an older file's.
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	for _, g := range f["grants"].([]any) {
		if g := g.(map[string]any); g["clientId"] == ClientID {
			delete(g, "clientId")
		}
	}
	data, _ = json.Marshal(f)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}

	second := start(t, cfg)
	wantOAuthError(t, refresh(t, second, conf.RefreshToken), http.StatusBadRequest, "invalid_grant")
	decodeTokens(t, refresh(t, second, pub.RefreshToken))
	decodeTokens(t, postToken(t, second, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {conf.RefreshToken}}, auth))
}
