package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// wantPlain404 checks the answer of a platform that lacks the endpoint: a
// 404 page, not the API's JSON.
func wantPlain404(t *testing.T, a answer) {
	t.Helper()
	if a.status != http.StatusNotFound || !strings.HasPrefix(a.header.Get("Content-Type"), "text/html") || json.Valid([]byte(a.body)) {
		t.Errorf("%d %q %q, want a plain 404 page", a.status, a.header.Get("Content-Type"), a.body)
	}
}

// TestOnlyThePublicFacts: with every switch, the platform has the OAuth
// endpoints, the api scope and the facade, and nothing of our contract's
// assumptions.
func TestOnlyThePublicFacts(t *testing.T) {
	s := start(t, Config{NoDiscovery: true, NoPATAPI: true, NoMe: true})
	for _, p := range []string{"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"} {
		wantPlain404(t, do(t, http.MethodGet, s.URL()+p, nil, nil))
	}
	tr := sessionAs(t, s, "alice@example.com", "demo-alice", "api offline_access")
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		wantPlain404(t, do(t, m, patURL(s), strings.NewReader(`{"confirmed": true}`), map[string]string{
			"Authorization": "Bearer " + tr.AccessToken, "Content-Type": "application/json"}))
	}
	wantPlain404(t, me(t, s, tr.AccessToken))
	if a := rooms(t, s, tr.AccessToken, ""); a.status != http.StatusOK {
		t.Errorf("rooms: %d", a.status)
	}
	// The web page still makes tokens, and they work on the facade.
	b := newBrowser(t, s)
	b.signIn(t, "alice@example.com", "demo-alice")
	tok := b.generate(t)
	if a := rooms(t, s, tok, ""); a.status != http.StatusOK {
		t.Errorf("rooms with the web page's token: %d", a.status)
	}
	// Without the token API, its scope is not offered.
	u := location(t, do(t, http.MethodGet, s.URL()+authorizePath+"?"+authQuery(nil).Encode(), nil, nil))
	if u.Query().Get("error") != "invalid_scope" {
		t.Errorf("scope personal-access-token without the token API: %v", redactCode(u.Query()))
	}
	if s.Count(EndpointMe) != 1 || s.Count(EndpointRooms) != 2 {
		t.Errorf("counts: me %d, rooms %d", s.Count(EndpointMe), s.Count(EndpointRooms))
	}
}

func TestEachSwitchAlone(t *testing.T) {
	tests := []struct {
		name                 string
		cfg                  Config
		discovery, pat, meOK bool
	}{
		{"none", Config{}, true, true, true},
		{"no discovery", Config{NoDiscovery: true}, false, true, true},
		{"no PAT API", Config{NoPATAPI: true}, true, false, true},
		{"no me", Config{NoMe: true}, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, tt.cfg)
			at := sessionAs(t, s, "alice@example.com", "demo-alice", "api offline_access").AccessToken
			if got := do(t, http.MethodGet, s.URL()+"/.well-known/openid-configuration", nil, nil).status == 200; got != tt.discovery {
				t.Errorf("discovery served: %v", got)
			}
			if a := getPAT(t, s, at); (a.status == http.StatusNotFound && !json.Valid([]byte(a.body))) == tt.pat {
				t.Errorf("PAT API: %d %q", a.status, a.body)
			}
			if got := me(t, s, at).status == 200; got != tt.meOK {
				t.Errorf("/v1/me served: %v", got)
			}
			if tt.discovery {
				m := do(t, http.MethodGet, s.URL()+"/.well-known/oauth-authorization-server", nil, nil).json(t)
				if got := strings.Contains(joinAny(m["scopes_supported"]), scopePAT); got != tt.pat {
					t.Errorf("scopes_supported %v", m["scopes_supported"])
				}
			}
		})
	}
}

func TestFaultsOnTheFacade(t *testing.T) {
	s := start(t, Config{Faults: []Fault{{Endpoint: EndpointRooms, Status: 503}, {Endpoint: EndpointBoards, Status: 429}}})
	at := sessionAs(t, s, "alice@example.com", "demo-alice", "api").AccessToken
	wantAPIError(t, rooms(t, s, at, ""), http.StatusServiceUnavailable, "unavailable")
	wantAPIError(t, do(t, http.MethodGet, s.URL()+"/v1/boards", nil, withBearer(at)), http.StatusTooManyRequests, "rate_limited")
	for _, in := range []string{"rooms=500", "boards=403:0.5"} {
		if _, err := ParseFault(in); err != nil {
			t.Errorf("ParseFault(%q): %v", in, err)
		}
	}
	if s.Count(EndpointRooms) != 1 || s.Count(EndpointBoards) != 1 {
		t.Errorf("counts %d %d", s.Count(EndpointRooms), s.Count(EndpointBoards))
	}
}
