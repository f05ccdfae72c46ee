package cli

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestSystemClipboardNeedsADesktop(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skipf("skipped: the programs are chosen by environment only on Linux, this is %s", runtime.GOOS)
	}
	_, err := systemClipboard(func(string) string { return "" })
	if !errors.Is(err, ErrNoClipboard) || !strings.Contains(err.Error(), "no graphical session") {
		t.Errorf("without DISPLAY or WAYLAND_DISPLAY: %v", err)
	}
	p := explain(err)
	if !strings.Contains(p.Message, "No clipboard") || !strings.Contains(p.NextStep, "iobeya-token header") {
		t.Errorf("explain: %+v", p)
	}
}

// startXvfb starts a throw-away X server and returns its DISPLAY.
func startXvfb(t *testing.T) string {
	t.Helper()
	for _, prog := range []string{"Xvfb", "xclip"} {
		if _, err := exec.LookPath(prog); err != nil {
			t.Skipf("skipped: %s is not installed (scripts/setup.sh installs it)", prog)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// -displayfd: Xvfb picks a free display and writes its number once it
	// accepts connections, so there is nothing to poll.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "320x240x24")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb did not report its display within 30 s")
	}
	return ""
}

func TestXclipRoundTrip(t *testing.T) {
	display := startXvfb(t)
	cb, err := systemClipboard(func(k string) string {
		if k == "DISPLAY" {
			return display
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	value := "Bearer " + testenv.FakeJWT(`{"sub":"clipboard-test"}`)
	signature := value[strings.LastIndex(value, ".")+1:]
	if err := writeClipboard(ctx, cb, value); err != nil {
		t.Fatal(err)
	}
	got, err := cb.Read(ctx)
	if err != nil || got != value {
		t.Fatalf("the clipboard holds %q, %v", got, err)
	}
	// xclip keeps running to serve the selection: its arguments must not
	// hold the value (it went through its standard input).
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		if data, err := os.ReadFile(p); err == nil && strings.Contains(string(data), signature) {
			t.Errorf("a process has the value in its arguments: %s", p)
		}
	}
	cleared, err := clearIfUnchanged(ctx, cb, value)
	if err != nil || !cleared {
		t.Fatalf("clearIfUnchanged = %v, %v", cleared, err)
	}
	if got, _ := cb.Read(ctx); got != "" {
		t.Errorf("after clearing the clipboard holds %q", got)
	}
	// Something else copied meanwhile is left alone.
	if err := cb.Write(ctx, "the user's own text"); err != nil {
		t.Fatal(err)
	}
	if cleared, err := clearIfUnchanged(ctx, cb, value); err != nil || cleared {
		t.Errorf("clearIfUnchanged with other content = %v, %v", cleared, err)
	}
	if got, _ := cb.Read(ctx); got != "the user's own text" {
		t.Errorf("the user's text became %q", got)
	}
}
