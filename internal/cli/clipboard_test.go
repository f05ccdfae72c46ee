package cli

import (
	"errors"
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
	p := explain(err)
	if !strings.Contains(p.Message, "No clipboard") || !strings.Contains(p.NextStep, "iobeya-token header") {
		t.Errorf("explain: %+v", p)
	}
}
