package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDebVersion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1.2.3", "1.2.3"},
		{"v1.2.3", "1.2.3"},
		{"v1.2.3-4-gabc1234", "1.2.3+4.gabc1234"},
		{"v1.2.3-4-gabc1234-dirty", "1.2.3+4.gabc1234.dirty"},
		{"v1.2.3-dirty", "1.2.3+dirty"},
		{"1.2.3-rc1", "1.2.3~rc1"},
		{"0057159", "0.1.0~git.0057159"},
		{"abc1234-dirty", "0.1.0~git.abc1234.dirty"},
	} {
		got, err := debVersion(tc.in, "0.1.0")
		if err != nil || got != tc.want {
			t.Errorf("debVersion(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "dev", "1.2 3", "1.2.3/4"} {
		if got, err := debVersion(bad, "0.1.0"); err == nil {
			t.Errorf("debVersion(%q) = %q, want an error", bad, got)
		}
	}
}

func TestTemplatesEscapeAndList(t *testing.T) {
	dir := t.TempDir()
	toml := filepath.Join(dir, "FyneApp.toml")
	os.WriteFile(toml, []byte(`Website = "https://example.com/a&b"
[Details]
  Icon = "icon.png"
  Name = "A <B>"
  ID = "com.example.ab"
  Version = "1.0.0"
[LinuxAndBSD]
  Categories = ["Utility", "Security"]
`), 0o644)
	tmpl := filepath.Join(dir, "t.tmpl")
	os.WriteFile(tmpl, []byte(`{{xml .Name}}|{{xml .App.Website}}|{{list .App.LinuxAndBSD.Categories}}|{{.DebVersion}}|{{.Set.k}}
{{debtext .Set.long}}`), 0o644)
	var out, errb bytes.Buffer
	code := run([]string{"-toml", toml, "-version", "v2.0.0-1-gdeadbee", "-set", "k=v", "-set", "long=a\n\nb", tmpl}, &out, &errb)
	want := "A &lt;B&gt;|https://example.com/a&amp;b|Utility;Security;|2.0.0+1.gdeadbee|v\n a\n .\n b"
	if code != 0 || out.String() != want {
		t.Errorf("exit %d, %q (stderr %q), want %q", code, out.String(), errb.String(), want)
	}
	// A value the template needs but nobody set is an error, not "<no value>".
	out.Reset()
	if code := run([]string{"-toml", toml, tmpl}, &out, &errb); code == 0 {
		t.Errorf("a missing -set passed: %q", out.String())
	}
	out.Reset()
	if code := run([]string{"-toml", toml, "-get", "id"}, &out, &errb); code != 0 || out.String() != "com.example.ab\n" {
		t.Errorf("-get id: exit %d, %q", code, out.String())
	}
	if !strings.Contains(errb.String(), "k") {
		t.Errorf("the missing key is not named: %q", errb.String())
	}
}

func TestCommonLicense(t *testing.T) {
	apache := "Apache License\n                           Version 2.0, January 2004\n http://www.apache.org/licenses/ ..."
	if got := commonLicense(apache); !strings.Contains(got, "/usr/share/common-licenses/Apache-2.0") || strings.Contains(got, "January 2004") {
		t.Errorf("Apache 2.0 text kept: %q", got)
	}
	mit := "MIT License\n\nCopyright (c) 2020 Someone"
	if got := commonLicense(mit); got != mit {
		t.Errorf("MIT text changed: %q", got)
	}
}

func TestWinVersion(t *testing.T) {
	for _, tc := range []struct {
		in    string
		build int
		want  string
	}{
		{"0.1.0", 1, "0.1.0.1"},
		{"v2.10.3", 0, "2.10.3.0"},
		{"65535.0.0", 65535, "65535.0.0.65535"},
	} {
		got, err := winVersion(tc.in, tc.build)
		if err != nil || got != tc.want {
			t.Errorf("winVersion(%q, %d) = %q, %v; want %q", tc.in, tc.build, got, err, tc.want)
		}
	}
	for _, bad := range []struct {
		in    string
		build int
	}{{"1.2", 0}, {"1.2.3-rc1", 0}, {"65536.0.0", 0}, {"1.2.3", 70000}, {"1.2.3", -1}} {
		if got, err := winVersion(bad.in, bad.build); err == nil {
			t.Errorf("winVersion(%q, %d) = %q, want an error", bad.in, bad.build, got)
		}
	}
}

func TestResourceScriptQuoting(t *testing.T) {
	dir := t.TempDir()
	toml := filepath.Join(dir, "FyneApp.toml")
	os.WriteFile(toml, []byte("[Details]\n  Icon = \"i.png\"\n  Name = 'Say \"hi\"'\n  ID = \"com.example.hi\"\n  Version = \"1.2.3\"\n  Build = 4\n"), 0o644)
	tmpl := filepath.Join(dir, "t.rc.tmpl")
	os.WriteFile(tmpl, []byte(`{{rc .Name}} {{commas .WinVersion}}`), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"-toml", toml, tmpl}, &out, &errb); code != 0 || out.String() != `"Say ""hi""" 1,2,3,4` {
		t.Errorf("exit %d, %q (stderr %q)", code, out.String(), errb.String())
	}
}
