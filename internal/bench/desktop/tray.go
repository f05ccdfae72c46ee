package main

import (
	"flag"
	"fmt"
	"github.com/iobeya-token/iobeya-token/internal/xwatch"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Tray-only figures, as named in the results file.
const (
	figTrayRSS = "tray-rss" // MiB resident 5 s after the tray item registered
	figTrayCPU = "tray-cpu" // ms of CPU over the tray idle period
	figOpen    = "open"     // ms from "Open iObeya Token" in the tray to the window mapped
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
		all, err := launchAll(h, m, launchTray, 200)
		defer stopAll(all)
		if err != nil {
			return err
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

// runOpen measures opening the window from the tray: the tray program runs
// with --background on a fresh display, then "Open iObeya Token" is chosen
// in its menu and the time until the window is mapped is taken. The window
// program must be beside the tray program. The figure is compared with the
// Fyne floor's start → window.
func runOpen(args []string) error {
	m, err := parseMeasure("open", args, nil)
	if err != nil {
		return err
	}
	out, err := openResults(m.out)
	if err != nil {
		return err
	}
	defer out.Close()
	return withTrayHost(func(h *trayHost) error {
		for r := range m.runs + 1 { // the first, not counted, warms the caches
			for _, p := range m.progs {
				ms, err := openOnce(h, p, m.logs, 300+r)
				if err != nil {
					return fmt.Errorf("%s: %w", p.name, err)
				}
				if r == 0 {
					continue
				}
				out.add(figOpen, p.name, ms)
				fmt.Fprintf(os.Stderr, "  run %2d %-6s window mapped %6.1f ms after Open\n", r, p.name, ms)
			}
		}
		return nil
	})
}

func openOnce(h *trayHost, p program, logs string, n int) (float64, error) {
	in := &instance{prog: p, exited: make(chan struct{})}
	defer in.stop()
	var err error
	if in.xvfb, in.display, err = startXvfb(); err != nil {
		return 0, err
	}
	if in.x, err = xwatch.Dial(in.display); err != nil {
		return 0, err
	}
	run, err := os.MkdirTemp("", "bench-run-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(run)
	log, err := os.Create(filepath.Join(logs, fmt.Sprintf("%s-open-%d.log", p.name, n)))
	if err != nil {
		return 0, err
	}
	defer log.Close()
	in.cmd = exec.Command(p.bin, "--background")
	in.cmd.Dir = logs
	in.cmd.Env = append(withoutDisplay(os.Environ()), "DISPLAY="+in.display, "XDG_RUNTIME_DIR="+run)
	in.cmd.Stdout, in.cmd.Stderr = log, log
	if err := in.cmd.Start(); err != nil {
		return 0, err
	}
	go func() {
		_ = in.cmd.Wait()
		close(in.exited)
	}()
	if err := h.waitFor(in.pid(), mapLimit); err != nil {
		return 0, err
	}
	time.Sleep(settle) // the first status check is done
	clicked := time.Now()
	if err := h.click(h.itemOf(in.pid()), "Open iObeya Token"); err != nil {
		return 0, err
	}
	ev, err := in.x.Next(true, mapLimit)
	if err != nil {
		return 0, err
	}
	// The window ends with the tray program's Quit; closing it here ends
	// its process at once.
	_ = in.x.CloseWindow(ev.Window)
	_, _ = in.x.Next(false, 20*time.Second)
	return float64(ev.At.Sub(clicked)) / float64(time.Millisecond), nil
}
