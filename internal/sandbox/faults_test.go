package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

func TestParseFault(t *testing.T) {
	good := []struct {
		in   string
		want Fault
	}{
		{"token=500", Fault{Endpoint: "token", Status: 500, Rate: 1}},
		{"me=503:0.5", Fault{Endpoint: "me", Status: 503, Rate: 0.5}},
		{"pat.create=429:1", Fault{Endpoint: "pat.create", Status: 429, Rate: 1}},
		{"discovery=404", Fault{Endpoint: "discovery", Status: 404, Rate: 1}},
	}
	for _, tt := range good {
		got, err := ParseFault(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseFault(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "token", "token=", "=500", "token=abc", "token=200", "token=600", "token=99",
		"nowhere=500", "token=500:0", "token=500:1.5", "token=500:-1", "token=500:x", "token=500:", "TOKEN=500"} {
		if f, err := ParseFault(in); err == nil {
			t.Errorf("ParseFault(%q) = %+v, want an error", in, f)
		}
	}
}

func TestFaults(t *testing.T) {
	s := start(t, Config{})
	at := session(t, s).AccessToken
	tests := []struct {
		fault  Fault
		call   func() answer
		status int
		field  string // "error" (OAuth) or "code" (API)
		code   string
	}{
		{Fault{Endpoint: "token", Status: 500}, func() answer { return refresh(t, s, "rt_x") }, 500, "error", "server_error"},
		{Fault{Endpoint: "token", Status: 503}, func() answer { return refresh(t, s, "rt_x") }, 503, "error", "temporarily_unavailable"},
		{Fault{Endpoint: "token", Status: 429}, func() answer { return refresh(t, s, "rt_x") }, 429, "error", "temporarily_unavailable"},
		{Fault{Endpoint: "token", Status: 400}, func() answer { return refresh(t, s, "rt_x") }, 400, "error", "invalid_request"},
		{Fault{Endpoint: "revoke", Status: 401}, func() answer { return postForm(t, s.URL()+"/s/oauth/revoke", url.Values{"token": {"x"}}) }, 401, "error", "invalid_client"},
		{Fault{Endpoint: "me", Status: 429}, func() answer { return me(t, s, at) }, 429, "code", "rate_limited"},
		{Fault{Endpoint: "me", Status: 503}, func() answer { return me(t, s, at) }, 503, "code", "unavailable"},
		{Fault{Endpoint: "pat.get", Status: 500}, func() answer { return getPAT(t, s, at) }, 500, "code", "server_error"},
		{Fault{Endpoint: "pat.create", Status: 403}, func() answer { return createPAT(t, s, at) }, 403, "code", "forbidden"},
		{Fault{Endpoint: "pat.delete", Status: 502}, func() answer { return do(t, http.MethodDelete, patURL(s), nil, withBearer(at)) }, 502, "code", "server_error"},
		{Fault{Endpoint: "pat.get", Status: 409}, func() answer { return getPAT(t, s, at) }, 409, "code", "conflict"},
		{Fault{Endpoint: "discovery", Status: 404}, func() answer {
			return do(t, http.MethodGet, s.URL()+"/.well-known/oauth-authorization-server", nil, nil)
		}, 404, "code", "not_found"},
		{Fault{Endpoint: "jwks", Status: 418}, func() answer { return do(t, http.MethodGet, s.URL()+"/s/oauth/jwks", nil, nil) }, 418, "code", "bad_request"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s=%d", tt.fault.Endpoint, tt.status), func(t *testing.T) {
			if err := s.SetFaults([]Fault{tt.fault}); err != nil {
				t.Fatal(err)
			}
			before := s.Count(tt.fault.Endpoint)
			a := tt.call()
			if a.status != tt.status || a.json(t)[tt.field] != tt.code {
				t.Errorf("%d %s, want %d with %s %q", a.status, a.body, tt.status, tt.field, tt.code)
			}
			if tt.status == 429 && a.header.Get("Retry-After") != "1" {
				t.Errorf("Retry-After %q, want 1", a.header.Get("Retry-After"))
			}
			if got := s.Count(tt.fault.Endpoint); got != before+1 {
				t.Errorf("Count(%s) went from %d to %d", tt.fault.Endpoint, before, got)
			}
		})
	}
	if err := s.SetFaults(nil); err != nil {
		t.Fatal(err)
	}
	if a := me(t, s, at); a.status != http.StatusOK {
		t.Errorf("after clearing faults: %d", a.status)
	}
	if err := s.SetFaults([]Fault{{Endpoint: "nowhere", Status: 500}}); err == nil {
		t.Error("SetFaults accepted an unknown endpoint")
	}
	if _, err := Start(Config{Faults: []Fault{{Endpoint: "token", Status: 200}}}); err == nil {
		t.Error("Start accepted a fault with a success status")
	}
}

func TestAuthorizeFault(t *testing.T) {
	s := start(t, Config{Faults: []Fault{{Endpoint: "authorize", Status: 500}}})
	u := location(t, do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+authQuery(nil).Encode(), nil, nil))
	if q := u.Query(); q.Get("error") != "server_error" || q.Get("state") != testState || q.Get("iss") != s.URL() {
		t.Errorf("fault redirect %v", q)
	}
	// A bad redirect is still never followed, fault or not.
	a := do(t, http.MethodGet, s.URL()+"/s/oauth/authorize?"+authQuery(func(q url.Values) { q.Set("redirect_uri", "http://evil.example/callback") }).Encode(), nil, nil)
	if a.status != http.StatusBadRequest || a.header.Get("Location") != "" {
		t.Errorf("bad redirect under a fault: %d %q", a.status, a.header.Get("Location"))
	}
	// A fault switched on between the pages sends the user back with it.
	if err := s.SetFaults(nil); err != nil {
		t.Fatal(err)
	}
	id := openSignIn(t, s, authQuery(nil))
	if err := s.SetFaults([]Fault{{Endpoint: "authorize", Status: 503}}); err != nil {
		t.Fatal(err)
	}
	if q := location(t, signIn(t, s, id, "alice@example.com", "demo-alice")).Query(); q.Get("error") != "server_error" {
		t.Errorf("fault on the sign-in form: %v", q)
	}
}

func TestFaultRate(t *testing.T) {
	s := start(t, Config{Faults: []Fault{{Endpoint: "discovery", Status: 503, Rate: 0.5}}})
	seen := map[int]int{}
	const n = 200 // both outcomes missing by chance: 2^-199
	for range n {
		seen[do(t, http.MethodGet, s.URL()+"/.well-known/openid-configuration", nil, nil).status]++
	}
	if seen[200] == 0 || seen[503] == 0 || seen[200]+seen[503] != n {
		t.Errorf("outcomes %v: want both 200 and 503", seen)
	}
	if s.Count(EndpointDiscovery) != n {
		t.Errorf("Count(discovery) = %d, want %d", s.Count(EndpointDiscovery), n)
	}
}

func TestCount(t *testing.T) {
	s := start(t, Config{})
	for _, name := range endpointNames {
		if n := s.Count(name); n != 0 {
			t.Errorf("Count(%s) = %d before any request", name, n)
		}
	}
	tr := session(t, s) // GET + 2 POSTs on authorize, 1 token
	pc := mustCreatePAT(t, s, tr.AccessToken)
	me(t, s, pc.Token)
	getPAT(t, s, tr.AccessToken)
	do(t, http.MethodDelete, patURL(s), nil, withBearer(tr.AccessToken))
	do(t, http.MethodGet, s.URL()+"/s/oauth/jwks", nil, nil)
	do(t, http.MethodGet, s.URL()+"/.well-known/oauth-authorization-server", nil, nil)
	do(t, http.MethodGet, s.URL()+"/.well-known/openid-configuration", nil, nil)
	postForm(t, s.URL()+"/s/oauth/revoke", url.Values{"token": {tr.RefreshToken}, "client_id": {ClientID}})
	do(t, http.MethodGet, s.URL()+"/nowhere", nil, nil)
	want := map[string]int{
		"authorize": 3, "token": 1, "pat.create": 1, "me": 1, "pat.get": 1, "pat.delete": 1,
		"jwks": 1, "discovery": 2, "revoke": 1, "": 0, "nowhere": 0,
	}
	for name, n := range want {
		if got := s.Count(name); got != n {
			t.Errorf("Count(%q) = %d, want %d", name, got, n)
		}
	}
}
