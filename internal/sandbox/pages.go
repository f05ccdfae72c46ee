package sandbox

import (
	"bytes"
	"html/template"
	"net/http"
)

// The pages are html/template, so every value a request controls (e-mail,
// login_hint) is escaped. Form elements have stable ids for browser tests:
// #email, #password, #sign-in, #allow, #deny.
var pages = template.Must(template.New("layout").Parse(`<!doctype html>
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
</style>
</head>
<body>
<p class="demo" id="demo-banner">Demo platform — not a real iObeya platform</p>
{{template "body" .}}
</body>
</html>
{{define "accounts"}}<h2>Demo accounts</h2>
<table id="accounts">
<tr><th>E-mail address</th><th>Name</th><th>Password</th></tr>
{{range .}}<tr><td>{{.Email}}</td><td>{{.Name}}</td><td><code>{{.Password}}</code></td></tr>
{{end}}</table>
{{end}}`))

var (
	signInPage = page(`{{define "body"}}
<h1>Sign in</h1>
<p><strong>iObeya Token</strong> asks you to sign in.</p>
{{if .Problem}}<p class="problem" id="problem">{{.Problem}}</p>{{end}}
<form method="post" action="/oauth/authorize">
<input type="hidden" id="request" name="request" value="{{.Request}}">
<input type="hidden" name="step" value="sign-in">
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
<p><strong>iObeya Token wants to manage your personal access token</strong>: see whether you have one,
generate a new one, and revoke it.</p>
<p>It will send you back to the app at <code>{{.Redirect}}</code>.</p>
<form method="post" action="/oauth/authorize">
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
<h1>iObeya sandbox platform</h1>
<p>This is a local stand-in for an iObeya platform, for trying iObeya Token and for tests.
Point iObeya Token at <code>{{.URL}}</code>.</p>
<ul>
<li>Discovery: <code>{{.URL}}/.well-known/oauth-authorization-server</code></li>
<li>API: <code>{{.URL}}/v1</code></li>
</ul>
{{template "accounts" .Accounts}}
{{end}}`)
)

func page(body string) *template.Template {
	return template.Must(template.Must(pages.Clone()).Parse(body))
}

type signInData struct {
	Title, Request, Email, Problem string
	Accounts                       []Account
}

type consentData struct {
	Title, Request, Name, Email, Redirect string
}

type errorData struct {
	Title, Detail string
}

type homeData struct {
	Title, URL string
	Accounts   []Account
}

// renderPage writes a page with headers that keep it out of caches, frames
// and Referer headers.
func (s *Server) renderPage(w http.ResponseWriter, status int, t *template.Template, data any) {
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
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) errorPage(w http.ResponseWriter, status int, title, detail string) {
	s.renderPage(w, status, errorPage, errorData{Title: title, Detail: detail})
}

func (s *Server) handleHome(w http.ResponseWriter, _ *http.Request) {
	s.renderPage(w, http.StatusOK, homePage, homeData{Title: "Home", URL: s.url, Accounts: demoAccounts})
}
