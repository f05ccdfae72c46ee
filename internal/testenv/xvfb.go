package testenv

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// StartXvfb starts a throw-away X server with one screen of the given
// geometry (e.g. "320x240x24") and returns its DISPLAY (":N"); it is
// stopped when the test ends. need names other programs the test runs on
// that display: when Xvfb or one of them is not installed, the test is
// skipped saying which (scripts/setup.sh installs them all).
func StartXvfb(t testing.TB, screen string, need ...string) string {
	t.Helper()
	for _, prog := range append([]string{"Xvfb"}, need...) {
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
	// accepts connections, so parallel runs do not collide and there is
	// nothing to poll.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", screen)
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
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
