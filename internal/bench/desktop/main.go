// Command desktop measures Fyne programs the way a user meets them, for
// `make bench` (scripts/bench.sh): the time from exec to the window being
// mapped on a fresh Xvfb display, the resident memory 5 s later, and the
// CPU time used while idle with the window shown and hidden in the tray;
// and, for the tray program, its memory and idle CPU next to a bare tray.
// The tray host is a stand-in owned by this program on the session bus.
//
//	desktop start  -runs 5 -out results.tsv app=bin/iobeya-token floor=bin/floor
//	desktop idle   -runs 5 -out results.tsv app=bin/iobeya-token floor=bin/floor
//	desktop tray   -runs 5 -for 20s -out results.tsv tray=bin/iobeya-token-tray traybare=bin/traybare
//	desktop open   -runs 5 -out results.tsv tray=bin/with-window/iobeya-token-tray
//	desktop report -in results.tsv -hyperfine status.json -gobench bench.txt -doc docs/performance.md
//
// Results are lines of "figure<TAB>program<TAB>value" in the figure's unit.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "start":
		err = runStart(args)
	case "idle":
		err = runIdle(args)
	case "tray":
		err = runTray(args)
	case "open":
		err = runOpen(args)
	case "report":
		err = runReport(args)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "desktop:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: desktop start|idle|tray|open [-runs N] [-out FILE] NAME=BINARY...\n       desktop report -in FILE [-hyperfine FILE] [-gobench FILE] [-doc FILE]")
	os.Exit(2)
}

// program is one binary under measure, named for the table.
type program struct{ name, bin string }

// measureFlags are the flags start and idle share.
type measureFlags struct {
	runs  int
	out   string
	logs  string
	progs []program
}

func parseMeasure(name string, args []string, extra func(*flag.FlagSet)) (*measureFlags, error) {
	m := &measureFlags{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.IntVar(&m.runs, "runs", 5, "runs of each program")
	fs.StringVar(&m.out, "out", "", "results file to append to (default: standard output)")
	fs.StringVar(&m.logs, "logs", os.TempDir(), "folder for the programs' output")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	for _, a := range fs.Args() {
		n, b, ok := strings.Cut(a, "=")
		if !ok || n == "" || b == "" {
			return nil, fmt.Errorf("%q: want NAME=BINARY", a)
		}
		// Absolute: the programs run in another folder (see launch).
		abs, err := filepath.Abs(b)
		if err != nil {
			return nil, err
		}
		m.progs = append(m.progs, program{n, abs})
	}
	if len(m.progs) == 0 || m.runs < 1 {
		return nil, fmt.Errorf("%s: no programs to measure", name)
	}
	return m, nil
}

// results appends result lines to the -out file.
type results struct{ f *os.File }

func openResults(path string) (*results, error) {
	if path == "" {
		return &results{os.Stdout}, nil
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	return &results{f}, err
}

func (r *results) add(figure, prog string, v float64) {
	fmt.Fprintf(r.f, "%s\t%s\t%g\n", figure, prog, v)
}

func (r *results) Close() error {
	if r.f == os.Stdout {
		return nil
	}
	return r.f.Close()
}
