package cli

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
)

func TestSystemClipboardNeedsADesktop(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skipf("skipped: the programs are chosen by environment only on Linux, this is %s", runtime.GOOS)
	}
	_, err := clipboard.System(func(string) string { return "" })
	if !errors.Is(err, ErrNoClipboard) || !strings.Contains(err.Error(), "no graphical session") {
		t.Errorf("without DISPLAY or WAYLAND_DISPLAY: %v", err)
	}
	p := (&run{}).explain(fmt.Errorf("copy: %w", err))
	want := "No clipboard is available here: there is no graphical session (DISPLAY and WAYLAND_DISPLAY are empty)."
	if p.Message != want || !strings.Contains(p.NextStep, "iobeya-token header") {
		t.Errorf("explain: %+v; want the message %q", p, want)
	}
}
