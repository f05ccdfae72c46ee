package testenv

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
)

// PATRewriter is a transport that changes the token in a platform's answer
// to a PAT creation (POST …/personal-access-token, 201) on its way to the
// app, as an odd platform would send it. With Restore, requests that carry
// the changed token go to the platform with the one it issued, so a token
// the platform could not verify (a grown claim breaks the signature) still
// works end to end.
type PATRewriter struct {
	Base    http.RoundTripper
	Replace func(string) string
	Restore bool

	mu             sync.Mutex
	changed, given string
}

// RoundTrip implements http.RoundTripper.
func (p *PATRewriter) RoundTrip(r *http.Request) (*http.Response, error) {
	if p.Restore {
		p.mu.Lock()
		changed, given := p.changed, p.given
		p.mu.Unlock()
		if changed != "" && r.Header.Get("Authorization") == "Bearer "+changed {
			r = r.Clone(r.Context())
			r.Header.Set("Authorization", "Bearer "+given)
		}
	}
	resp, err := p.Base.RoundTrip(r)
	if err != nil || r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/personal-access-token") || resp.StatusCode != http.StatusCreated {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	given, _ := m["token"].(string)
	changed := p.Replace(given)
	p.mu.Lock()
	p.changed, p.given = changed, given
	p.mu.Unlock()
	m["token"] = changed
	body, _ = json.Marshal(m)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// Changed is the token the app was last handed in place of the platform's.
func (p *PATRewriter) Changed() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.changed
}

// PadJWT returns a Replace for PATRewriter that grows a JWT by a "groups"
// claim of n bytes, as a token with many claims would be.
func PadJWT(n int) func(string) string {
	return func(tok string) string {
		parts := strings.Split(tok, ".")
		payload, err := base64.RawURLEncoding.DecodeString(parts[1])
		if err != nil {
			panic(err)
		}
		var claims map[string]any
		if err := json.Unmarshal(payload, &claims); err != nil {
			panic(err)
		}
		claims["groups"] = strings.Repeat("g", n)
		payload, _ = json.Marshal(claims)
		return parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
	}
}
