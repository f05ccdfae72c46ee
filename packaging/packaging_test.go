// Package packaging holds the release recipes (linux/package.sh and its
// templates, stamp) and their tests: the .deb is built from a real binary,
// installed into a throw-away root with dpkg, run, validated and removed.
package packaging

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
	"github.com/iobeya-token/iobeya-token/internal/version"
)

// testVersion is stamped into the test build: a `git describe` after a
// tag, so the .deb's version goes through the same translation as a real one.
const (
	testVersion    = "v9.8.7-3-gabcdef0"
	testDebVersion = "9.8.7+3.gabcdef0"
)

// fyneApp is FyneApp.toml's [Details].
type fyneApp struct {
	Details struct{ ID, Name, Icon string }
}

func loadFyneApp(t *testing.T) fyneApp {
	t.Helper()
	var a fyneApp
	if _, err := toml.DecodeFile(filepath.Join("..", "FyneApp.toml"), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestFyneAppIsTheSource fails when the names the Go code repeats (a plain
// go build does not read FyneApp.toml) drift from FyneApp.toml.
func TestFyneAppIsTheSource(t *testing.T) {
	a := loadFyneApp(t)
	if a.Details.Name != version.Name {
		t.Errorf("internal/version.Name is %q, FyneApp.toml's Name %q", version.Name, a.Details.Name)
	}
	main, err := os.ReadFile(filepath.Join("..", "cmd", "iobeya-token", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const appID = "([^"]+)"`).FindSubmatch(main)
	if m == nil || string(m[1]) != a.Details.ID {
		t.Errorf("cmd/iobeya-token's appID is %q, FyneApp.toml's ID %q", m, a.Details.ID)
	}
}

// needTools skips (or, where set-up installed them, fails) when a program
// the recipe or the checks use is missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv(testenv.EnvRequire) == "1" {
				t.Fatalf("%s is not installed (scripts/setup.sh installs it; %s=1 requires it)", tool, testenv.EnvRequire)
			}
			t.Skipf("skipped: %s is not installed (scripts/setup.sh --package installs it)", tool)
		}
	}
}

// built is the one build and packaging run all the tests below share.
type built struct {
	bin, deb, tarxz string
}

// buildDir holds the build; TestMain removes it.
var buildDir string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{buildDir, winPackaging.dir} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

var buildOnce = sync.OnceValues(func() (built, error) {
	var b built
	dir, err := os.MkdirTemp("", "iobeya-token-package-")
	if err != nil {
		return b, err
	}
	buildDir = dir
	top, err := filepath.Abs("..")
	if err != nil {
		return b, err
	}
	programs := filepath.Join(dir, "programs")
	b.bin = filepath.Join(programs, "iobeya-token")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	// No -trimpath (make package's only other compile flag): the compiled
	// packages are then the ones the command-line and desktop tests built
	// already, and only the link is new.
	build := exec.CommandContext(ctx, "go", "build", "-ldflags",
		"-s -w -X github.com/iobeya-token/iobeya-token/internal/version.Version="+testVersion,
		"-o", b.bin, "./cmd/iobeya-token")
	build.Dir = top
	if out, err := build.CombinedOutput(); err != nil {
		return b, fmt.Errorf("go build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "dist")
	pkg := exec.CommandContext(ctx, "bash", "packaging/linux/package.sh", programs, testVersion, out)
	pkg.Dir = top
	pkg.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1764633600") // 2025-12-02
	var stdout, stderr bytes.Buffer
	pkg.Stdout, pkg.Stderr = &stdout, &stderr
	if err := pkg.Run(); err != nil {
		return b, fmt.Errorf("package.sh: %v\n%s", err, stderr.String())
	}
	for _, line := range strings.Fields(stdout.String()) {
		switch {
		case strings.HasSuffix(line, ".deb"):
			b.deb = line
		case strings.HasSuffix(line, ".tar.xz"):
			b.tarxz = line
		}
	}
	if b.deb == "" || b.tarxz == "" {
		return b, fmt.Errorf("package.sh did not name a .deb and a .tar.xz: %q", stdout.String())
	}
	return b, nil
})

func buildPackages(t *testing.T) built {
	t.Helper()
	needTools(t, "go", "dpkg", "dpkg-deb", "dpkg-shlibdeps", "convert", "xz", "tar",
		"desktop-file-validate", "appstreamcli")
	b, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func output(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// stdout runs a program and returns its standard output alone: Fyne
// writes a harmless locale complaint to standard error under LANG=C.
func stdout(t *testing.T, name string, args ...string) string {
	t.Helper()
	var errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, errb.String())
	}
	return string(out)
}

// TestDebFields: the control file is stamped and its dependencies are
// computed, with a Secret Service required and a clipboard tool recommended.
func TestDebFields(t *testing.T) {
	b := buildPackages(t)
	arch := strings.TrimSpace(output(t, "dpkg", "--print-architecture"))
	if want := "iobeya-token_" + testDebVersion + "_" + arch + ".deb"; filepath.Base(b.deb) != want {
		t.Errorf("the .deb is %s, want %s", filepath.Base(b.deb), want)
	}
	field := func(name string) string {
		return strings.TrimSpace(output(t, "dpkg-deb", "--field", b.deb, name))
	}
	if v := field("Version"); v != testDebVersion {
		t.Errorf("Version: %q, want %q", v, testDebVersion)
	}
	if v := field("Package"); v != "iobeya-token" {
		t.Errorf("Package: %q", v)
	}
	deps := field("Depends")
	for _, want := range []string{"libc6 (>=", "libgl1", "gnome-keyring | libkf5wallet-bin (>= 5.97) | keepassxc"} {
		if !strings.Contains(deps, want) {
			t.Errorf("Depends %q lacks %q", deps, want)
		}
	}
	if v := field("Recommends"); v != "xclip | wl-clipboard" {
		t.Errorf("Recommends: %q", v)
	}
	// Item 5 of issue 14: removing the package leaves the keychain alone,
	// so the package has no maintainer script that could touch it.
	ctrl := output(t, "dpkg-deb", "--info", b.deb)
	for _, script := range []string{"preinst", "postinst", "prerm", "postrm"} {
		if regexp.MustCompile(`\s` + script + `\s`).MatchString(ctrl) {
			t.Errorf("the .deb has a %s script:\n%s", script, ctrl)
		}
	}
}

// installedPaths lists the files and links under root, relative to it,
// leaving out dpkg's own database.
func installedPaths(t *testing.T, root string) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "var" || strings.HasPrefix(rel, "var/") { // dpkg's; the package ships nothing there
			return nil
		}
		if rel != "." {
			paths = append(paths, "/"+rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	return paths
}

// TestDebInstallsRunsAndRemoves installs the .deb with dpkg into a
// throw-away root with its own database (never onto this machine), runs
// the installed program, validates what desktops read, and removes it.
func TestDebInstallsRunsAndRemoves(t *testing.T) {
	b := buildPackages(t)
	a := loadFyneApp(t)
	id := a.Details.ID
	root := t.TempDir()
	admin := filepath.Join(root, "var", "lib", "dpkg")
	for _, d := range []string{"info", "updates", "triggers"} {
		if err := os.MkdirAll(filepath.Join(admin, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(admin, "status"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	before := installedPaths(t, root)
	// The throw-away database knows no other package, so the dependencies
	// cannot be met there: --force-depends.
	dpkg := []string{"--root=" + root, "--admindir=" + admin, "--force-not-root", "--force-depends", "--log=/dev/null"}
	output(t, "dpkg", append(dpkg, "-i", b.deb)...)

	// What is installed is what the package lists, and what it should hold.
	installed := installedPaths(t, root)
	var listed []string
	for _, line := range strings.Split(strings.TrimSpace(output(t, "dpkg-deb", "--contents", b.deb)), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 {
			t.Fatalf("dpkg-deb --contents: %q", line)
		}
		if f[1] != "root/root" {
			t.Errorf("%s is owned by %s, want root/root", f[5], f[1])
		}
		if p := strings.TrimSuffix(strings.TrimPrefix(f[5], "."), "/"); p != "" {
			listed = append(listed, p)
		}
	}
	sort.Strings(listed)
	if strings.Join(installed, "\n") != strings.Join(listed, "\n") {
		t.Errorf("installed:\n%s\nthe package lists:\n%s", strings.Join(installed, "\n"), strings.Join(listed, "\n"))
	}
	want := []string{
		"/usr/bin/iobeya-token",
		"/usr/share/applications/" + id + ".desktop",
		"/usr/share/metainfo/" + id + ".metainfo.xml",
		"/usr/share/icons/hicolor/scalable/apps/" + id + ".svg",
		"/usr/share/doc/iobeya-token/copyright",
		"/usr/share/doc/iobeya-token/changelog.gz",
	}
	for _, s := range []int{16, 32, 48, 64, 128, 256, 512} {
		p := fmt.Sprintf("/usr/share/icons/hicolor/%dx%d/apps/%s.png", s, s, id)
		want = append(want, p)
		checkPNG(t, filepath.Join(root, p), s)
	}
	for _, p := range want {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Errorf("not installed: %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "usr", "bin", "iobeya-sandbox")); err == nil {
		t.Error("the sandbox program is shipped")
	}

	// The installed program says the stamped version.
	if got := stdout(t, filepath.Join(root, "usr", "bin", "iobeya-token"), "version"); got != "iObeya Token "+testVersion+"\n" {
		t.Errorf("installed iobeya-token version printed %q", got)
	}
	desktop := filepath.Join(root, "usr", "share", "applications", id+".desktop")
	output(t, "desktop-file-validate", desktop)
	entry, _ := os.ReadFile(desktop)
	for _, line := range []string{"Name=" + a.Details.Name, "Exec=iobeya-token", "Icon=" + id, "X-iObeyaToken-Version=" + testVersion} {
		if !bytes.Contains(entry, []byte("\n"+line+"\n")) {
			t.Errorf("the desktop entry lacks %q:\n%s", line, entry)
		}
	}
	meta := filepath.Join(root, "usr", "share", "metainfo", id+".metainfo.xml")
	output(t, "appstreamcli", "validate", "--no-net", meta)
	if info, _ := os.ReadFile(meta); !bytes.Contains(info, []byte(`<release version="`+testVersion+`" date="2025-12-02"/>`)) {
		t.Errorf("the metainfo has no release %s:\n%s", testVersion, info)
	}

	// Removing it leaves no file behind.
	output(t, "dpkg", append(dpkg, "-r", "iobeya-token")...)
	if after := installedPaths(t, root); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("left behind after removal: %q", after)
	}
}

func checkPNG(t *testing.T, path string, size int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != size || cfg.Height != size {
		t.Errorf("%s: %dx%d, %v; want a %dx%d PNG", path, cfg.Width, cfg.Height, err, size, size)
	}
}

// TestTarXZIsFynes: the .tar.xz is fyne package's layout, wrapping the
// same stamped binary.
func TestTarXZIsFynes(t *testing.T) {
	b := buildPackages(t)
	id := loadFyneApp(t).Details.ID
	list := output(t, "tar", "-tJf", b.tarxz)
	for _, want := range []string{
		"iobeya-token/Makefile",
		"iobeya-token/usr/local/bin/iobeya-token",
		"iobeya-token/usr/local/share/applications/" + id + ".desktop",
		"iobeya-token/usr/local/share/pixmaps/" + id + ".png",
	} {
		if !strings.Contains(list, want+"\n") {
			t.Errorf("the .tar.xz lacks %s:\n%s", want, list)
		}
	}
	dir := t.TempDir()
	output(t, "tar", "-xJf", b.tarxz, "-C", dir)
	if got := stdout(t, filepath.Join(dir, "iobeya-token", "usr", "local", "bin", "iobeya-token"), "--version"); got != "iObeya Token "+testVersion+"\n" {
		t.Errorf("the .tar.xz's iobeya-token --version printed %q", got)
	}
	if b1, b2 := output(t, "sha256sum", b.bin), output(t, "sha256sum", filepath.Join(dir, "iobeya-token", "usr", "local", "bin", "iobeya-token")); strings.Fields(b1)[0] != strings.Fields(b2)[0] {
		t.Error("the .tar.xz's program is not the one built: something compiled it again")
	}
}
