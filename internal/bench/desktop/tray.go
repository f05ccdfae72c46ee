package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Tray-only figures, as named in the results file.
const (
	figTrayRSS = "tray-rss" // MiB resident 5 s after the tray item registered
	figTrayCPU = "tray-cpu" // ms of CPU over the tray idle period
)

// runTray measures programs that live in the tray only, with no window:
// each is started as the session's login entry starts it (with
// --background, which the bare floor ignores), every run of every program
// at once, each with a runtime folder of its own (one tray program per
// user would otherwise turn the others away). Once all have registered
// their tray items: the resident memory after settling, then the CPU time
// over the idle period.
func runTray(args []string) error {
	var idle time.Duration
	m, err := parseMeasure("tray", args, func(fs *flag.FlagSet) {
		fs.DurationVar(&idle, "for", 20*time.Second, "idle period measured")
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
		var all []*instance
		defer func() {
			for _, in := range all {
				in.stop()
			}
		}()
		for r := range m.runs {
			for _, p := range m.progs {
				in, err := launchTray(p, m.logs, 200+r)
				if err != nil {
					return err
				}
				all = append(all, in)
			}
		}
		for _, in := range all {
			if err := h.waitFor(in.pid(), mapLimit); err != nil {
				return fmt.Errorf("%s: %w", in.prog.name, err)
			}
		}
		fmt.Fprintf(os.Stderr, "  %d tray programs up, items registered\n", len(all))
		time.Sleep(settle)
		for _, in := range all {
			rss, err := rssKiB(in.pid())
			if err != nil {
				return fmt.Errorf("%s: %w", in.prog.name, err)
			}
			out.add(figTrayRSS, in.prog.name, rss/1024)
			fmt.Fprintf(os.Stderr, "  %-9s %6.1f MiB resident\n", in.prog.name, rss/1024)
		}
		fmt.Fprintf(os.Stderr, "  %s idle in the tray\n", idle)
		return measureCPU(all, idle, figTrayCPU, out)
	})
}

// launchTray starts a tray-only program with --background and no display.
func launchTray(p program, logs string, n int) (*instance, error) {
	in := &instance{prog: p, exited: make(chan struct{})}
	run, err := os.MkdirTemp("", "bench-run-")
	if err != nil {
		return nil, err
	}
	log, err := os.Create(filepath.Join(logs, fmt.Sprintf("%s-%d.log", p.name, n)))
	if err != nil {
		return nil, err
	}
	defer log.Close()
	in.cmd = exec.Command(p.bin, "--background")
	in.cmd.Dir = logs
	in.cmd.Env = append(withoutDisplay(os.Environ()), "XDG_RUNTIME_DIR="+run)
	in.cmd.Stdout, in.cmd.Stderr = log, log
	in.started = time.Now()
	if err := in.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		_ = in.cmd.Wait()
		close(in.exited)
		_ = os.RemoveAll(run)
	}()
	return in, nil
}
