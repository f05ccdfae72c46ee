// Package testenv gives tests a real, throw-away Secret Service, a
// throw-away home directory and X display, and token-shaped strings made
// at run time. It is for tests only: no production code imports it.
//
// A package whose tests need the real keychain does:
//
//	func TestMain(m *testing.M) { testenv.RunWithSecretService(m) }
//
//	func TestSomething(t *testing.T) {
//		testenv.RequireSecretService(t)
//		…
//	}
//
// RunWithSecretService re-runs the test binary inside `dbus-run-session`
// with HOME, the XDG directories and TMPDIR in a fresh directory, and an
// unlocked `gnome-keyring-daemon` serving org.freedesktop.secrets on that
// private session bus. Nothing touches the user's own keychain or home.
//
// The Windows programs run under Wine (wine.go): WindowsBuild builds them
// once per test process, NewWine makes a throw-away prefix, and Wine.Run
// or Wine.Command runs one as a Windows user would.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Environment variables that carry the harness's state into the re-run
// test binary and its subprocesses.
const (
	// EnvStage is "session" while the keychain is being started,
	// "inside" once it runs, "missing:<program>" when a program is not
	// installed, "broken:<reason>" when starting it failed.
	EnvStage = "IOBEYA_TESTENV_SECRET_SERVICE"
	// EnvRoot is the throw-away directory holding home, run and tmp.
	EnvRoot = "IOBEYA_TESTENV_ROOT"
	// EnvRequire, set to 1 (as CI does), turns a missing program into a
	// failure instead of a skip.
	EnvRequire = "IOBEYA_REQUIRE_SECRET_SERVICE"
)

const (
	stageSession = "session"
	stageInside  = "inside"
	stageMissing = "missing:"
	stageBroken  = "broken:"
)

// programs the harness needs, in the order it looks for them.
var programs = []string{"dbus-run-session", "gnome-keyring-daemon"}

// RunWithSecretService runs m inside a private D-Bus session with a real,
// unlocked Secret Service and a throw-away home, and exits with the tests'
// exit code. Call it from TestMain. When a program it needs is missing the
// tests run anyway and RequireSecretService skips, naming the program.
func RunWithSecretService(m *testing.M) {
	switch stage := os.Getenv(EnvStage); {
	case stage == stageSession:
		os.Exit(runSession(m))
	case stage == stageInside, strings.HasPrefix(stage, stageMissing), strings.HasPrefix(stage, stageBroken):
		os.Exit(m.Run())
	}
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			os.Setenv(EnvStage, stageMissing+p)
			os.Exit(m.Run())
		}
	}
	os.Exit(reexec())
}

// reexec runs this test binary again under dbus-run-session with a fresh
// home, and returns its exit code.
func reexec() int {
	root, err := os.MkdirTemp("", "iobeya-testenv-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	defer os.RemoveAll(root)
	env, err := isolatedEnv(root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	cmd := exec.Command("dbus-run-session", append([]string{"--", self}, os.Args[1:]...)...)
	cmd.Env = append(env, EnvStage+"="+stageSession, EnvRoot+"="+root)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err = cmd.Run()
	if cmd.ProcessState != nil && cmd.ProcessState.ExitCode() >= 0 {
		return cmd.ProcessState.ExitCode()
	}
	fmt.Fprintln(os.Stderr, "testenv: dbus-run-session:", err)
	return 1
}

// isolatedEnv is the current environment with HOME, the XDG directories
// and TMPDIR moved under root, and Go's caches left where they are (a
// fresh build cache would cost minutes).
func isolatedEnv(root string) ([]string, error) {
	home, run, tmp := filepath.Join(root, "home"), filepath.Join(root, "run"), filepath.Join(root, "tmp")
	for _, d := range []string{home, run, tmp} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return nil, err
		}
	}
	set := map[string]string{
		"HOME":            home,
		"XDG_CONFIG_HOME": filepath.Join(home, ".config"),
		"XDG_DATA_HOME":   filepath.Join(home, ".local", "share"),
		"XDG_STATE_HOME":  filepath.Join(home, ".local", "state"),
		"XDG_CACHE_HOME":  filepath.Join(home, ".cache"),
		"XDG_RUNTIME_DIR": run,
		"TMPDIR":          tmp,
	}
	for k, v := range goEnv() {
		set[k] = v
	}
	return withEnv(os.Environ(), set), nil
}

// withEnv returns env with the variables of set replaced or added.
func withEnv(env []string, set map[string]string) []string {
	out := make([]string, 0, len(env)+len(set))
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := set[k]; !ok {
			out = append(out, kv)
		}
	}
	for k, v := range set {
		out = append(out, k+"="+v)
	}
	return out
}

var goEnvOnce = sync.OnceValue(func() map[string]string {
	vars := []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOENV"}
	env := map[string]string{}
	// `go test` puts GOROOT/bin first on PATH, so this is the go in use.
	if out, err := exec.Command("go", append([]string{"env"}, vars...)...).Output(); err == nil {
		lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
		for i, v := range vars {
			if i < len(lines) && lines[i] != "" && lines[i] != "off" {
				env[v] = lines[i]
			}
		}
		return env
	}
	// No go command: keep whatever is set, and the defaults that hang off
	// the real home.
	for _, v := range vars {
		if s := os.Getenv(v); s != "" {
			env[v] = s
		}
	}
	if _, ok := env["GOCACHE"]; !ok {
		if dir, err := os.UserCacheDir(); err == nil {
			env["GOCACHE"] = filepath.Join(dir, "go-build")
		}
	}
	if _, ok := env["GOPATH"]; !ok {
		if dir, err := os.UserHomeDir(); err == nil {
			env["GOPATH"] = filepath.Join(dir, "go")
		}
	}
	return env
})

// goEnv returns where Go keeps its caches for the real user.
func goEnv() map[string]string { return goEnvOnce() }
