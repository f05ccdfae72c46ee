package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/godbus/dbus/v5"
)

// Figures, as named in the results file.
const (
	figStart     = "start"     // ms from exec to the window mapped
	figStartCPU  = "start-cpu" // ms of CPU used by then
	figRSS       = "rss"       // MiB resident 5 s after the window appeared
	figCPUShown  = "cpu-shown" // ms of CPU over the idle period, window shown
	figCPUHidden = "cpu-tray"  // ms of CPU over the idle period, tray only
)

// settle is how long after its window appears a program is left before it
// is measured: the figure "resident memory 5 s after the window appears".
const settle = 5 * time.Second

// withTrayHost runs f with the stand-in tray host on the session bus.
func withTrayHost(f func(*trayHost) error) error {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return fmt.Errorf("the session bus (run inside dbus-run-session): %w", err)
	}
	defer conn.Close()
	h, err := startTrayHost(conn)
	if err != nil {
		return err
	}
	return f(h)
}

// runStart measures, one program at a time, each on a fresh display: the
// time from exec to the window mapped and the CPU time used by then, and,
// in the first -runs runs, the resident memory 5 s later. The programs take
// turns, so a slow patch of a shared machine hits both alike; start times
// vary a lot from run to run on shared machines, hence more runs of them.
func runStart(args []string) error {
	var startRuns int
	m, err := parseMeasure("start", args, func(fs *flag.FlagSet) {
		fs.IntVar(&startRuns, "start-runs", 30, "runs of each program for the start time")
	})
	if err != nil {
		return err
	}
	startRuns = max(startRuns, m.runs)
	out, err := openResults(m.out)
	if err != nil {
		return err
	}
	defer out.Close()
	return withTrayHost(func(*trayHost) error {
		// One run of each first, not counted: the first program to start
		// in a new HOME builds Fyne's font index, and the disk cache warms.
		for _, p := range m.progs {
			in, err := launch(p, m.logs, 0)
			if err != nil {
				return err
			}
			time.Sleep(time.Until(in.mapped.Add(settle)))
			in.stop()
		}
		for r := range startRuns {
			for i := range m.progs {
				p := m.progs[(i+r)%len(m.progs)]
				in, err := launch(p, m.logs, r+1)
				if err != nil {
					return err
				}
				cpu, cpuErr := cpuTime(in.pid())
				ms := float64(in.mapped.Sub(in.started)) / float64(time.Millisecond)
				line := fmt.Sprintf("  run %2d %-6s window mapped after %6.1f ms", r+1, p.name, ms)
				rss := -1.0
				if r < m.runs {
					time.Sleep(time.Until(in.mapped.Add(settle)))
					rss, err = rssKiB(in.pid())
					line += fmt.Sprintf(", %6.1f MiB resident 5 s later", rss/1024)
				}
				in.stop()
				if err = errors.Join(err, cpuErr); err != nil {
					return fmt.Errorf("%s: %w", p.name, err)
				}
				out.add(figStart, p.name, ms)
				out.add(figStartCPU, p.name, float64(cpu)/float64(time.Millisecond))
				if rss >= 0 {
					out.add(figRSS, p.name, rss/1024)
				}
				fmt.Fprintln(os.Stderr, line)
			}
		}
		return nil
	})
}

// runIdle starts every run of every program at once, each on its own
// display, and measures the CPU time each uses over the idle period with
// its window shown, then again after its window was closed (hidden to the
// tray). CPU time is what the process itself used, so the programs running
// side by side does not change it much, and it keeps the bench short.
func runIdle(args []string) error {
	var idle time.Duration
	m, err := parseMeasure("idle", args, func(fs *flag.FlagSet) {
		fs.DurationVar(&idle, "for", time.Minute, "idle period measured")
	})
	if err != nil {
		return err
	}
	out, err := openResults(m.out)
	if err != nil {
		return err
	}
	defer out.Close()
	return withTrayHost(func(h *trayHost) error {
		all, err := launchAll(h, m, launch, 100)
		defer stopAll(all)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "  %d programs up, tray items registered; %s idle with windows shown\n", len(all), idle)
		if err := measureCPU(all, idle, figCPUShown, out); err != nil {
			return err
		}
		for _, in := range all {
			if err := in.hide(); err != nil {
				return err
			}
		}
		fmt.Fprintf(os.Stderr, "  windows closed, programs in the tray; %s idle\n", idle)
		return measureCPU(all, idle, figCPUHidden, out)
	})
}

// measureCPU lets the programs settle, then records the CPU time each used
// over the period.
func measureCPU(all []*instance, period time.Duration, figure string, out *results) error {
	time.Sleep(settle)
	before := make([]time.Duration, len(all))
	for i, in := range all {
		var err error
		if before[i], err = cpuTime(in.pid()); err != nil {
			return fmt.Errorf("%s: %w", in.prog.name, err)
		}
	}
	time.Sleep(period)
	for i, in := range all {
		after, err := cpuTime(in.pid())
		if err != nil || !in.alive() {
			return fmt.Errorf("%s stopped during the idle period: %v", in.prog.name, err)
		}
		used := after - before[i]
		out.add(figure, in.prog.name, float64(used)/float64(time.Millisecond))
		fmt.Fprintf(os.Stderr, "  %-6s %-9s %6.0f ms CPU\n", in.prog.name, figure, float64(used)/float64(time.Millisecond))
	}
	return nil
}
