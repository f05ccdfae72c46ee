package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// fyneApp is the part of FyneApp.toml that packaging reads; its keys are
// Fyne's own (fyne.io/tools' metadata), so `fyne package` reads the same.
type fyneApp struct {
	Website string
	Details struct {
		Icon    string
		Name    string
		ID      string
		Version string
		Build   int
	}
	LinuxAndBSD struct {
		GenericName string
		Categories  []string
		Comment     string
		Keywords    []string
	}
}

func loadApp(path string) (fyneApp, error) {
	var a fyneApp
	if _, err := toml.DecodeFile(path, &a); err != nil {
		return a, err
	}
	for name, v := range map[string]string{"Details.ID": a.Details.ID, "Details.Name": a.Details.Name, "Details.Icon": a.Details.Icon, "Details.Version": a.Details.Version} {
		if v == "" {
			return a, fmt.Errorf("%s: %s is empty", path, name)
		}
	}
	return a, nil
}

// data is what templates see.
type data struct {
	App        fyneApp
	ID, Name   string
	Version    string // as the binary prints it
	DebVersion string // as dpkg orders it
	WinVersion string // FyneApp.toml's version and build, as Windows' four numbers: 0.1.0.1
	Date       string // YYYY-MM-DD
	Set        map[string]string
	Modules    []module
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func newData(a fyneApp, version, date string, set map[string]string) (*data, error) {
	if version == "" {
		version = a.Details.Version
	}
	deb, err := debVersion(version, a.Details.Version)
	if err != nil {
		return nil, err
	}
	if date != "" && !dateRE.MatchString(date) {
		return nil, fmt.Errorf("the date %q is not YYYY-MM-DD", date)
	}
	win, err := winVersion(a.Details.Version, a.Details.Build)
	if err != nil {
		return nil, err
	}
	return &data{App: a, ID: a.Details.ID, Name: a.Details.Name, Version: version, DebVersion: deb, WinVersion: win, Date: date, Set: set}, nil
}

func (d *data) get(name string) (string, error) {
	switch strings.ToLower(name) {
	case "id":
		return d.ID, nil
	case "name":
		return d.Name, nil
	case "icon":
		return d.App.Details.Icon, nil
	case "version":
		return d.Version, nil
	case "debversion":
		return d.DebVersion, nil
	case "winversion":
		return d.WinVersion, nil
	}
	return "", fmt.Errorf("-get knows id, name, icon, version, debversion, winversion, not %q", name)
}

var (
	// describeRE is `git describe --tags --always --dirty` after a tag:
	// TAG-COMMITS-gHASH, maybe -dirty.
	describeRE = regexp.MustCompile(`^(.+)-(\d+)-g([0-9a-f]+)(-dirty)?$`)
	// hashRE is the same without any tag: only the commit.
	hashRE      = regexp.MustCompile(`^([0-9a-f]{7,40})(-dirty)?$`)
	debUpstream = regexp.MustCompile(`^[0-9][A-Za-z0-9.+~]*$`)
)

// debVersion turns a release version into a Debian upstream version that
// dpkg orders the way releases follow each other: v1.2.3 → 1.2.3;
// 1.2.3-4-gabc1234 (4 commits after) → 1.2.3+4.gabc1234; 1.2.3-rc1 (before
// the release) → 1.2.3~rc1; a bare commit abc1234 (no tag yet) →
// BASE~git.abc1234, BASE being FyneApp.toml's version; -dirty → .dirty.
func debVersion(v, base string) (string, error) {
	v = strings.TrimPrefix(v, "v")
	var out string
	switch {
	case hashRE.MatchString(v):
		m := hashRE.FindStringSubmatch(v)
		out = strings.TrimPrefix(base, "v") + "~git." + m[1] + strings.ReplaceAll(m[2], "-", ".")
	case describeRE.MatchString(v):
		m := describeRE.FindStringSubmatch(v)
		out = m[1] + "+" + m[2] + ".g" + m[3] + strings.ReplaceAll(m[4], "-", ".")
	default:
		if rest, ok := strings.CutSuffix(v, "-dirty"); ok {
			v = rest + "+dirty"
		}
		out = strings.ReplaceAll(v, "-", "~")
	}
	if !debUpstream.MatchString(out) {
		return "", fmt.Errorf("the version %q cannot be a Debian version (%q): use digits, letters and . + ~", v, out)
	}
	return out, nil
}

var releaseRE = regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)$`)

// winVersion is the version Windows reads from a program's version info
// and an installer's: four numbers of at most 65535, here FyneApp.toml's
// MAJOR.MINOR.PATCH and its build number. It comes from FyneApp.toml, not
// from git, because the resources holding it are committed (see
// packaging/windows/resources.sh).
func winVersion(v string, build int) (string, error) {
	m := releaseRE.FindStringSubmatch(v)
	if m == nil {
		return "", fmt.Errorf("FyneApp.toml's version %q is not MAJOR.MINOR.PATCH, which Windows needs", v)
	}
	parts := append(m[1:], strconv.Itoa(build))
	for _, p := range parts {
		if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 65535 {
			return "", fmt.Errorf("FyneApp.toml's version %q and build %d: each number must be 0 to 65535 for Windows", v, build)
		}
	}
	return strings.Join(parts, "."), nil
}
