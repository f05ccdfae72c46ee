package companion

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// Report is what Doctor found, for the user's IT support. It holds no
// secret: tokens are masked and everything passes through client.Redact.
type Report struct {
	Findings []Finding
}

// Finding is one line of a Report.
type Finding struct {
	Topic  string // "Keychain", "Platform", "Clock", …: English, a stable key
	Label  string // Topic in the report's words
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
		label := f.Label
		if label == "" {
			label = f.Topic
		}
		fmt.Fprintf(&b, "%s %-9s %s%s\n", mark, label, f.Detail, took)
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
	w := c.Words()
	add := func(topic string, ok bool, detail string) {
		r.Findings = append(r.Findings, Finding{Topic: topic, Label: w.DoctorTopic(topic), OK: ok, Detail: client.Redact(detail)})
	}
	problem := func(err error) string {
		p := ExplainIn(w, err)
		return p.Message + " " + p.NextStep
	}

	add("Settings", true, c.SettingsPath())
	add("IT configuration", true, c.machineSummary(w))

	if h, ok := c.cfg.Keychain.(keychainHealth); ok {
		kctx, cancel := context.WithTimeout(ctx, c.cfg.KeychainTimeout)
		err := h.Check(kctx)
		cancel()
		if err != nil {
			add("Keychain", false, h.BackendName()+": "+problem(err))
		} else {
			add("Keychain", true, w.Say(words.DoctorKeychainOK, words.Args{"Backend": h.BackendName()}))
		}
	} else {
		add("Keychain", true, w.Say(words.DoctorKeychainUnchecked, nil))
	}

	c.doctorProxy(w, add)

	_, s, err := c.platformClient()
	if err != nil {
		add("Platform", false, problem(err))
		return r
	}
	// A fresh client: the core's own caches a successful discovery.
	cl, err := c.newClient(s.Platform, s.APIBase, nil)
	if err != nil {
		add("Platform", false, problem(err))
		return r
	}
	dctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	started := time.Now()
	meta, err := cl.Discover(dctx)
	took := time.Since(started)
	cancel()
	switch {
	case err != nil:
		add("Platform", false, problem(&PlatformError{Host: cl.Host(), Err: err}))
	case !meta.SupportsS256():
		add("Platform", false, w.Say(words.DoctorNoS256, words.Args{"Host": cl.Host()}))
	case !meta.Discovered:
		// No discovery document: the public facts of iObeya platforms
		// (client.Discover's profile) stand in for it.
		add("Platform", true, w.Say(words.DoctorPlatformProfile, words.Args{"Host": cl.Host(), "Authorize": meta.AuthorizationEndpoint, "API": meta.APIBase}))
	default:
		add("Platform", true, w.Say(words.DoctorPlatformOK, words.Args{"Host": cl.Host(), "Issuer": meta.Issuer, "API": meta.APIBase}))
	}
	r.Findings[len(r.Findings)-1].Took = took
	c.doctorClock(ctx, w, cl, add)

	l, err := c.readLocal(ctx)
	switch {
	case err != nil:
		add("Session", false, problem(err))
		return r
	case s.Account == "":
		add("Session", true, w.Say(words.DoctorNotSignedIn, nil))
	case l.st.SignedIn:
		add("Session", true, w.Say(words.DoctorSignedIn, words.Args{"Account": s.Account}))
	default:
		add("Session", true, w.Say(words.DoctorSignedOut, words.Args{"Account": s.Account}))
	}
	c.doctorContract(ctx, w, cl, l, func(topic string, ok bool, took time.Duration, text string) {
		add(topic, ok, text)
		r.Findings[len(r.Findings)-1].Took = took
	})
	switch {
	case l.damaged:
		add("Token", false, w.DamagedToken())
	case l.info == nil:
		add("Token", true, w.Say(words.DoctorNoToken, nil))
	default:
		c.evaluate(l, nil)
		exp := w.Say(words.DoctorNoExpiry, nil)
		if l.info.HasExpiry() {
			// RFC 3339 in UTC: IT support compares it with server logs.
			exp = w.Say(words.DoctorExpires, words.Args{"Time": l.info.ExpiresAt.UTC().Format(time.RFC3339)})
		}
		// Not through Redact, which would hide the mask's "eyJ…" start:
		// the mask shows 12 characters by design, and the rest is ours.
		r.Findings = append(r.Findings, Finding{Topic: "Token", Label: w.DoctorTopic("Token"), OK: true,
			Detail: w.Say(words.DoctorToken, words.Args{"Masked": l.st.Masked, "Expiry": exp, "State": string(l.st.State)})})
	}
	return r
}

// doctorClock compares this computer's clock with the platform's Date
// header.
func (c *Core) doctorClock(ctx context.Context, w *words.Words, cl *client.Client, add func(string, bool, string)) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	defer cancel()
	u := cl.Platform()
	u.Path = client.DefaultPaths().Discovery
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		add("Clock", false, w.Say(words.DoctorClockError, words.Args{"Error": err.Error()}))
		return
	}
	sent := c.cfg.Now()
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		add("Clock", false, w.Say(words.DoctorClockNoAnswer, words.Args{"Host": cl.Host()}))
		return
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		add("Clock", true, w.Say(words.DoctorClockNoDate, words.Args{"Host": cl.Host()}))
		return
	}
	// Date has a one-second resolution; the request took some time too.
	skew := sent.Sub(date).Round(time.Second)
	abs := skew
	if abs < 0 {
		abs = -abs
	}
	if abs > maxSkew {
		m := words.DoctorClockAhead
		if skew < 0 {
			m = words.DoctorClockBehind
		}
		add("Clock", false, w.Say(m, words.Args{"Skew": abs.String(), "Host": cl.Host()}))
		return
	}
	add("Clock", true, w.Say(words.DoctorClockOK, words.Args{"Skew": maxSkew.String(), "Host": cl.Host()}))
}

// proxyVars are the environment variables Go's HTTP client reads.
var proxyVars = []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"}

// doctorProxy lists the proxy settings, with any password removed.
func (c *Core) doctorProxy(w *words.Words, add func(string, bool, string)) {
	var set []string
	for _, name := range proxyVars {
		if v := c.cfg.Env(name); v != "" {
			set = append(set, name+"="+hidePassword(v))
		}
	}
	if len(set) == 0 {
		add("Proxy", true, w.Say(words.DoctorNoProxy, nil))
		return
	}
	add("Proxy", true, strings.Join(set, ", "))
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
