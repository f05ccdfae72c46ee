package client

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestOptionsRefuseBadValues(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		want error // nil: any error
	}{
		{"nil HTTP client", WithHTTPClient(nil), nil},
		{"zero timeout", WithTimeout(0), nil},
		{"negative timeout", WithTimeout(-time.Second), nil},
		{"api base ftp", WithAPIBase("ftp://acme.api.iobeya.com/v1"), ErrInvalidAddress},
		{"api base relative", WithAPIBase("/v1"), ErrInvalidAddress},
		{"api base http remote", WithAPIBase("http://acme.api.iobeya.com/v1"), ErrInsecure},
		{"api base query", WithAPIBase("https://acme.api.iobeya.com/v1?x=1"), ErrInvalidAddress},
		{"api base userinfo", WithAPIBase("https://u:p@acme.api.iobeya.com/v1"), ErrInvalidAddress},
		{"api base bad host", WithAPIBase("https://ac_me.api.iobeya.com/v1"), ErrInvalidAddress},
		{"api base javascript", WithAPIBase("javascript:alert(1)"), ErrInvalidAddress},
		{"path without slash", WithPaths(Paths{PAT: "personal-access-token"}), nil},
		{"path to another host", WithPaths(Paths{Me: "//evil.example/me"}), nil},
		{"path with query", WithPaths(Paths{Me: "/me?token=1"}), nil},
		{"path with dot-dot", WithPaths(Paths{Discovery: "/a/../b"}), nil},
		{"path with escape", WithPaths(Paths{PAT: "/%2e%2e/x"}), nil},
		{"path with space", WithPaths(Paths{PAT: "/a b"}), nil},
		{"nil option", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New("acme", tt.opt)
			if err == nil {
				t.Fatalf("New accepted it: %+v", c)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestNewRefusesBadPlatform(t *testing.T) {
	for _, in := range []string{"", "http://acme.iobeya.com", "javascript:alert(1)"} {
		if _, err := New(in); !errors.Is(err, ErrInvalidAddress) && !errors.Is(err, ErrInsecure) {
			t.Errorf("New(%q): %v", in, err)
		}
	}
}

func TestClientDefaults(t *testing.T) {
	c, err := New("acme")
	if err != nil {
		t.Fatal(err)
	}
	if c.Timeout() != 15*time.Second || c.HTTPClient().Timeout != 15*time.Second {
		t.Errorf("timeout = %v / %v, want 15s", c.Timeout(), c.HTTPClient().Timeout)
	}
	if c.Host() != "acme.iobeya.com" || c.Platform().String() != "https://acme.iobeya.com" {
		t.Errorf("Host %q Platform %q", c.Host(), c.Platform())
	}
	p := c.Platform()
	p.Host = "evil.example"
	if c.Platform().Host != "acme.iobeya.com" {
		t.Error("Platform() is not a copy")
	}
	ua, ok := c.HTTPClient().Transport.(*userAgentTransport)
	if !ok {
		t.Fatalf("transport is %T", c.HTTPClient().Transport)
	}
	tr, ok := ua.base.(*http.Transport)
	if !ok || tr.Proxy == nil {
		t.Fatalf("default transport %T does not take the proxy from the environment", ua.base)
	}
	if tr == http.DefaultTransport {
		t.Error("the default transport is shared with the rest of the program")
	}
}

func TestOptionsApply(t *testing.T) {
	f := newFakePlatform(t)
	paths := Paths{Me: "/whoami", PAT: "/tokens/personal"}
	var agents []string
	f.mux.HandleFunc("GET "+facadeBase+"/whoami", func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		writeJSON(w, 200, User{ID: "u_alice"})
	})
	f.mux.HandleFunc("DELETE "+facadeBase+"/tokens/personal", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(204)
	})
	f.mux.HandleFunc("POST /auth/token", func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	})
	c := f.client(t, WithPaths(paths), WithTimeout(time.Minute))
	if _, err := c.WhoAmI(t.Context(), mintOpaque("at_")); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokePAT(t.Context(), mintOpaque("at_")); err != nil {
		t.Fatal(err)
	}
	// The HTTP client handed to x/oauth2 carries the user agent and never
	// follows redirects.
	resp, err := c.HTTPClient().Post(f.srv.URL+"/auth/token", "application/x-www-form-urlencoded", strings.NewReader("grant_type=x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || f.count("/elsewhere") != 0 {
		t.Errorf("redirect followed: status %d", resp.StatusCode)
	}
	for _, ua := range agents {
		if ua != defaultUserAgent {
			t.Errorf("User-Agent = %q", ua)
		}
	}
	if len(agents) != 2 || c.HTTPClient().Timeout != time.Minute {
		t.Errorf("%d requests seen, timeout %v", len(agents), c.HTTPClient().Timeout)
	}
	if f.count(facadeBase+"/me") != 0 || f.count(facadeBase+"/personal-access-token") != 0 {
		t.Error("default paths used despite WithPaths")
	}
}

func TestWithHTTPClientKeepsCallerClient(t *testing.T) {
	f := newFakePlatform(t)
	hc := &http.Client{Timeout: 3 * time.Second}
	c := f.client(t, WithHTTPClient(hc))
	if hc.CheckRedirect != nil || hc.Transport != nil {
		t.Error("the caller's HTTP client was changed")
	}
	if c.HTTPClient().Timeout != 3*time.Second {
		t.Errorf("caller's timeout not kept: %v", c.HTTPClient().Timeout)
	}
	if _, err := c.Discover(t.Context()); err != nil {
		t.Fatal(err)
	}
}
