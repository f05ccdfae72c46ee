package sandbox

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The pages are html/template, so every value a request controls (e-mail,
// login_hint) is escaped. Form elements have stable ids for browser tests:
// #email, #password, #sign-in, #allow, #deny.
var pages = template.Must(template.New("layout").Funcs(template.FuncMap{"initials": initials}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · Demo platform</title>
<style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1d2733;line-height:1.5}
.demo{background:#fff4d6;border:1px solid #e0b64a;border-radius:6px;padding:.5rem .8rem;font-weight:600}
h1{font-size:1.4rem}
label{display:block;margin-top:.8rem;font-weight:600}
input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1rem;margin-right:.5rem;padding:.5rem 1.2rem;font-size:1rem;border-radius:4px;border:1px solid #345;cursor:pointer}
button.primary{background:#1b5fa8;color:#fff;border-color:#1b5fa8}
.problem{color:#a11;font-weight:600}
table{border-collapse:collapse;margin-top:.5rem}td,th{padding:.2rem .8rem .2rem 0;text-align:left}
code{background:#eef1f4;padding:0 .2rem}
nav.avatar{float:right}summary{list-style:none;cursor:pointer;background:#1b5fa8;color:#fff;border-radius:50%;width:2.2rem;height:2.2rem;line-height:2.2rem;text-align:center;font-weight:600}
details[open]>a,details[open]>form{display:block;margin-top:.4rem}
textarea{width:100%;box-sizing:border-box;font-family:monospace;font-size:.85rem}
.ok{color:#176b2c;font-weight:600}
</style>
</head>
<body>
<p class="demo" id="demo-banner">Demo platform — not a real iObeya platform</p>
{{template "body" .}}
</body>
</html>
{{define "accounts"}}<h2>Demo accounts</h2>
<table id="accounts">
<tr><th>E-mail address</th><th>Name</th><th>Password</th><th>API</th></tr>
{{range .}}<tr><td>{{.Email}}</td><td>{{.Name}}</td><td><code>{{.Password}}</code></td><td>{{if .APIAccess}}yes{{else}}no API access{{end}}</td></tr>
{{end}}</table>
{{end}}
{{define "avatar"}}<nav class="avatar">{{if .}}<details id="avatar-menu"><summary id="avatar" title="{{.Name}}">{{initials .Name}}</summary>
<a id="menu-pat" href="` + webPATPath + `">Personal access token</a>
<form method="post" action="` + webSignOutPath + `"><button type="submit" id="sign-out">Sign out</button></form>
</details>{{else}}<a id="web-sign-in" href="` + webSignInPath + `">Sign in</a>{{end}}</nav>
{{end}}`))

var (
	signInPage = page(`{{define "body"}}
<h1>Sign in</h1>
{{if .Request}}<p><strong>iObeya Token</strong> asks you to sign in.</p>{{else}}<p>Sign in to the platform to continue.</p>{{end}}
{{if .Problem}}<p class="problem" id="problem">{{.Problem}}</p>{{end}}
<form method="post" action="{{.Action}}">
{{if .Request}}<input type="hidden" id="request" name="request" value="{{.Request}}">
<input type="hidden" name="step" value="sign-in">{{else}}<input type="hidden" name="next" value="{{.Next}}">{{end}}
<label for="email">E-mail address</label>
<input type="email" id="email" name="email" value="{{.Email}}" autocomplete="username" required autofocus>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" id="sign-in" class="primary">Sign in</button>
</form>
{{template "accounts" .Accounts}}
{{end}}`)

	consentPage = page(`{{define "body"}}
<h1>Allow iObeya Token?</h1>
<p>Signed in as <strong id="account">{{.Name}}</strong> ({{.Email}}).</p>
{{if .Registered}}<p>This is the app your administrator registered as <code id="client-id">{{.ClientID}}</code>.</p>{{end}}
<p><strong>iObeya Token wants to:</strong></p>
<ul id="asks">{{range .Asks}}<li>{{.}}</li>{{end}}</ul>
<p>It will send you back to the app at <code>{{.Redirect}}</code>.</p>
<form method="post" action="` + authorizePath + `">
<input type="hidden" id="request" name="request" value="{{.Request}}">
<input type="hidden" name="step" value="consent">
<button type="submit" id="allow" name="decision" value="allow" class="primary">Allow</button>
<button type="submit" id="deny" name="decision" value="deny">Deny</button>
</form>
{{end}}`)

	errorPage = page(`{{define "body"}}
<h1 id="error-title">{{.Title}}</h1>
<p id="error-detail">{{.Detail}}</p>
<p>Go back to iObeya Token and sign in again.</p>
{{end}}`)

	homePage = page(`{{define "body"}}
{{template "avatar" .User}}
<h1>iObeya sandbox platform</h1>
<p>This is a local stand-in for an iObeya platform, for trying iObeya Token and for tests.
Point iObeya Token at <code>{{.URL}}</code>.</p>
<ul>
<li>Discovery: <code>{{.URL}}/.well-known/oauth-authorization-server</code></li>
<li>API: <code>{{.URL}}/v1</code> (<code>/v1/rooms</code>, <code>/v1/boards</code>)</li>
</ul>
<p><a id="pat-link" href="` + webPATPath + `">Personal access token</a>: generate, check or revoke yours
(also in the menu under your initials once you are signed in).</p>
{{template "accounts" .Accounts}}
{{end}}`)
)

func page(body string) *template.Template {
	return template.Must(template.Must(pages.Clone()).Parse(body))
}

// signInData fills the sign-in page: for an OAuth sign-in (Request set) or
// for the platform's web pages (Next set).
type signInData struct {
	Title, Action, Request, Next, Email, Problem string
	Accounts                                     []Account
}

type consentData struct {
	Title, Request, Name, Email, Redirect, ClientID string
	Registered                                      bool // the confidential client, not the public app
	Asks                                            []string
}

type errorData struct {
	Title, Detail string
}

type homeData struct {
	Title, URL string
	User       *Account // signed in to the web pages; nil: not
	Accounts   []Account
}

// renderPage writes a page with headers that keep it out of caches, frames
// and Referer headers.
func (s *Server) renderPage(w http.ResponseWriter, status int, t *template.Template, data any) {
	s.writePage(w, status, t, data, pageCSP)
}

// pageCSP allows no script and nothing from elsewhere; the token page adds
// its own script (webCSP).
const pageCSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

func (s *Server) writePage(w http.ResponseWriter, status int, t *template.Template, data any, csp string) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		panic(err) // a template bug: the recover middleware answers 500
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", csp)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) errorPage(w http.ResponseWriter, status int, title, detail string) {
	s.renderPage(w, status, errorPage, errorData{Title: title, Detail: detail})
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	user, _ := s.webSession(r)
	s.renderPage(w, http.StatusOK, homePage, homeData{Title: "Home", URL: s.url, User: user, Accounts: demoAccounts})
}

// initials answers the avatar's letters: "Alice Martin" → "AM".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		if b.Len() >= 2 {
			break
		}
	}
	return b.String()
}
