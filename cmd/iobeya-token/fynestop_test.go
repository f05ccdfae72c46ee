package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fyneapp "fyne.io/fyne/v2/app"
)

// TestFyneStopHookRunsAfterTheLoop: before the loop starts, the app takes
// Fyne's stop hook out (so Fyne queues nothing as it quits, the race in
// cmd/iobeya-token/fynestop.go) and still runs it: the preferences that
// hook saves reach the disk.
func TestFyneStopHookRunsAfterTheLoop(t *testing.T) {
	// Not t.TempDir: Fyne's watcher of the preferences file may still be
	// writing there as the test ends, which t.TempDir reports as a failure.
	config, err := os.MkdirTemp("", "fynestop-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(config) })
	t.Setenv("XDG_CONFIG_HOME", config)
	a := fyneapp.NewWithID("com.iobeya.token.stoptest")
	hook, ok := takeStopHook(a)
	if !ok {
		t.Fatal("this Fyne's lifecycle has no OnStopped/SetOnStoppedHookExecuted: check whether it still queues its stop hook as it quits (cmd/iobeya-token/fynestop.go)")
	}
	if hook == nil {
		t.Fatal("Fyne set no stop hook of its own: check whether the workaround in cmd/iobeya-token/fynestop.go is still needed")
	}
	if a.Lifecycle().(stopHooks).OnStopped() != nil {
		t.Fatal("a stop hook is still set after takeStopHook: Fyne would queue it as it quits")
	}

	a.Preferences().SetString("stoptest", "kept")
	file := filepath.Join(config, "fyne", "com.iobeya.token.stoptest", "preferences.json")
	if !waitFor(5*time.Second, func() bool { _, err := os.Stat(file); return err == nil }) {
		t.Fatalf("Fyne wrote no preferences file at %s", file)
	}
	// The file goes; only the hook can write it again.
	time.Sleep(200 * time.Millisecond) // Fyne ignores changes for 100 ms after a save
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	hook()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the stop hook did not save the preferences: %v", err)
	}
	if !strings.Contains(string(data), `"stoptest":"kept"`) {
		t.Fatalf("the saved preferences lack the value set: %s", data)
	}
}
