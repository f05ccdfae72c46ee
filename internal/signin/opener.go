package signin

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"

	"github.com/pkg/browser"

	"github.com/iobeya-token/iobeya-token/client"
)

// Opener opens a link in the user's browser.
type Opener interface {
	Open(link string) error
}

// OpenerFunc adapts a function to Opener.
type OpenerFunc func(link string) error

// Open calls f.
func (f OpenerFunc) Open(link string) error { return f(link) }

// BrowserOpener opens links with the system's browser (xdg-open and friends,
// open on macOS, the URL handler on Windows).
type BrowserOpener struct{}

var quietBrowser sync.Once

// Open starts the system browser on link. The helper programs' output is
// dropped: our standard output belongs to the command line.
func (BrowserOpener) Open(link string) error {
	quietBrowser.Do(func() {
		browser.Stdout = io.Discard
		browser.Stderr = io.Discard
	})
	if err := browser.OpenURL(link); err != nil {
		return fmt.Errorf("no browser could be opened: %w", err)
	}
	return nil
}

// CheckLink reports, as an *Error of kind ErrUnsafeURL, why link may not be
// opened in a browser for platform; nil when it may.
func CheckLink(platform *url.URL, link string) error {
	refuse := func(why string) error { return &Error{Kind: ErrUnsafeURL, Detail: why} }
	if strings.ContainsFunc(link, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return refuse("it holds spaces or control characters")
	}
	u, err := url.Parse(link)
	if err != nil {
		return refuse("it is not a web address")
	}
	switch {
	case u.Opaque != "" || u.Host == "":
		return refuse("it is not a web address")
	case u.User != nil:
		return refuse("it holds a user name")
	case u.Scheme == "https":
	case u.Scheme == "http" && platform.Scheme == "http" && client.IsLoopback(platform.Host) && client.IsLoopback(u.Host):
	case u.Scheme == "http":
		return refuse("it is not https")
	default:
		return refuse(fmt.Sprintf("%q links are never opened", u.Scheme+":"))
	}
	if !strings.EqualFold(hostPort(u), hostPort(platform)) {
		return refuse("it is not on " + platform.Host)
	}
	return nil
}

// hostPort is host:port with the scheme's default port made explicit, so
// https://a and https://a:443 compare equal.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[u.Scheme]
	}
	return strings.ToLower(u.Hostname()) + ":" + port
}
