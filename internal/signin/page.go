package signin

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

// resultPage is what the browser tab shows when the platform sends the user
// back. html/template escapes every value, including the platform's error
// description.
var resultPage = template.Must(template.New("result").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · iObeya Token</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d2733;line-height:1.5}
h1{font-size:1.4rem}
.ok{color:#1d6b2f}.bad{color:#a11}
</style>
</head>
<body>
<h1 id="result" class="{{if .OK}}ok{{else}}bad{{end}}">{{.Title}}</h1>
<p id="message">{{.Message}}</p>
{{if .Detail}}<p id="detail">{{.Detail}}</p>{{end}}
</body>
</html>
`))

type pageData struct {
	OK                     bool
	Lang                   string // the page's language, "en" or "fr"
	Title, Message, Detail string
}

// resultOf is a result page in w: its title and message from the catalogue.
func resultOf(w *words.Words, title, message *words.Message) pageData {
	return pageData{Lang: w.Tag().String(), Title: w.Say(title, nil), Message: w.Say(message, nil)}
}

// writePage sends a result page that no cache keeps, no frame shows, and
// that leaks nothing through a Referer header.
func writePage(w http.ResponseWriter, status int, d pageData) {
	var buf bytes.Buffer
	if err := resultPage.Execute(&buf, d); err != nil {
		http.Error(w, d.Title, status)
		return
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
