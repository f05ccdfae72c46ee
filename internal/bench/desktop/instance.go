package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/xwatch"
)

// instance is one program running on its own fresh Xvfb display.
type instance struct {
	prog    program
	xvfb    *exec.Cmd
	display string
	x       *xwatch.Conn
	cmd     *exec.Cmd
	exited  chan struct{}
	window  uint32
	started time.Time // just before exec
	mapped  time.Time // when the server reported the window mapped
}

// mapLimit bounds the wait for a window; a cold start on a busy shared
// machine stays far below it.
const mapLimit = 60 * time.Second

// launch starts a fresh Xvfb, then the program on it, and returns once the
// program's window is mapped.
func launch(p program, logs string, n int) (*instance, error) {
	in := &instance{prog: p, exited: make(chan struct{})}
	var err error
	if in.xvfb, in.display, err = startXvfb(); err != nil {
		return nil, err
	}
	if in.x, err = xwatch.Dial(in.display); err != nil {
		in.stop()
		return nil, err
	}
	log, err := os.Create(filepath.Join(logs, fmt.Sprintf("%s-%d.log", p.name, n)))
	if err != nil {
		in.stop()
		return nil, err
	}
	defer log.Close()
	in.cmd = exec.Command(p.bin)
	// Away from the repository: a development build of a Fyne program run
	// from a temporary folder reads FyneApp.toml in its working directory
	// and decodes the icon named there, which neither program asked for.
	in.cmd.Dir = logs
	in.cmd.Env = append(withoutDisplay(os.Environ()), "DISPLAY="+in.display)
	in.cmd.Stdout, in.cmd.Stderr = log, log
	in.started = time.Now()
	if err := in.cmd.Start(); err != nil {
		in.stop()
		return nil, err
	}
	go func() {
		_ = in.cmd.Wait()
		close(in.exited)
	}()
	ev, err := in.x.Next(true, mapLimit)
	if err != nil {
		in.stop()
		return nil, fmt.Errorf("%s: %w (its output is in %s)", p.name, err, log.Name())
	}
	in.window, in.mapped = ev.Window, ev.At
	return in, nil
}

// hide closes the window as a window manager's close button does and waits
// for it to be unmapped; the program must still run (hidden in the tray).
func (in *instance) hide() error {
	if err := in.x.CloseWindow(in.window); err != nil {
		return err
	}
	if _, err := in.x.Next(false, 20*time.Second); err != nil {
		return fmt.Errorf("%s: closing the window: %w", in.prog.name, err)
	}
	if !in.alive() {
		return fmt.Errorf("%s quit when its window was closed, with a tray host on the bus", in.prog.name)
	}
	return nil
}

func (in *instance) alive() bool {
	select {
	case <-in.exited:
		return false
	default:
		return true
	}
}

func (in *instance) pid() int { return in.cmd.Process.Pid }

// stop ends the program, then its display.
func (in *instance) stop() {
	if in.cmd != nil && in.cmd.Process != nil {
		_ = in.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-in.exited:
		case <-time.After(5 * time.Second):
			_ = in.cmd.Process.Kill()
			<-in.exited
		}
	}
	if in.x != nil {
		in.x.Close()
	}
	if in.xvfb != nil {
		_ = in.xvfb.Process.Kill()
		_ = in.xvfb.Wait()
	}
}

// startXvfb starts a virtual display; -displayfd lets Xvfb pick a free
// display number and tell us which, once it accepts connections.
func startXvfb() (*exec.Cmd, string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, "", err
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, "", fmt.Errorf("starting Xvfb: %w", err)
	}
	w.Close()
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case s := <-line:
		if _, err := strconv.Atoi(s); err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return nil, "", errors.New("no display number from Xvfb")
		}
		return cmd, ":" + s, nil
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, "", errors.New("no display from Xvfb within 20 s")
	}
}

func withoutDisplay(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			out = append(out, kv)
		}
	}
	return out
}

// rssKiB is the process's resident memory (VmRSS) in KiB.
func rssKiB(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			return strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		}
	}
	return 0, errors.New("no VmRSS")
}

// userHZ is the unit of utime and stime in /proc/PID/stat on Linux.
const userHZ = 100

// cpuTime is the CPU time the process has used so far (utime + stime, all
// threads).
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name may hold spaces; the fields after it are plain.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * time.Second / userHZ, nil
}

// launchAll starts each program m.runs times with start (run numbers from
// base, for their logs) and waits until each has its tray item. It returns
// what it started even on failure, for stopAll.
func launchAll(h *trayHost, m *measureFlags, start func(program, string, int) (*instance, error), base int) ([]*instance, error) {
	var all []*instance
	for r := range m.runs {
		for _, p := range m.progs {
			in, err := start(p, m.logs, base+r)
			if err != nil {
				return all, err
			}
			all = append(all, in)
		}
	}
	for _, in := range all {
		if err := h.waitFor(in.pid(), mapLimit); err != nil {
			return all, fmt.Errorf("%s: %w", in.prog.name, err)
		}
	}
	return all, nil
}

// stopAll stops what launchAll started.
func stopAll(all []*instance) {
	for _, in := range all {
		in.stop()
	}
}
