package clitest

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func xclipOut(t *testing.T, display string) string {
	t.Helper()
	cmd := exec.Command("xclip", "-selection", "clipboard", "-out")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, _ := cmd.Output()
	return string(out)
}

// TestCopyThenCtrlC: copy, in its own process, puts the value on the X
// clipboard through xclip, and Ctrl+C during the wait clears it at once.
func TestCopyThenCtrlC(t *testing.T) { copyThenSignal(t, syscall.SIGINT, "Ctrl+C") }

// TestCopyThenHangUp: closing the terminal during the wait (SIGHUP) clears
// the clipboard exactly like Ctrl+C.
func TestCopyThenHangUp(t *testing.T) { copyThenSignal(t, syscall.SIGHUP, "SIGHUP") }

// copyThenSignal runs copy in its own process, sends it sig during the
// wait, and checks that the clipboard was cleared at once.
func copyThenSignal(t *testing.T, sig syscall.Signal, name string) {
	display := testenv.StartXvfb(t, "320x240x24", "xclip")
	e := newEnv(t, sandbox.Config{})
	e.must("login", "--platform", e.srv.URL())
	e.must("generate", "--yes")
	pat := e.stored("pat")

	cmd := e.command("", []string{"DISPLAY=" + display}, "copy", "--clear-after", "1h")
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	var out strings.Builder
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "It will be cleared in 1 hour") {
			break
		}
	}
	if got := xclipOut(t, display); got != "Bearer "+pat {
		t.Fatalf("the clipboard holds %d bytes, not the Bearer value; stdout %q stderr %q", len(got), out.String(), errb.String())
	}
	cmd.Process.Signal(sig)
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("copy after %s: %v; stderr %q", name, err, errb.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("copy did not end within 30 s of %s", name)
	}
	if !strings.Contains(out.String(), "Clipboard cleared.") || strings.Contains(out.String()+errb.String(), pat) {
		t.Errorf("copy printed %q, %q", out.String(), errb.String())
	}
	if got := xclipOut(t, display); got != "" {
		t.Errorf("after %s the clipboard still holds %d bytes", name, len(got))
	}
}
