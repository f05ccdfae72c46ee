package autostart

import (
	"os"
	"regexp"
	"testing"
)

// TestFyneApp checks the names agree with FyneApp.toml, the app's single
// source of its ID, name and comment.
func TestFyneApp(t *testing.T) {
	data, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"ID": AppID, "Name": Name, "Comment": Comment} {
		m := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*"([^"]*)"`).FindSubmatch(data)
		if m == nil {
			t.Errorf("FyneApp.toml has no %s", key)
			continue
		}
		if string(m[1]) != want {
			t.Errorf("FyneApp.toml's %s is %q, this package says %q", key, m[1], want)
		}
	}
}

// TestEnableNeedsFullPath: a relative path would start whatever the
// session's working directory holds.
func TestEnableNeedsFullPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	if err := Enable("iobeya-token"); err == nil {
		t.Fatal("Enable accepted a relative path")
	}
	if on, err := Enabled(); on || err != nil {
		t.Fatalf("after a refused Enable: Enabled() = %v, %v; want false", on, err)
	}
}
