package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
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
	p := (&run{}).explain(fmt.Errorf("copy: %w", err))
	want := "No clipboard is available here: there is no graphical session (DISPLAY and WAYLAND_DISPLAY are empty)."
	if p.Message != want || !strings.Contains(p.NextStep, "iobeya-token header") {
		t.Errorf("explain: %+v; want the message %q", p, want)
	}
}

func TestXclipRoundTrip(t *testing.T) {
	display := testenv.StartXvfb(t, "320x240x24", "xclip")
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
		t.Fatalf("the clipboard holds %d bytes, not the value (%v)", len(got), err)
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
