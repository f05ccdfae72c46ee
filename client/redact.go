package client

import "regexp"

// redacted replaces every secret Redact finds.
const redacted = "[redacted]"

var redactions = []struct {
	re   *regexp.Regexp
	repl string
}{
	// "Bearer <token>", keeping the scheme word. A token is long, or holds
	// a digit or symbol, so "the bearer of bad news" stays as it is.
	{regexp.MustCompile(`(?i)\b(bearer)(\s+|%20|\+)([A-Za-z0-9\-._~+/]{20,}|[A-Za-z0-9\-._~+/]*[0-9\-._~+/][A-Za-z0-9\-._~+/]*)=*`), "${1}${2}" + redacted},
	// JWTs and JWEs: base64url JSON ("eyJ…") with or without further segments.
	{regexp.MustCompile(`eyJ[A-Za-z0-9_\-]{4,}(\.[A-Za-z0-9_\-]*){0,4}`), redacted},
	// Passwords in URLs: //user:password@host.
	{regexp.MustCompile(`//[^/\s@:]*:[^/\s@]*@`), "//" + redacted + "@"},
	// The platform's opaque access and refresh tokens.
	{regexp.MustCompile(`\b(at|rt)_[A-Za-z0-9_\-.~]{6,}`), redacted},
	// Secrets in forms and query strings: token=…, code=…, code_verifier=….
	{regexp.MustCompile(`(?i)\b(access_token|refresh_token|id_token|token|code|code_verifier|client_secret|password)=[^&\s"'<>]+`), "${1}=" + redacted},
	// The same in JSON: "token": "…".
	{regexp.MustCompile(`(?i)("(?:access_token|refresh_token|id_token|token|code|code_verifier|client_secret|password)"\s*:\s*)"(?:[^"\\]|\\.)*"`), `${1}"` + redacted + `"`},
}

// Redact removes anything shaped like a token from s: JWTs, "Bearer …"
// values, at_/rt_ tokens, and token-like form, query and JSON fields. Every
// error string of this package goes through it.
func Redact(s string) string {
	for _, r := range redactions {
		s = r.re.ReplaceAllString(s, r.repl)
	}
	return s
}
