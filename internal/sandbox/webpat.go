package sandbox

import (
	_ "embed"
	"net/http"
	"net/url"
	"time"
)

// The platform's web pages, under /s/ as on a real platform.
const (
	webSignInPath  = "/s/sign-in"
	webSignOutPath = "/s/sign-out"
	webPATPath     = "/s/personal-access-token"
	copyScriptPath = "/s/assets/copy.js"
)

// webCSP is pageCSP plus the token page's own script, served from this
// origin: no inline script, nothing from elsewhere.
const webCSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// copyScript copies the token shown once: navigator.clipboard where the
// browser allows it, else the selected textarea and execCommand('copy'),
// which also works where the asynchronous clipboard is refused (headless
// browsers, some X11 setups).
//
//go:embed copy.js
var copyScript []byte

func (s *Server) handleCopyScript(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	_, _ = w.Write(copyScript)
}

// webPATData fills the token page. Token is set only on the answer to the
// generation, the one time it is shown.
type webPATData struct {
	Title   string
	User    *Account
	CSRF    string
	Confirm string // "generate" or "revoke": the confirmation step
	Has     bool   // an active token exists
	Issued  string
	Expires string
	Used    string // "" when never used
	Token   string
	Revoked bool
	Problem string
}

// handleWebPAT is the personal access token page (avatar menu → "Personal
// access token"): see the current token's validity, generate one after a
// confirmation and see it once with a Copy button, revoke after a
// confirmation.
func (s *Server) handleWebPAT(w http.ResponseWriter, r *http.Request) {
	acct, csrf := s.webSession(r)
	if acct == nil {
		if r.Method != http.MethodGet {
			s.errorPage(w, http.StatusForbidden, "Your session has ended.", "Sign in again and open the page anew.")
			return
		}
		http.Redirect(w, r, webSignInPath+"?"+url.Values{"next": {webPATPath}}.Encode(), http.StatusSeeOther)
		return
	}
	d := webPATData{Title: "Personal access token", User: acct, CSRF: csrf}
	if r.Method == http.MethodGet {
		switch c := r.URL.Query().Get("confirm"); c {
		case "generate", "revoke":
			d.Confirm = c
		}
		s.renderWebPAT(w, acct, d)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil || !s.sameOrigin(r) || !csrfMatches(r.PostForm.Get("csrf"), csrf) {
		s.errorPage(w, http.StatusForbidden, "This form has expired.", "Open the personal access token page again.")
		return
	}
	switch r.PostForm.Get("action") {
	case "generate":
		p, signed := s.generatePAT(acct)
		if p == nil {
			d.Problem = "You already have a personal access token. Revoke it first to generate a new one."
			break
		}
		d.Token = signed
	case "revoke":
		s.revokePATs(acct)
		d.Revoked = true
	default:
		s.errorPage(w, http.StatusBadRequest, "The form could not be read.", "Open the personal access token page again.")
		return
	}
	s.renderWebPAT(w, acct, d)
}

func (s *Server) renderWebPAT(w http.ResponseWriter, acct *Account, d webPATData) {
	if p, ok := s.currentPAT(acct); ok {
		d.Has, d.Issued, d.Expires = true, webTime(p.IssuedAt), webTime(p.ExpiresAt)
		if !p.LastUsedAt.IsZero() {
			d.Used = webTime(p.LastUsedAt)
		}
	}
	s.writePage(w, http.StatusOK, webPATPage, d, webCSP)
}

func webTime(t time.Time) string { return t.UTC().Format("2 January 2006, 15:04 UTC") }

var webPATPage = page(`{{define "body"}}
{{template "avatar" .User}}
<h1>Personal access token</h1>
<p>A personal access token lets tools such as Power Automate use iObeya as you, with your permissions.
Keep it as safe as your password.</p>
{{if .Problem}}<p class="problem" id="problem">{{.Problem}}</p>{{end}}
{{if .Token}}
<h2>Your new token</h2>
<p><strong>Copy it now: it is shown only this once.</strong> Paste it somewhere safe, like a password manager.</p>
<textarea id="token" rows="6" readonly>{{.Token}}</textarea>
<button type="button" id="copy" class="primary">Copy</button>
<p id="copy-status" role="status"></p>
<script src="` + copyScriptPath + `"></script>
{{else if .Revoked}}<p class="ok" id="revoked">Your token is revoked. Tools that used it no longer work.</p>
{{end}}
{{if eq .Confirm "generate"}}
<h2>Generate a personal access token?</h2>
<p>The new token carries your permissions until it expires or you revoke it. It is shown once, on the next page.</p>
<form method="post" action="` + webPATPath + `">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<button type="submit" id="confirm-generate" name="action" value="generate" class="primary">Generate</button>
<a id="cancel" href="` + webPATPath + `">Cancel</a>
</form>
{{else if eq .Confirm "revoke"}}
<h2>Revoke your personal access token?</h2>
<p>Every tool that uses it stops working at once. This cannot be undone; you can generate a new one afterwards.</p>
<form method="post" action="` + webPATPath + `">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<button type="submit" id="confirm-revoke" name="action" value="revoke" class="primary">Revoke</button>
<a id="cancel" href="` + webPATPath + `">Cancel</a>
</form>
{{else if .Has}}
<h2>Your current token</h2>
<table id="validity">
<tr><th>Issued</th><td id="issued">{{.Issued}}</td></tr>
<tr><th>Expires</th><td id="expires">{{.Expires}}</td></tr>
<tr><th>Last used</th><td id="last-used">{{if .Used}}{{.Used}}{{else}}never{{end}}</td></tr>
</table>
<p><a id="revoke" href="` + webPATPath + `?confirm=revoke">Revoke this token…</a></p>
{{else}}
<p id="none">You have no personal access token.</p>
<p><a id="generate" href="` + webPATPath + `?confirm=generate">Generate a token…</a></p>
{{end}}
<p><a href="/">Home</a></p>
{{end}}`)
