package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

// TestNoDisplay: started where there is no graphical display (over ssh, in
// a container), the app says so in words and exits 1, instead of the
// window driver's panic.
func TestNoDisplay(t *testing.T) {
	bin := binary(t)
	cmd := exec.Command(bin)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "DISPLAY" && k != "WAYLAND_DISPLAY" && k != "HOME" {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "HOME="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want 1", err)
	}
	out := stderr.String()
	if !strings.Contains(out, "there is no graphical display here") || !strings.Contains(out, "iobeya-token help") {
		t.Errorf("stderr does not explain: %s", out)
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine") {
		t.Errorf("a panic reached the user: %s", out)
	}
}

func TestNoDisplayEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want bool // a problem is reported
	}{
		{map[string]string{}, true},
		{map[string]string{"DISPLAY": ":0"}, false},
		{map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
	}
	for _, tt := range tests {
		got := noDisplay(words.English(), func(k string) string { return tt.env[k] }) != ""
		if got != tt.want {
			t.Errorf("%v: problem=%v, want %v", tt.env, got, tt.want)
		}
	}
}
