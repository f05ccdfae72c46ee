// Command stamp reads FyneApp.toml, the single source of the app's id,
// name and icon, and stamps it and a release version into the packaging
// templates, so no recipe repeats what FyneApp.toml says.
//
//	stamp -get id                                   # one value, for the shell
//	stamp -version 1.2.3 -date 2026-12-02 app.desktop.tmpl > out.desktop
//	stamp -version 1.2.3 -set depends=libc6 control.tmpl
//	stamp -licenses bin/iobeya-token copyright.tmpl # + the Go modules linked in
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// vars collects repeated -set name=value options.
type vars map[string]string

func (v vars) String() string { return fmt.Sprint(map[string]string(v)) }

func (v vars) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("-set wants name=value, not %q", s)
	}
	v[name] = value
	return nil
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stamp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tomlPath := fs.String("toml", "FyneApp.toml", "the app's FyneApp.toml")
	get := fs.String("get", "", "print one value (id, name, icon, version, debversion, winversion) and stop")
	ver := fs.String("version", "", "the release version, as stamped into the binary (default: FyneApp.toml's)")
	date := fs.String("date", "", "the release date, YYYY-MM-DD")
	licenses := fs.String("licenses", "", "a Go binary whose linked modules' licenses the template lists")
	set := vars{}
	fs.Var(set, "set", "name=value for the template's .Set (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	app, err := loadApp(*tomlPath)
	if err != nil {
		fmt.Fprintln(stderr, "stamp:", err)
		return 1
	}
	d, err := newData(app, *ver, *date, set)
	if err != nil {
		fmt.Fprintln(stderr, "stamp:", err)
		return 1
	}
	if *get != "" {
		v, err := d.get(*get)
		if err != nil {
			fmt.Fprintln(stderr, "stamp:", err)
			return 2
		}
		fmt.Fprintln(stdout, v)
		return 0
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "stamp: give one template (or -get NAME)")
		return 2
	}
	if *licenses != "" {
		if d.Modules, err = linkedModules(*licenses); err != nil {
			fmt.Fprintln(stderr, "stamp:", err)
			return 1
		}
	}
	if err := render(fs.Arg(0), d, stdout); err != nil {
		fmt.Fprintln(stderr, "stamp:", err)
		return 1
	}
	return 0
}
