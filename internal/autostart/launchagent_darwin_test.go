package autostart

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLaunchAgent: the property list is well-formed XML with the path
// escaped, in ~/Library/LaunchAgents, and Disable removes it.
func TestLaunchAgent(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	exe := "/Applications/iObeya Token & co.app/Contents/MacOS/iobeya-token"
	if err := Enable(exe); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(home, "Library", "LaunchAgents", AppID+".plist"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Strings []string `xml:"dict>array>string"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, data)
	}
	if strings.Join(doc.Strings, "|") != exe+"|"+BackgroundFlag {
		t.Fatalf("ProgramArguments = %q", doc.Strings)
	}
	if on, err := Enabled(); !on || err != nil {
		t.Fatalf("Enabled() = %v, %v", on, err)
	}
	if err := Disable(); err != nil {
		t.Fatal(err)
	}
	if on, err := Enabled(); on || err != nil {
		t.Fatalf("after Disable: Enabled() = %v, %v", on, err)
	}
}
