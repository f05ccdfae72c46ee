//go:build linux

package clipboard

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestXclipRoundTrip(t *testing.T) {
	display := testenv.StartXvfb(t, "320x240x24", "xclip")
	cb, err := System(func(k string) string {
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
	if err := cb.Write(ctx, value); err != nil {
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
	cleared, err := ClearIfUnchanged(ctx, cb, value)
	if err != nil || !cleared {
		t.Fatalf("ClearIfUnchanged = %v, %v", cleared, err)
	}
	if got, _ := cb.Read(ctx); got != "" {
		t.Errorf("after clearing the clipboard holds %q", got)
	}
	// Something else copied meanwhile is left alone.
	if err := cb.Write(ctx, "the user's own text"); err != nil {
		t.Fatal(err)
	}
	if cleared, err := ClearIfUnchanged(ctx, cb, value); err != nil || cleared {
		t.Errorf("ClearIfUnchanged with other content = %v, %v", cleared, err)
	}
	if got, _ := cb.Read(ctx); got != "the user's own text" {
		t.Errorf("the user's text became %q", got)
	}
}

// TestWindowsClipboardUnderWine runs this package's Windows test
// (TestWindowsClipboardMarked: the copy carries the marks that keep it out
// of clipboard history and the cloud clipboard) under Wine, on a virtual
// display whose clipboard Wine uses.
func TestWindowsClipboardUnderWine(t *testing.T) {
	display := testenv.StartXvfb(t, "320x240x24")
	exe := testenv.WindowsTest(t, "./internal/clipboard")
	w := testenv.NewWine(t)
	w.Setenv("DISPLAY=" + display)
	r := w.Run(t, "", exe, "-test.run", "^TestWindowsClipboardMarked$", "-test.v")
	if r.Code != 0 || !strings.Contains(r.Stdout, "--- PASS: TestWindowsClipboardMarked") {
		t.Fatalf("the Windows test under Wine: %s", r)
	}
}
