package signin

import (
	"errors"
	"io"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/pkg/browser"
)

func TestCheckLink(t *testing.T) {
	remote, _ := url.Parse("https://acme.iobeya.com")
	loop, _ := url.Parse("http://127.0.0.1:8080")
	tests := []struct {
		name     string
		platform *url.URL
		link     string
		ok       bool
	}{
		{"https on the platform", remote, "https://acme.iobeya.com/oauth/authorize?state=x", true},
		{"explicit default port", remote, "https://acme.iobeya.com:443/oauth/authorize", true},
		{"upper-case host", remote, "https://ACME.iobeya.com/oauth/authorize", true},
		{"http on a loopback platform", loop, "http://127.0.0.1:8080/oauth/authorize", true},
		{"file", remote, "file:///etc/passwd", false},
		{"javascript", remote, "javascript:alert(1)", false},
		{"data", remote, "data:text/html,<script>alert(1)</script>", false},
		{"http on a remote platform", remote, "http://acme.iobeya.com/oauth/authorize", false},
		{"ftp", remote, "ftp://acme.iobeya.com/x", false},
		{"another host", remote, "https://evil.example/oauth/authorize", false},
		{"a look-alike host", remote, "https://acme.iobeya.com.evil.example/oauth/authorize", false},
		{"another port", remote, "https://acme.iobeya.com:8443/oauth/authorize", false},
		{"user info", remote, "https://acme.iobeya.com@evil.example/", false},
		{"user info on the platform", remote, "https://user@acme.iobeya.com/", false},
		{"relative", remote, "/oauth/authorize", false},
		{"empty", remote, "", false},
		{"an option for the helper", remote, "--help", false},
		{"space", remote, "https://acme.iobeya.com/ a", false},
		{"newline", remote, "https://acme.iobeya.com/\n--new-window", false},
		{"loopback platform, other loopback port", loop, "http://127.0.0.1:9090/oauth/authorize", false},
		{"loopback platform, remote http", loop, "http://evil.example:8080/", false},
		{"loopback platform, localhost", loop, "http://localhost:8080/oauth/authorize", false},
		{"mailto", remote, "mailto:a@acme.iobeya.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckLink(tt.platform, tt.link)
			if tt.ok {
				if err != nil {
					t.Fatalf("CheckLink(%q) = %v, want it allowed", tt.link, err)
				}
				return
			}
			if !errors.Is(err, ErrUnsafeURL) {
				t.Fatalf("CheckLink(%q) = %v, want ErrUnsafeURL", tt.link, err)
			}
			if !strings.Contains(err.Error(), "was not opened") {
				t.Errorf("error %q", err)
			}
		})
	}
}

// TestBrowserOpenerIsQuiet checks that BrowserOpener silences the helper
// programs pkg/browser starts, without starting any: PATH is emptied so no
// helper is found.
func TestBrowserOpenerIsQuiet(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("skipped on Windows: pkg/browser opens links there with ShellExecute, which starts no helper program to silence, and an empty PATH would not keep a real browser from opening")
	}
	t.Setenv("PATH", t.TempDir())
	err := BrowserOpener{}.Open("https://acme.iobeya.com/")
	if err == nil || !strings.Contains(err.Error(), "no browser could be opened") {
		t.Fatalf("Open with no helper = %v", err)
	}
	if browser.Stdout != io.Discard || browser.Stderr != io.Discard {
		t.Error("pkg/browser still writes to our standard output")
	}
}
