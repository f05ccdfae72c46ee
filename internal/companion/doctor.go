package companion

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
)

// Report is what Doctor found, for the user's IT support. It holds no
// secret: tokens are masked and everything passes through client.Redact.
type Report struct {
	Findings []Finding
}

// Finding is one line of a Report.
type Finding struct {
	Topic  string // "Keychain", "Platform", "Clock", …
	OK     bool
	Detail string        // plain language; for a failure, what to do next
	Took   time.Duration // how long the check took; 0 when it asked nothing
}

// OK reports whether every finding is fine.
func (r Report) OK() bool {
	for _, f := range r.Findings {
		if !f.OK {
			return false
		}
	}
	return true
}

// String is the report as text, one line per finding.
func (r Report) String() string {
	var b strings.Builder
	for _, f := range r.Findings {
		mark := "✓"
		if !f.OK {
			mark = "✗"
		}
		took := ""
		if f.Took > 0 {
			took = fmt.Sprintf(" (%s)", f.Took.Round(time.Millisecond))
		}
		fmt.Fprintf(&b, "%s %-9s %s%s\n", mark, f.Topic, f.Detail, took)
	}
	return b.String()
}

// maxSkew is the clock difference past which Doctor warns: token dates
// would be shown wrong by that much.
const maxSkew = 2 * time.Minute

// Doctor checks what iObeya Token depends on: the settings file, the
// keychain (a round trip of a dummy secret), the platform (reachability
// and discovery), the computer's clock against the platform's Date header,
// the proxy settings, the session and the token. Every step has a deadline.
func (c *Core) Doctor(ctx context.Context) Report {
	var r Report
	add := func(topic string, ok bool, format string, args ...any) {
		r.Findings = append(r.Findings, Finding{Topic: topic, OK: ok, Detail: client.Redact(fmt.Sprintf(format, args...))})
	}
	problem := func(err error) string {
		p := Explain(err)
		return p.Message + " " + p.NextStep
	}

	add("Settings", true, "%s", c.SettingsPath())
	add("IT configuration", true, "%s", c.machineSummary())

	if h, ok := c.cfg.Keychain.(keychainHealth); ok {
		kctx, cancel := context.WithTimeout(ctx, c.cfg.KeychainTimeout)
		err := h.Check(kctx)
		cancel()
		if err != nil {
			add("Keychain", false, "%s: %s", h.BackendName(), problem(err))
		} else {
			add("Keychain", true, "%s: a test secret was saved, read back and deleted", h.BackendName())
		}
	} else {
		add("Keychain", true, "provided by the program (no health check available)")
	}

	c.doctorProxy(add)

	_, s, err := c.platformClient()
	if err != nil {
		add("Platform", false, "%s", problem(err))
		return r
	}
	// A fresh client: the core's own caches a successful discovery.
	cl, err := c.newClient(s.Platform, s.APIBase, nil)
	if err != nil {
		add("Platform", false, "%s", problem(err))
		return r
	}
	dctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	started := time.Now()
	meta, err := cl.Discover(dctx)
	took := time.Since(started)
	cancel()
	switch {
	case errors.Is(err, client.ErrNotFound), errors.Is(err, client.ErrNotAPI):
		c.doctorPart(func(topic string, ok bool, _ time.Duration, format string, args ...any) {
			add(topic, ok, format, args...)
		},
			"Platform", cl.Host(), "discovery ("+client.DefaultPaths().Discovery+")", took, err, "signing in from iObeya Token will not work")
	case err != nil:
		add("Platform", false, "%s", problem(&PlatformError{Host: cl.Host(), Err: err}))
	case !meta.SupportsS256():
		add("Platform", false, "%s answers, but does not support secure sign-in for desktop apps (PKCE S256). Ask your IT support.", cl.Host())
	default:
		add("Platform", true, "%s answers; discovery present; issuer %s; secure sign-in (PKCE S256) supported; API at %s", cl.Host(), meta.Issuer, meta.APIBase)
	}
	r.Findings[len(r.Findings)-1].Took = took
	c.doctorClock(ctx, cl, add)

	l, err := c.readLocal(ctx)
	switch {
	case err != nil:
		add("Session", false, "%s", problem(err))
		return r
	case s.Account == "":
		add("Session", true, "not signed in")
	case l.st.SignedIn:
		add("Session", true, "signed in as %s", s.Account)
	default:
		add("Session", true, "%s is signed out", s.Account)
	}
	c.doctorContract(ctx, cl, l, func(topic string, ok bool, took time.Duration, format string, args ...any) {
		add(topic, ok, format, args...)
		r.Findings[len(r.Findings)-1].Took = took
	})
	switch {
	case l.damaged:
		add("Token", false, "%s", damagedMessage)
	case l.info == nil:
		add("Token", true, "none stored")
	default:
		c.evaluate(l, nil)
		exp := "no expiry date"
		if l.info.HasExpiry() {
			exp = "expires " + l.info.ExpiresAt.UTC().Format(time.RFC3339)
		}
		// Not through Redact, which would hide the mask's "eyJ…" start:
		// the mask shows 12 characters by design, and the rest is ours.
		r.Findings = append(r.Findings, Finding{Topic: "Token", OK: true,
			Detail: fmt.Sprintf("%s, %s (%s by its own date)", l.st.Masked, exp, l.st.State)})
	}
	return r
}

// doctorClock compares this computer's clock with the platform's Date
// header.
func (c *Core) doctorClock(ctx context.Context, cl *client.Client, add func(string, bool, string, ...any)) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	defer cancel()
	u := cl.Platform()
	u.Path = client.DefaultPaths().Discovery
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		add("Clock", false, "could not be compared: %v", err)
		return
	}
	sent := c.cfg.Now()
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		add("Clock", false, "could not be compared: %s did not answer", cl.Host())
		return
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		add("Clock", true, "%s sends no usable Date header; not compared", cl.Host())
		return
	}
	// Date has a one-second resolution; the request took some time too.
	skew := sent.Sub(date).Round(time.Second)
	abs := skew
	if abs < 0 {
		abs = -abs
	}
	direction := "ahead of"
	if skew < 0 {
		direction = "behind"
	}
	if abs > maxSkew {
		add("Clock", false, "this computer is %s %s %s: expiry dates will be off. Set the date and time automatically in the system settings.", abs, direction, cl.Host())
		return
	}
	add("Clock", true, "within %s of %s", maxSkew, cl.Host())
}

// proxyVars are the environment variables Go's HTTP client reads.
var proxyVars = []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"}

// doctorProxy lists the proxy settings, with any password removed.
func (c *Core) doctorProxy(add func(string, bool, string, ...any)) {
	var set []string
	for _, name := range proxyVars {
		if v := c.cfg.Env(name); v != "" {
			set = append(set, name+"="+hidePassword(v))
		}
	}
	if len(set) == 0 {
		add("Proxy", true, "none set (direct connection)")
		return
	}
	add("Proxy", true, "%s", strings.Join(set, ", "))
}

// hidePassword removes the password of a proxy URL such as
// http://user:secret@proxy:3128.
func hidePassword(v string) string {
	u, err := url.Parse(v)
	if err != nil || u.User == nil {
		if i := strings.LastIndex(v, "@"); i >= 0 {
			// Not a URL we can rewrite: keep only the host part.
			return "…@" + v[i+1:]
		}
		return v
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
