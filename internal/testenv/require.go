package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// RequireSecretService fails t unless the test runs against the throw-away
// Secret Service of RunWithSecretService. When a program it needs is not
// installed, it skips t saying which (or fails, with IOBEYA_REQUIRE_SECRET_SERVICE=1).
func RequireSecretService(t testing.TB) {
	t.Helper()
	switch stage := os.Getenv(EnvStage); {
	case stage == stageInside:
		return
	case strings.HasPrefix(stage, stageMissing):
		prog := strings.TrimPrefix(stage, stageMissing)
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("no Secret Service to test against: %s is not installed (%s=1 requires it)", prog, EnvRequire)
		}
		t.Skipf("skipped: no Secret Service to test against, %s is not installed (on Debian or Ubuntu: apt-get install dbus gnome-keyring)", prog)
	case strings.HasPrefix(stage, stageBroken):
		t.Fatalf("the test Secret Service did not start: %s", strings.TrimPrefix(stage, stageBroken))
	default:
		t.Fatal("this test needs the real Secret Service: call testenv.RunWithSecretService(m) from TestMain")
	}
}

// Root returns the throw-away directory RunWithSecretService made: HOME is
// Root/home, XDG_RUNTIME_DIR Root/run and TMPDIR Root/tmp. Tests scan it
// to prove a secret was written nowhere in plain text.
func Root(t testing.TB) string {
	t.Helper()
	RequireSecretService(t)
	root := os.Getenv(EnvRoot)
	if root == "" {
		t.Fatalf("%s is not set", EnvRoot)
	}
	return root
}

// ThrowAwayHome points HOME, the XDG base directories (and on Windows
// APPDATA and LOCALAPPDATA) at a fresh temporary directory for the rest of
// the test, and returns it. Go's caches keep pointing at the real ones,
// and XDG_RUNTIME_DIR and the D-Bus session are left alone, so the
// keychain stays reachable. Like t.Setenv, it cannot be used in parallel
// tests.
func ThrowAwayHome(t testing.TB) string {
	t.Helper()
	home := t.TempDir()
	for k, v := range goEnv() {
		t.Setenv(k, v)
	}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, ".local", "state"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	if runtime.GOOS == "windows" {
		t.Setenv("USERPROFILE", home)
		t.Setenv("APPDATA", filepath.Join(home, "AppData", "Roaming"))
		t.Setenv("LOCALAPPDATA", filepath.Join(home, "AppData", "Local"))
	}
	return home
}
