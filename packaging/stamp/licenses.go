package main

import (
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// module is one Go module linked into a binary, with its license text,
// which the package's copyright file must carry.
type module struct {
	Path, Version string
	License       string
}

// linkedModules reads the modules a Go binary was built from (its build
// info) and their license files from the module cache, where the build
// just put them.
func linkedModules(bin string) ([]module, error) {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return nil, err
	}
	cache, err := modCache()
	if err != nil {
		return nil, err
	}
	var mods []module
	for _, d := range info.Deps {
		if d.Replace != nil {
			d = d.Replace
		}
		dir := filepath.Join(cache, escapePath(d.Path)+"@"+d.Version)
		text, err := licenseText(dir)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", d.Path, d.Version, err)
		}
		mods = append(mods, module{Path: d.Path, Version: d.Version, License: text})
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
	return mods, nil
}

func modCache() (string, error) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMODCACHE: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// escapePath is the module cache's case encoding: "!x" for "X".
func escapePath(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// licenseText is the module's top-level LICENSE, LICENCE or COPYING file.
func licenseText(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		n := strings.ToUpper(e.Name())
		if !e.IsDir() && (strings.HasPrefix(n, "LICENSE") || strings.HasPrefix(n, "LICENCE") || strings.HasPrefix(n, "COPYING")) {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				return "", err
			}
			return commonLicense(strings.TrimSpace(string(b))), nil
		}
	}
	return "", fmt.Errorf("no license file in %s", dir)
}

// commonLicense replaces the full text of a license every Debian system
// has in /usr/share/common-licenses by a pointer to it, as Debian policy
// (12.5) asks.
func commonLicense(text string) string {
	if strings.HasPrefix(text, "Apache License") && strings.Contains(text, "Version 2.0, January 2004") {
		return "Apache License, Version 2.0: the full text is in /usr/share/common-licenses/Apache-2.0."
	}
	return text
}
