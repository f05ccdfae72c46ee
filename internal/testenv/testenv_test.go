package testenv

import (
	"context"
	"encoding/base64"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

func TestMain(m *testing.M) {
	// TestFailOnPurpose runs only inside TestExitCodePropagates; in any
	// other run it is left out (not reported as skipped).
	if os.Getenv(envFailOnPurpose) != "1" {
		flag.Parse()
		_ = flag.Set("test.skip", "^TestFailOnPurpose$")
	}
	RunWithSecretService(m)
}

// envFailOnPurpose makes TestFailOnPurpose fail, for the exit-code test.
const envFailOnPurpose = "IOBEYA_TESTENV_FAIL_ON_PURPOSE"

func TestFailOnPurpose(t *testing.T) {
	t.Error("failing on purpose")
}

func TestDirectoriesAreThrowAway(t *testing.T) {
	root := Root(t)
	for _, v := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "TMPDIR"} {
		if dir := os.Getenv(v); !strings.HasPrefix(dir, root+string(filepath.Separator)) {
			t.Errorf("%s = %q, want it under %q", v, dir, root)
		}
	}
	for k, want := range goEnv() {
		if got := os.Getenv(k); got != want {
			t.Errorf("%s = %q, want the real %q", k, got, want)
		}
		if strings.HasPrefix(want, root) {
			t.Errorf("%s = %q points into the throw-away directory", k, want)
		}
	}
	if _, ok := goEnv()["GOCACHE"]; !ok {
		t.Error("GOCACHE is not kept")
	}
}

// TestSecretServiceIsUnlocked talks to the daemon over D-Bus directly: the
// default collection exists and is unlocked, so no prompt can ever appear.
func TestSecretServiceIsUnlocked(t *testing.T) {
	RequireSecretService(t)
	conn, err := dbus.SessionBusPrivate()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		t.Fatal(err)
	}
	if err := conn.Hello(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	obj := conn.Object("org.freedesktop.secrets", "/org/freedesktop/secrets/aliases/default")
	var locked bool
	if err := obj.CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, "org.freedesktop.Secret.Collection", "Locked").Store(&locked); err != nil {
		t.Fatalf("reading the default collection: %v", err)
	}
	if locked {
		t.Error("the default collection is locked")
	}
}

func TestThrowAwayHome(t *testing.T) {
	before := os.Getenv("HOME")
	home := ThrowAwayHome(t)
	if home == before {
		t.Fatalf("HOME did not change from %q", before)
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(cfg, home) {
		t.Errorf("os.UserConfigDir() = %q, want it under %q", cfg, home)
	}
	if got, want := os.Getenv("GOCACHE"), goEnv()["GOCACHE"]; got != want || strings.HasPrefix(got, home) {
		t.Errorf("GOCACHE = %q, want the real %q", got, want)
	}
}

// rerun runs this test binary again from scratch (as `go test` would),
// with env added, and returns its combined output and exit code.
func rerun(t *testing.T, run string, env map[string]string) (string, int) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, "-test.run=^"+run+"$", "-test.v")
	set := map[string]string{EnvStage: "", EnvRoot: "", EnvRequire: ""}
	for k, v := range env {
		set[k] = v
	}
	cmd.Env = withEnv(os.Environ(), set)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("%s did not finish: %v\n%s", run, ctx.Err(), out)
	}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running %s: %v", run, err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}

func TestExitCodePropagates(t *testing.T) {
	RequireSecretService(t)
	out, code := rerun(t, "TestFailOnPurpose", map[string]string{envFailOnPurpose: "1"})
	if code != 1 || !strings.Contains(out, "failing on purpose") {
		t.Errorf("exit code %d, want 1; output:\n%s", code, out)
	}
	out, code = rerun(t, "TestDirectoriesAreThrowAway", nil)
	if code != 0 || !strings.Contains(out, "--- PASS: TestDirectoriesAreThrowAway") {
		t.Errorf("exit code %d, want 0; output:\n%s", code, out)
	}
}

func TestMissingProgramSkipsAndSaysWhich(t *testing.T) {
	empty := t.TempDir() // a PATH where nothing can be found
	tests := []struct {
		name    string
		require string
		code    int
		want    string
	}{
		{"skip", "", 0, "--- SKIP: TestDirectoriesAreThrowAway"},
		{"required", "1", 1, "--- FAIL: TestDirectoriesAreThrowAway"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, code := rerun(t, "TestDirectoriesAreThrowAway", map[string]string{"PATH": empty, EnvRequire: tt.require})
			if code != tt.code || !strings.Contains(out, tt.want) || !strings.Contains(out, "dbus-run-session is not installed") {
				t.Errorf("exit code %d, want %d, %q and the missing program named; output:\n%s", code, tt.code, tt.want, out)
			}
		})
	}
}

func TestFakeJWT(t *testing.T) {
	a, b := FakeJWT(`{"sub":"u_alice"}`), FakeJWT(`{"sub":"u_alice"}`)
	parts := strings.Split(a, ".")
	if len(parts) != 3 || !strings.HasPrefix(a, "eyJ") {
		t.Fatalf("not shaped like a JWT: %d parts", len(parts))
	}
	claims, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || string(claims) != `{"sub":"u_alice"}` {
		t.Fatalf("claims %q, %v", claims, err)
	}
	if a == b {
		t.Fatal("two fake tokens are the same: the signature part is not random")
	}
}
