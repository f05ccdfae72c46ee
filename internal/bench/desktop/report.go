package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// samples holds the measures of one figure: program name → values.
type samples map[string][]float64

// data is every figure measured in one `make bench`.
type data map[string]samples

func (d data) add(figure, prog string, v float64) {
	if d[figure] == nil {
		d[figure] = samples{}
	}
	d[figure][prog] = append(d[figure][prog], v)
}

// row is one line of the table: the app's figure next to its floor.
type row struct {
	title      string
	figure     string
	app, floor string  // program names in data
	unit       string  // as shown
	scale      float64 // shown = value × scale
	budget     string
	met        func(app, floor, ratio float64) bool
}

// ratioAtMost is met when app ≤ max × floor; said so rather than with the
// ratio, which a floor of 0 (no CPU tick while idle) leaves undefined.
func ratioAtMost(max float64) func(_, _, ratio float64) bool {
	return func(app, floor, _ float64) bool { return app <= max*floor }
}

var rows = []row{
	{"start → window mapped", figStart, "app", "floor", "ms", 1, "≤ 1.10 × floor", ratioAtMost(1.10)},
	{"CPU time used by then", figStartCPU, "app", "floor", "ms", 1, "—", nil},
	{"resident memory 5 s after", figRSS, "app", "floor", "MiB", 1, "≤ 1.15 × floor", ratioAtMost(1.15)},
	{"CPU over IDLE idle, window shown", figCPUShown, "app", "floor", "ms", 1, "≤ 1.10 × floor", ratioAtMost(1.10)},
	{"CPU over IDLE idle, tray only", figCPUHidden, "app", "floor", "ms", 1, "≤ 1.10 × floor", ratioAtMost(1.10)},
	{"tray only, `--background`: resident memory 5 s after (floor: bare systray)", figTrayRSS, "tray", "traybare", "MiB", 1, "≤ 2 × floor", ratioAtMost(2)},
	{"tray only, `--background`: CPU ticks over TRAYIDLE idle (floor: bare systray)", figTrayCPU, "tray", "traybare", "ticks", 0.1, "≤ 2 × floor", ratioAtMost(2)},
	{"open from the tray → window mapped (floor: its start → window)", figOpen, "tray", "floor", "ms", 1, "≤ 1.20 × floor", ratioAtMost(1.2)},
	{"binary size, stripped and trimmed", "size", "app", "floor", "MiB", 1.0 / (1 << 20), "≤ 1.20 × floor", ratioAtMost(1.20)},
	{"`status --offline` (floor: `secret-tool lookup`)", "status", "app", "floor", "ms", 1, "≤ 1.5 × floor", ratioAtMost(1.5)},
	{"token inspection (floor: `jwt.ParseUnverified`)", "token", "Inspect", "ParseUnverifiedBaseline", "µs/op", 1e-3, "≤ 2 × floor", ratioAtMost(2)},
	{"complete sign-in, in process (floor: the sandbox's own HTTP sign-in)", "signin", "signin.SignIn", "sandbox.SignIn", "ms/op", 1e-6, "< 20 ms per op",
		func(app, _, _ float64) bool { return app < 20e6 }},
	{"copy path: keychain + format + clipboard (floor: the three calls alone)", "copy", "CopyPath", "CopyPathBaseline", "µs/op", 1e-3, "—", nil},
}

// Go benchmarks that make up the rows above: package → benchmark → figure
// and program.
var goBenchmarks = map[string]map[string][2]string{
	"internal/token":   {"Inspect": {"token", "Inspect"}, "ParseUnverifiedBaseline": {"token", "ParseUnverifiedBaseline"}},
	"internal/signin":  {"SignIn": {"signin", "signin.SignIn"}},
	"internal/sandbox": {"SignIn": {"signin", "sandbox.SignIn"}},
	"app":              {"CopyPath": {"copy", "CopyPath"}, "CopyPathBaseline": {"copy", "CopyPathBaseline"}},
}

func runReport(args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	in := fs.String("in", "", "results file of desktop start/idle and the sizes")
	hf := fs.String("hyperfine", "", "hyperfine JSON export: the app's command first, the floor's second")
	gb := fs.String("gobench", "", "output of go test -bench")
	doc := fs.String("doc", "", "Markdown file whose bench section is replaced")
	idle := fs.String("idle", "60s", "the idle period measured, for the table")
	trayIdle := fs.String("tray-idle", "20s", "the tray-only idle period measured, for the table")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d := data{}
	if *in != "" {
		if err := readResults(*in, d); err != nil {
			return err
		}
	}
	if *hf != "" {
		if err := readHyperfine(*hf, d); err != nil {
			return err
		}
	}
	if *gb != "" {
		if err := readGoBench(*gb, d); err != nil {
			return err
		}
	}
	// Opening the window from the tray is held against the floor's start.
	if d[figStart] != nil && d[figOpen] != nil {
		d[figOpen]["floor"] = d[figStart]["floor"]
	}
	table := strings.ReplaceAll(strings.ReplaceAll(renderTable(d), "TRAYIDLE", *trayIdle), "IDLE", *idle)
	fmt.Print(table)
	if *doc == "" {
		return nil
	}
	section := fmt.Sprintf("Measured %s on %s.\n\n%s\nMedian of n runs of each, min–max in brackets; the ratio is app ÷ floor of the medians.\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), machine(), table)
	return replaceSection(*doc, section)
}

func readResults(path string, d data) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		p := strings.Split(s.Text(), "\t")
		if len(p) != 3 {
			continue
		}
		v, err := strconv.ParseFloat(p[2], 64)
		if err != nil {
			return fmt.Errorf("%s: %q: %w", path, s.Text(), err)
		}
		d.add(p[0], p[1], v)
	}
	return s.Err()
}

func readHyperfine(path string, d data) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var h struct {
		Results []struct {
			Command string    `json:"command"`
			Times   []float64 `json:"times"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(h.Results) != 2 {
		return fmt.Errorf("%s: want 2 commands, have %d", path, len(h.Results))
	}
	for i, name := range []string{"app", "floor"} {
		for _, t := range h.Results[i].Times {
			d.add("status", name, t*1000)
		}
	}
	return nil
}

var benchLine = regexp.MustCompile(`^Benchmark([^\s-]+)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)

func readGoBench(path string, d data) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	pkg := ""
	s := bufio.NewScanner(f)
	for s.Scan() {
		l := s.Text()
		if p, ok := strings.CutPrefix(l, "pkg: "); ok {
			pkg = strings.TrimPrefix(p, "github.com/iobeya-token/iobeya-token/")
			continue
		}
		m := benchLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		target, ok := goBenchmarks[pkg][m[1]]
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			return err
		}
		d.add(target[0], target[1], v)
	}
	return s.Err()
}

// stats are the median, min and max of a figure's values.
type stats struct{ med, min, max float64 }

func summarize(v []float64) (stats, bool) {
	if len(v) == 0 {
		return stats{}, false
	}
	s := slices.Clone(v)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stats{med, s[0], s[len(s)-1]}, true
}

func num(v float64) string {
	switch a := max(v, -v); {
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

func (s stats) String() string {
	if s.min == s.max {
		return num(s.med)
	}
	return fmt.Sprintf("%s (%s–%s)", num(s.med), num(s.min), num(s.max))
}

func renderTable(d data) string {
	var b strings.Builder
	b.WriteString("| figure | unit | app | floor | ratio | budget | met | n |\n")
	b.WriteString("| --- | --- | ---: | ---: | ---: | --- | --- | ---: |\n")
	for _, r := range rows {
		a, okA := summarize(scaled(d[r.figure][r.app], r.scale))
		f, okF := summarize(scaled(d[r.figure][r.floor], r.scale))
		if !okA || !okF {
			fmt.Fprintf(&b, "| %s | %s | not measured | | | %s | | |\n", r.title, r.unit, r.budget)
			continue
		}
		ratio := a.med / f.med
		met := "—"
		if r.met != nil {
			met = "yes"
			if !r.met(a.med/r.scale, f.med/r.scale, ratio) {
				met = "**no**"
			}
		}
		shown := fmt.Sprintf("%.2f", ratio)
		if f.med == 0 {
			shown = "—"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %d |\n", r.title, r.unit, a, f, shown, r.budget, met,
			min(len(d[r.figure][r.app]), len(d[r.figure][r.floor])))
	}
	return b.String()
}

func scaled(v []float64, k float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x * k
	}
	return out
}

// machine describes the computer: CPU, cores, memory, kernel, Go.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	mem := "?"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				if kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64); err == nil {
					mem = fmt.Sprintf("%.1f GiB", kb/(1<<20))
				}
			}
		}
	}
	kernel := "?"
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		kernel = strings.TrimSpace(string(b))
	}
	return fmt.Sprintf("%s, %d cores, %s memory, Linux %s, %s", cpu, runtime.NumCPU(), mem, kernel, runtime.Version())
}

const (
	beginMark = "<!-- bench:begin (written by make bench) -->"
	endMark   = "<!-- bench:end -->"
)

// replaceSection puts section between the marks of the file, or appends it
// with the marks when the file has none.
func replaceSection(path, section string) error {
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	doc := string(b)
	block := beginMark + "\n" + section + endMark
	i, j := strings.Index(doc, beginMark), strings.Index(doc, endMark)
	if i >= 0 && j > i {
		doc = doc[:i] + block + doc[j+len(endMark):]
	} else {
		if doc != "" && !strings.HasSuffix(doc, "\n\n") {
			doc += "\n"
		}
		doc += block + "\n"
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}
