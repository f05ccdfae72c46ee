package client

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParsePlatform(t *testing.T) {
	tests := []struct {
		in, want, wantAPI string
	}{
		// Every row of docs/platform-api.md §1.
		{"acme", "https://acme.iobeya.com", "https://acme.api.iobeya.com/v1"},
		{"acme.iobeya.com", "https://acme.iobeya.com", "https://acme.api.iobeya.com/v1"},
		{"https://acme.iobeya.com/", "https://acme.iobeya.com", "https://acme.api.iobeya.com/v1"},
		{"https://tokens.example.org", "https://tokens.example.org", "https://tokens.example.org/v1"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"},
		{"127.0.0.1:8080", "http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"},
		{"localhost:8080", "http://localhost:8080", "http://localhost:8080/v1"},
		// Normalisation.
		{"  ACME.iObeya.COM  ", "https://acme.iobeya.com", "https://acme.api.iobeya.com/v1"},
		{"HTTPS://Acme.IOBEYA.com:443", "https://acme.iobeya.com", "https://acme.api.iobeya.com/v1"},
		{"acme.iobeya.com/", "https://acme.iobeya.com", "https://acme.api.iobeya.com/v1"},
		{"acme:8443", "https://acme.iobeya.com:8443", "https://acme.api.iobeya.com:8443/v1"},
		{"https://acme.iobeya.com:8443", "https://acme.iobeya.com:8443", "https://acme.api.iobeya.com:8443/v1"},
		{"localhost", "http://localhost", "http://localhost/v1"},
		{"http://localhost:80/", "http://localhost", "http://localhost/v1"},
		{"[::1]:9000", "http://[::1]:9000", "http://[::1]:9000/v1"},
		{"http://[::1]:9000", "http://[::1]:9000", "http://[::1]:9000/v1"},
		{"https://127.0.0.1:8443", "https://127.0.0.1:8443", "https://127.0.0.1:8443/v1"},
		{"https://[2001:db8::1]", "https://[2001:db8::1]", "https://[2001:db8::1]/v1"},
		{"10.0.0.5", "https://10.0.0.5", "https://10.0.0.5/v1"},
		{"acme.api.iobeya.com", "https://acme.api.iobeya.com", "https://acme.api.iobeya.com/v1"},
		{"iobeya.com", "https://iobeya.com", "https://iobeya.com/v1"},
		{"a-b.iobeya.com", "https://a-b.iobeya.com", "https://a-b.api.iobeya.com/v1"},
		{strings.Repeat("a", 63) + ".example.org", "https://" + strings.Repeat("a", 63) + ".example.org", "https://" + strings.Repeat("a", 63) + ".example.org/v1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePlatform(tt.in)
			if err != nil {
				t.Fatalf("ParsePlatform(%q): %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Errorf("ParsePlatform(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if api := DeriveAPIBase(got).String(); api != tt.wantAPI {
				t.Errorf("DeriveAPIBase(%q) = %q, want %q", got, api, tt.wantAPI)
			}
		})
	}
}

func TestParsePlatformRefuses(t *testing.T) {
	long := strings.Repeat("a", 64)
	tests := []struct {
		name, in string
		want     error
		says     string // a fragment of the reason
	}{
		{"empty", "", ErrInvalidAddress, "empty"},
		{"blank", "   ", ErrInvalidAddress, "empty"},
		{"space inside", "acme corp", ErrInvalidAddress, "spaces"},
		{"tab inside", "acme\tcorp.com", ErrInvalidAddress, "spaces"},
		{"newline inside", "acme.iobeya.com\nevil", ErrInvalidAddress, "spaces"},
		{"ftp", "ftp://x", ErrInvalidAddress, "ftp: addresses"},
		{"javascript", "javascript:alert(1)", ErrInvalidAddress, "javascript: addresses"},
		{"file", "file:///etc/passwd", ErrInvalidAddress, "file: addresses"},
		{"data", "data:text/html,hi", ErrInvalidAddress, "data: addresses"},
		{"http remote", "http://acme.iobeya.com", ErrInsecure, "use https://acme.iobeya.com instead"},
		{"http remote port", "HTTP://Acme.iobeya.com:8080/", ErrInsecure, "use https://acme.iobeya.com:8080 instead"},
		{"http bare remote", "http://acme", ErrInsecure, "use https://acme instead"},
		{"userinfo", "https://bob:hunter2@acme.iobeya.com", ErrInvalidAddress, "user name"},
		{"bare userinfo", "bob@acme.iobeya.com", ErrInvalidAddress, "user name"},
		{"userinfo before a path", "bob:pa/ss@acme.iobeya.com", ErrInvalidAddress, "user name"},
		{"userinfo with a path", "https://bob:pw@acme.iobeya.com/app?x#y", ErrInvalidAddress, "user name"},
		{"cyrillic a", "\u0430cme.iobeya.com", ErrInvalidAddress, "\"\u0430\" (U+0430)"},
		{"cyrillic in a url", "https://acm\u0435.iobeya.com/app", ErrInvalidAddress, "U+0435"},
		{"missing .com", "acme.iobeya", ErrInvalidAddress, "did you mean acme.iobeya.com?"},
		{"missing .com with scheme", "https://acme.iobeya/app", ErrInvalidAddress, "did you mean acme.iobeya.com?"},
		{"label over 63", long + ".iobeya.com", ErrInvalidAddress, "63"},
		{"bare label over 63", long, ErrInvalidAddress, "63"},
		{"underscore", "ac_me.iobeya.com", ErrInvalidAddress, "not allowed"},
		{"non-ascii", "café.iobeya.com", ErrInvalidAddress, "U+00E9"},
		{"percent", "ac%6De.iobeya.com", ErrInvalidAddress, "not allowed"},
		{"leading hyphen", "-acme.iobeya.com", ErrInvalidAddress, "-"},
		{"empty label", "acme..iobeya.com", ErrInvalidAddress, "empty part"},
		{"trailing dot", "acme.iobeya.com.", ErrInvalidAddress, "empty part"},
		{"port zero", "acme.iobeya.com:0", ErrInvalidAddress, "port"},
		{"port too big", "localhost:65536", ErrInvalidAddress, "port"},
		{"port empty", "https://acme.iobeya.com:", ErrInvalidAddress, "port"},
		{"port letters", "https://acme.iobeya.com:https", ErrInvalidAddress, "port"},
		{"no host", "https://", ErrInvalidAddress, "missing"},
		{"no slashes", "https:acme.iobeya.com", ErrInvalidAddress, "//"},
		{"bad ip", "999.1.1.1", ErrInvalidAddress, "IP"},
		{"unbracketed v6", "::1", ErrInvalidAddress, "brackets"},
		{"bad v6", "[zz::1]", ErrInvalidAddress, "IPv6"},
		{"zoned v6", "[fe80::1%25eth0]", ErrInvalidAddress, "IPv6"},
		{"too long", strings.Repeat("abcdefghi.", 26) + "com", ErrInvalidAddress, "253"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := ParsePlatform(tt.in)
			if err == nil {
				t.Fatalf("ParsePlatform(%q) = %v, want an error", tt.in, u)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("ParsePlatform(%q) error %v, want errors.Is %v", tt.in, err, tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.says) {
				t.Errorf("error %q does not say %q", msg, tt.says)
			}
			shown := redactUserInfo(tt.in)
			if len(shown) > 80 {
				shown = shown[:80]
			}
			if q := fmt.Sprintf("%q", Redact(shown)); !strings.Contains(msg, q[1:len(q)-1]) {
				t.Errorf("error %q does not name the input %q", msg, tt.in)
			}
			if strings.Contains(msg, "path, query") || strings.Contains(msg, "pw") || strings.Contains(msg, "ss@") {
				t.Errorf("error %q speaks of paths or repeats user info", msg)
			}
			var ae *AddressError
			if tt.want == ErrInvalidAddress && errors.As(err, &ae) && ae.Suggestion == "" && !strings.Contains(msg, "acme, acme.iobeya.com or https://acme.iobeya.com") {
				t.Errorf("error %q shows no accepted example", msg)
			}
		})
	}
}

// TestParseAddressReduces: a browser address is reduced to the platform's
// origin, and the result says so.
func TestParseAddressReduces(t *testing.T) {
	tests := []struct {
		in, want    string
		wantReduced bool
	}{
		{"https://acme.iobeya.com/app/boards?x#y", "https://acme.iobeya.com", true},
		{"https://acme.iobeya.com/login", "https://acme.iobeya.com", true},
		{"acme.iobeya.com/boards", "https://acme.iobeya.com", true},
		{"https://acme.iobeya.com//", "https://acme.iobeya.com", true},
		{"https://acme.iobeya.com?x=1", "https://acme.iobeya.com", true},
		{"acme.iobeya.com?x=1", "https://acme.iobeya.com", true},
		{"https://acme.iobeya.com#top", "https://acme.iobeya.com", true},
		{"https://acme.iobeya.com/app?mail=a@b.example", "https://acme.iobeya.com", true},
		{"http://127.0.0.1:8080/s/pat", "http://127.0.0.1:8080", true},
		{"https://acme.iobeya.com/", "https://acme.iobeya.com", false},
		{"acme", "https://acme.iobeya.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := ParseAddress(tt.in)
			if err != nil {
				t.Fatalf("ParseAddress(%q): %v", tt.in, err)
			}
			if a.Origin.String() != tt.want || a.Reduced != tt.wantReduced {
				t.Errorf("ParseAddress(%q) = %v, reduced %v; want %v, reduced %v", tt.in, a.Origin, a.Reduced, tt.want, tt.wantReduced)
			}
			if a.Host() != a.Origin.Host {
				t.Errorf("Host() = %q", a.Host())
			}
		})
	}
}

func TestParsePlatformRedactsInput(t *testing.T) {
	jwt := mintJWT(t)
	password := mintOpaque("pw")
	for _, in := range []string{
		jwt,
		"Bearer " + jwt,
		"https://bob:" + password + "@acme.iobeya.com",
		"bob:" + password + "@acme.iobeya.com",
		"bob:" + password + "@acme.iobeya.com:8443/app",
		"HTTPS://bob:" + password + "@@acme.iobeya.com",
		"bob:" + password + "/x@acme.iobeya.com",
		"ftp://bob:" + password + "@acme.iobeya.com",
		"http://bob:" + password + "@acme.iobeya.com",
		"\u0430cme:" + password + "@acme.iobeya.com",
	} {
		_, err := ParsePlatform(in)
		if err == nil {
			t.Fatalf("ParsePlatform(%q): want an error", in)
		}
		for _, secret := range []string{jwt[:20], password} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error repeats a secret: %v", err)
			}
		}
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"127.0.0.1", true},
		{"127.0.0.1:8080", true},
		{"127.1.2.3", true},
		{"localhost", true},
		{"LOCALHOST:80", true},
		{"::1", true},
		{"[::1]", true},
		{"[::1]:9000", true},
		{"::ffff:127.0.0.1", true},
		{"acme.iobeya.com", false},
		{"localhost.evil.com", false},
		{"127.0.0.1.nip.io", false},
		{"10.0.0.1", false},
		{"0.0.0.0", false},
		{"", false},
		{"[fe80::1%25lo]", false},
	}
	for _, tt := range tests {
		if got := IsLoopback(tt.host); got != tt.want {
			t.Errorf("IsLoopback(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}
