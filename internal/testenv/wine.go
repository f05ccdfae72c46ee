package testenv

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The Windows programs WindowsBuild makes, by file name. The console twin
// is the app's own main built for the console subsystem: `cmd` runs
// iobeya-token.com before iobeya-token.exe and waits for it.
const (
	WinApp     = "iobeya-token.exe"      // the app, GUI subsystem (-H windowsgui)
	WinConsole = "iobeya-token.com"      // the same main, console subsystem
	WinTray    = "iobeya-token-tray.exe" // the tray program
	WinSandbox = "iobeya-sandbox.exe"    // the sandbox platform
)

// winTargets says how each program is built: its package, whether it needs
// cgo (Fyne does), and its link flags.
var winTargets = map[string]struct {
	pkg     string
	cgo     bool
	ldflags string
}{
	WinApp:     {"./cmd/iobeya-token", true, "-H=windowsgui"},
	WinConsole: {"./cmd/iobeya-token", true, ""},
	WinTray:    {"./cmd/iobeya-token-tray", false, ""},
	WinSandbox: {"./cmd/iobeya-sandbox", false, ""},
}

// mingwCC is the MinGW C compiler that builds Fyne's cgo parts and the
// test-only DLL.
const mingwCC = "x86_64-w64-mingw32-gcc"

// winBuildWithin bounds one cold build: Fyne's cgo parts for Windows take
// 10–20 minutes on two cores, seconds once Go's cache has them.
const winBuildWithin = 30 * time.Minute

// winBuilds holds each program's build, made once per test process.
var winBuilds struct {
	mu   sync.Mutex
	done map[string]error
}

// WindowsBuild builds the named Windows programs (WinApp, WinConsole,
// WinTray, WinSandbox) for amd64, each once per test process, into one
// folder, and returns that folder: the app finds the tray program next to
// itself, as when installed. The builds go through the shared Go cache;
// the folder is kept between runs (next to Go's build cache, one per
// checkout) and each program replaced whole, so test processes running at
// the same time share it. Without MinGW the test is skipped saying so
// (failed with IOBEYA_REQUIRE_SECRET_SERVICE=1, as make test sets).
func WindowsBuild(t testing.TB, names ...string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := cacheDir("windows-" + shortHash([]byte(root)))
	if err != nil {
		t.Fatal(err)
	}
	winBuilds.mu.Lock()
	defer winBuilds.mu.Unlock()
	if winBuilds.done == nil {
		winBuilds.done = map[string]error{}
	}
	for _, name := range names {
		target, ok := winTargets[name]
		if !ok {
			t.Fatalf("WindowsBuild: no program %q", name)
		}
		if target.cgo {
			requireProgram(t, mingwCC, "gcc-mingw-w64-x86-64")
		}
		err, built := winBuilds.done[name]
		if !built {
			err = buildWindows(root, filepath.Join(dir, name), target.pkg, target.cgo, target.ldflags)
			winBuilds.done[name] = err
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// WindowsTest builds the tests of the package in pkg (a module path such
// as "./internal/clipboard", from the module's root) as a Windows program,
// once per test process, and returns it: run it under Wine with
// -test.run. Go's test binaries mostly run there, except t.TempDir's
// clean-up (Wine 8 cannot remove the folder), so pick tests that need none.
func WindowsTest(t testing.TB, pkg string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := cacheDir("windows-" + shortHash([]byte(root)))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, strings.NewReplacer("/", "_", ".", "_").Replace(strings.TrimPrefix(pkg, "./"))+".test.exe")
	winBuilds.mu.Lock()
	defer winBuilds.mu.Unlock()
	if winBuilds.done == nil {
		winBuilds.done = map[string]error{}
	}
	err, built := winBuilds.done[out]
	if !built {
		err = buildWindowsTest(root, out, pkg)
		winBuilds.done[out] = err
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// buildWindowsTest builds pkg's tests for Windows (without cgo) into out,
// through a temporary file renamed at the end.
func buildWindowsTest(root, out, pkg string) error {
	ctx, cancel := context.WithTimeout(context.Background(), winBuildWithin)
	defer cancel()
	tmp := fmt.Sprintf("%s.%d.tmp", out, os.Getpid())
	defer os.Remove(tmp)
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-o", tmp, pkg)
	cmd.Dir = root
	cmd.Env = withEnv(os.Environ(), map[string]string{"GOOS": "windows", "GOARCH": "amd64", "CGO_ENABLED": "0"})
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the tests of %s for Windows: %v\n%s", pkg, err, b)
	}
	return os.Rename(tmp, out)
}

// cacheDir returns a folder of the tests' own next to Go's build cache
// (~/.cache/iobeya-token-tests), made if needed. It stays between runs
// even when RunWithSecretService gave the tests a throw-away home.
func cacheDir(name string) (string, error) {
	base := os.TempDir()
	if gocache := goEnv()["GOCACHE"]; filepath.IsAbs(gocache) {
		base = filepath.Dir(gocache)
	}
	dir := filepath.Join(base, "iobeya-token-tests", name)
	return dir, os.MkdirAll(dir, 0o700)
}

func shortHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

// buildWindows cross-builds pkg of the module in root into out, through
// a temporary file renamed at the end, so a program running from out is
// never half written.
func buildWindows(root, out, pkg string, cgo bool, ldflags string) error {
	ctx, cancel := context.WithTimeout(context.Background(), winBuildWithin)
	defer cancel()
	tmp := fmt.Sprintf("%s.%d.tmp", out, os.Getpid())
	defer os.Remove(tmp)
	args := []string{"build", "-o", tmp}
	if ldflags != "" {
		args = append(args, "-ldflags", ldflags)
	}
	cmd := exec.CommandContext(ctx, "go", append(args, pkg)...)
	cmd.Dir = root
	set := map[string]string{"GOOS": "windows", "GOARCH": "amd64", "CGO_ENABLED": "0"}
	if cgo {
		set["CGO_ENABLED"], set["CC"] = "1", mingwCC
	}
	cmd.Env = withEnv(os.Environ(), set)
	start := time.Now()
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s for Windows: %v\n%s", pkg, err, b)
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "testenv: built %s for Windows in %s\n", filepath.Base(out), time.Since(start).Round(time.Second))
	return nil
}

// moduleRoot is the folder of this module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("go env GOMOD: not inside the module")
	}
	return filepath.Dir(mod), nil
}

// requireProgram skips t when prog is not installed, naming the Debian
// package; with IOBEYA_REQUIRE_SECRET_SERVICE=1 (make test, CI) it fails,
// since scripts/setup.sh installs it there.
func requireProgram(t testing.TB, prog, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(prog); err == nil {
		return
	}
	if os.Getenv(EnvRequire) == "1" {
		t.Fatalf("%s is not installed (%s=1 requires it; scripts/setup.sh installs %s)", prog, EnvRequire, pkg)
	}
	t.Skipf("skipped: %s is not installed (on Debian or Ubuntu: apt-get install %s, or run scripts/setup.sh)", prog, pkg)
}

// Wine is a throw-away Wine prefix, a Windows user's machine for one test:
// its own registry (where Wine keeps the Credential Manager), its own
// user profile (%APPDATA%, %LOCALAPPDATA%) and its own wineserver, ended
// with the test.
type Wine struct {
	// Prefix is the prefix's folder (WINEPREFIX); drive C: is
	// Prefix/drive_c.
	Prefix string
	loader string   // the wine64 loader
	server string   // wineserver
	tmp    string   // TMPDIR, where the wineserver's folder is
	env    []string // what every program gets, Setenv adds to it
}

//go:embed winprng/bcryptprimitives.c
var prngSource []byte

//go:embed winprng/bcryptprimitives.def
var prngDef []byte

// wineTemplate is the prefix NewWine copies, made once per Wine version
// and kept in the user's cache folder: `wineboot` takes about 10 s, a copy
// well under one.
var wineTemplate struct {
	mu     sync.Mutex
	prefix string
	err    error
}

// NewWine makes a fresh Wine prefix for t, with the test-only
// bcryptprimitives.dll that Go programs need under Wine 8, and ends its
// wineserver when t ends. Programs run with WINEDEBUG=-all, a HOME of
// their own and no DISPLAY (Setenv("DISPLAY=…") gives them one). Without
// Wine or MinGW the test is skipped saying so (failed with
// IOBEYA_REQUIRE_SECRET_SERVICE=1).
func NewWine(t testing.TB) *Wine {
	t.Helper()
	loader, server := wineLoader(), wineServer()
	if loader == "" || server == "" {
		requireProgram(t, "wine64", "wine wine64")
	}
	requireProgram(t, mingwCC, "gcc-mingw-w64-x86-64")
	home := t.TempDir()
	w := &Wine{Prefix: filepath.Join(home, "prefix"), loader: loader, server: server, tmp: filepath.Join(home, "tmp")}
	if err := os.Mkdir(w.tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	w.env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"TMPDIR=" + w.tmp,
		"LANG=C.UTF-8",
		"WINEDEBUG=-all",
		// No .NET or Internet Explorer runtime: Wine would offer to
		// download them in a dialog.
		"WINEDLLOVERRIDES=mscoree,mshtml=",
		"XDG_RUNTIME_DIR=" + home,
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
	}
	template, err := w.template()
	if err != nil {
		t.Fatalf("making a Wine prefix: %v", err)
	}
	if err := copyPrefix(template, w.Prefix); err != nil {
		t.Fatalf("copying the Wine prefix: %v", err)
	}
	if err := w.pinServerDir(); err != nil {
		t.Fatalf("preparing the Wine prefix's server folder: %v", err)
	}
	w.env = append(w.env, "WINEPREFIX="+w.Prefix)
	t.Cleanup(w.stop)
	return w
}

// pinServerDir gives the prefix its wineserver's folder before any program
// starts. Debian's Wine names that folder (a random one under TMPDIR) in
// the prefix's "wineserver" file, which it throws away unless its mode is
// 0400; the first programs started together then race to make a new one,
// and one of them fails ("fixed a temporary directory error, please try
// running the same command again"). The file the template left (0600 once
// copied, and naming the template's folder) is replaced by one naming a
// folder of this test's TMPDIR.
func (w *Wine) pinServerDir() error {
	dir, err := os.MkdirTemp(w.tmp, "wine-")
	if err != nil {
		return err
	}
	file := filepath.Join(w.Prefix, "wineserver")
	if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.WriteFile(file, []byte(filepath.Base(dir)), 0o400)
}

// wineLoader finds Wine's 64-bit loader. Debian's `wine` wrapper warns on
// every start when the 32-bit half is not installed, so wine64 comes first.
func wineLoader() string {
	for _, p := range []string{"wine64", "/usr/lib/wine/wine64", "wine"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	return ""
}

func wineServer() string {
	for _, p := range []string{"wineserver", "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	return ""
}

// template returns the template prefix, making it the first time.
func (w *Wine) template() (string, error) {
	wineTemplate.mu.Lock()
	defer wineTemplate.mu.Unlock()
	if wineTemplate.prefix != "" || wineTemplate.err != nil {
		return wineTemplate.prefix, wineTemplate.err
	}
	wineTemplate.prefix, wineTemplate.err = w.makeTemplate()
	return wineTemplate.prefix, wineTemplate.err
}

// makeTemplate finds or makes the template for this Wine and this DLL. It
// is made in a folder of its own and renamed into place, so test processes
// running at the same time never see half of one.
func (w *Wine) makeTemplate() (string, error) {
	version, err := exec.Command(w.loader, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("%s --version: %v", w.loader, err)
	}
	key := shortHash(bytes.Join([][]byte{version, prngSource, prngDef}, []byte{0}))
	base, err := cacheDir("")
	if err != nil {
		return "", err
	}
	prefix := filepath.Join(base, "wine-"+key)
	if _, err := os.Stat(filepath.Join(prefix, "system.reg")); err == nil {
		return prefix, nil
	}
	work, err := os.MkdirTemp(base, "wine-making-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	made := filepath.Join(work, "prefix")
	if err := w.makePrefix(work, made); err != nil {
		return "", err
	}
	if err := os.Rename(made, prefix); err != nil {
		if _, statErr := os.Stat(filepath.Join(prefix, "system.reg")); statErr == nil {
			return prefix, nil // another test process made it first
		}
		return "", err
	}
	return prefix, nil
}

// makePrefix runs wineboot in a new prefix, waits for its wineserver to
// write the registry and end, and puts the test-only DLL in system32.
func (w *Wine) makePrefix(dir, prefix string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	env := append(append([]string{}, w.env...), "WINEPREFIX="+prefix)
	boot := exec.CommandContext(ctx, w.loader, "wineboot", "-i")
	boot.Env = env
	if out, err := boot.CombinedOutput(); err != nil {
		return fmt.Errorf("wineboot: %v\n%s", err, out)
	}
	wait := exec.CommandContext(ctx, w.server, "-w")
	wait.Env = env
	if out, err := wait.CombinedOutput(); err != nil {
		return fmt.Errorf("wineserver -w: %v\n%s", err, out)
	}
	src, def := filepath.Join(dir, "bcryptprimitives.c"), filepath.Join(dir, "bcryptprimitives.def")
	if err := os.WriteFile(src, prngSource, 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(def, prngDef, 0o600); err != nil {
		return err
	}
	dll := filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	cc := exec.CommandContext(ctx, mingwCC, "-shared", "-o", dll, src, def, "-ladvapi32")
	if out, err := cc.CombinedOutput(); err != nil {
		return fmt.Errorf("building bcryptprimitives.dll: %v\n%s", err, out)
	}
	return nil
}

// copyPrefix copies the template: the DLLs and programs (about 700 MB,
// which Wine only reads) as hard links where the file system allows; the
// registry, the .ini files and every other small file, which programs may
// change in place, as real copies; symbolic links (dosdevices) as they are.
func copyPrefix(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		case linkable(path):
			if os.Link(path, dst) == nil {
				return nil
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o600)
	})
}

// linkable says whether a file of the prefix is a program or a library.
func linkable(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".dll", ".exe", ".drv", ".sys", ".ocx", ".cpl", ".acm", ".ax", ".tlb", ".ds", ".com":
		return true
	}
	return false
}

// stop ends the prefix's wineserver and every Windows program still
// running in it.
func (w *Wine) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.server, "-k")
	cmd.Env = w.env
	_ = cmd.Run()
}

// Setenv adds variables ("NAME=value") to what every later program gets,
// e.g. DISPLAY for the clipboard and the window.
func (w *Wine) Setenv(kv ...string) { w.env = append(w.env, kv...) }

// Env is the environment programs in this prefix get, with extra added.
func (w *Wine) Env(extra ...string) []string {
	return append(append([]string{}, w.env...), extra...)
}

// UserProfile is the Windows user's profile folder (%USERPROFILE%) as a
// Linux path: drive_c/users/<name>.
func (w *Wine) UserProfile(t testing.TB) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(w.Prefix, "drive_c", "users"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "Public" {
			return filepath.Join(w.Prefix, "drive_c", "users", e.Name())
		}
	}
	t.Fatal("the Wine prefix has no user profile")
	return ""
}

// Command prepares exe (a Linux path to a Windows program) to run in this
// prefix with args, ended when ctx ends. Give secrets on its standard
// input, never in args.
func (w *Wine) Command(ctx context.Context, exe string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.loader, append([]string{exe}, args...)...)
	cmd.Env = w.Env()
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// WineResult is what one run of a Windows program printed and returned.
type WineResult struct {
	Stdout, Stderr string
	Code           int
}

func (r WineResult) String() string {
	return fmt.Sprintf("exit %d\nstdout: %s\nstderr: %s", r.Code, r.Stdout, r.Stderr)
}

// WineRunWithin bounds one Run.
const WineRunWithin = 2 * time.Minute

// Run runs exe with args in this prefix, stdin on its standard input,
// within WineRunWithin, and returns what it printed and its exit code.
// It fails t when the program could not be run or did not end in time.
func (w *Wine) Run(t testing.TB, stdin, exe string, args ...string) WineResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), WineRunWithin)
	defer cancel()
	cmd := w.Command(ctx, exe, args...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	err := cmd.Run()
	r := WineResult{out.String(), errb.String(), -1}
	if cmd.ProcessState != nil {
		r.Code = cmd.ProcessState.ExitCode()
	}
	if ctx.Err() != nil {
		t.Fatalf("%s %s did not end within %s: %s", filepath.Base(exe), strings.Join(args, " "), WineRunWithin, r)
	}
	if err != nil && r.Code < 0 {
		t.Fatalf("running %s under Wine: %v", filepath.Base(exe), err)
	}
	return r
}
