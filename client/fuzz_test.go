package client

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func FuzzParsePlatform(f *testing.F) {
	for _, s := range []string{
		"acme", "acme.iobeya.com", "https://acme.iobeya.com/", "https://tokens.example.org",
		"http://127.0.0.1:8080", "127.0.0.1:8080", "localhost:8080", "[::1]:9000", "https://[2001:db8::1]:443",
		"", " ", "ftp://x", "javascript:alert(1)", "file:///etc/passwd", "http://acme.iobeya.com",
		"https://u:p@acme.iobeya.com/a?b#c", strings.Repeat("a", 64), "acme:", "HTTP://LOCALHOST:80/",
		"https://[::ffff:127.0.0.1]", "acme.iobeya.com:08443", "1.2.3.4", "[fe80::1%25lo]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		u, err := ParsePlatform(in)
		if err != nil {
			if !errors.Is(err, ErrInvalidAddress) && !errors.Is(err, ErrInsecure) {
				t.Fatalf("ParsePlatform(%q) error %v matches no sentinel", in, err)
			}
			return
		}
		if u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" {
			t.Fatalf("ParsePlatform(%q) = %q is not an origin", in, u)
		}
		if u.Scheme != "https" && !(u.Scheme == "http" && IsLoopback(u.Host)) {
			t.Fatalf("ParsePlatform(%q) = %q is neither https nor loopback http", in, u)
		}
		again, err := ParsePlatform(u.String())
		if err != nil || again.String() != u.String() {
			t.Fatalf("ParsePlatform(%q) = %q, which re-parses to %v, %v", in, u, again, err)
		}
		_ = DeriveAPIBase(u).String()
	})
}

// cannedTransport answers every request with the same status, content type
// and body, without a network.
type cannedTransport struct {
	status int
	ctype  string
	body   []byte
	meta   []byte // the discovery document
}

func (c *cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	status, ctype, body := c.status, c.ctype, c.body
	if strings.HasPrefix(r.URL.Path, "/.well-known/") {
		status, ctype, body = 200, "application/json", c.meta
	}
	h := http.Header{}
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	h.Set("Retry-After", string(body[:min(len(body), 30)]))
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
}

// FuzzDecode feeds arbitrary answers to every call: each must return a
// result or a typed error, never panic, and never quote an unredacted
// bearer token.
func FuzzDecode(f *testing.F) {
	seeds := []struct {
		status int
		ctype  string
		body   string
	}{
		{200, "application/json", `{"id":"pat_1","issuedAt":"2026-11-27T10:00:00Z","expiresAt":"2027-02-25T10:00:00Z","lastUsedAt":null}`},
		{201, "application/json", `{"id":"pat_1","token":"` + testenv.FakeJWT(`{}`) + `","issuedAt":"2026-11-27T10:00:00Z","expiresAt":"2027-02-25T10:00:00Z"}`},
		{200, "application/json", `{"id":"u_alice","email":"alice@example.com","displayName":"Alice"}`},
		{200, "application/json", `{"keys":[{"kty":"RSA"}]}`},
		{200, "application/json", `{"id": 1, "expiresAt": []}`},
		{200, "application/json", `{"id":"pat_1","issuedAt":"2026-11-27T10:00:00Z","expi`},
		{200, "", `<html><body>sign in</body></html>`},
		{200, "text/html", ``},
		{204, "", ``},
		{404, "application/json", `{"code":"not_found","message":"You have no active personal access token."}`},
		{409, "application/json", `{"code":"conflict","message":"Bearer abc.def.ghi"}`},
		{429, "application/json", `30`},
		{400, "application/json", `{"error":"invalid_grant","error_description":"rt_abcdefghijkl is used"}`},
		{500, "text/plain", "\x00\xff\xfe"},
		{302, "", ``},
		{200, "application/json", `null`},
		{200, "application/json", `[]`},
	}
	for _, s := range seeds {
		f.Add(s.status, s.ctype, []byte(s.body))
	}
	meta := []byte(`{"issuer":"https://acme.iobeya.com","authorization_endpoint":"https://acme.iobeya.com/a","token_endpoint":"https://acme.iobeya.com/t","revocation_endpoint":"https://acme.iobeya.com/r","jwks_uri":"https://acme.iobeya.com/j","code_challenge_methods_supported":["S256"]}`)
	f.Fuzz(func(t *testing.T, status int, ctype string, body []byte) {
		if status < 100 || status > 599 {
			return
		}
		tr := &cannedTransport{status: status, ctype: ctype, body: body, meta: meta}
		c, err := New("acme", WithHTTPClient(&http.Client{Transport: tr}))
		if err != nil {
			t.Fatal(err)
		}
		const bearer = "at_fuzzbearer0123456789"
		ctx := t.Context()
		var errs []error
		_, err = c.GetPAT(ctx, bearer)
		errs = append(errs, err)
		_, err = c.CreatePAT(ctx, bearer)
		errs = append(errs, err)
		_, err = c.WhoAmI(ctx, bearer)
		errs = append(errs, err)
		errs = append(errs, c.RevokePAT(ctx, bearer), c.RevokeToken(ctx, bearer, "access_token"))
		// Discovery itself, with the fuzzed body as the document.
		d, err := New("acme", WithHTTPClient(&http.Client{Transport: &cannedTransport{status: status, ctype: ctype, body: body, meta: body}}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = d.Discover(ctx)
		errs = append(errs, err)
		for _, err := range errs {
			if err == nil {
				continue
			}
			var ae *APIError
			var re *respError
			if !errors.As(err, &ae) && !errors.As(err, &re) && !errors.Is(err, ErrIssuerMismatch) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			if strings.Contains(err.Error(), bearer) {
				t.Fatalf("error quotes the bearer token: %v", err)
			}
		}
	})
}
