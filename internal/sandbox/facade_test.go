package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rooms calls GET /v1/rooms as Power Automate would; query "" is
// page=1&size=1.
func rooms(t testing.TB, s *Server, tok, query string) answer {
	t.Helper()
	if query == "" {
		query = "page=1&size=1"
	}
	return do(t, http.MethodGet, s.URL()+"/v1/rooms?"+query, nil, withBearer(tok))
}

// sessionAs signs an account in with the scope and answers its tokens.
func sessionAs(t testing.TB, s *Server, email, password, scope string) tokenResponse {
	t.Helper()
	id := openSignIn(t, s, authQuery(func(q url.Values) { q.Set("scope", scope) }))
	if a := signIn(t, s, id, email, password); !strings.Contains(a.body, `id="allow"`) {
		t.Fatalf("sign-in as %s failed:\n%s", email, a.body)
	}
	code := location(t, decide(t, s, id, "allow")).Query().Get("code")
	return decodeTokens(t, exchange(t, s, code, rfcVerifier, testRedirect))
}

type roomsPage struct {
	collection[room]
}

func TestSignInWithAPIScope(t *testing.T) {
	s := start(t, Config{})
	tr := sessionAs(t, s, "alice@example.com", "demo-alice", "api offline_access")
	if tr.Scope != "api offline_access" || !strings.HasPrefix(tr.RefreshToken, "rt_") {
		t.Fatalf("scope %q, refresh token present %v", tr.Scope, tr.RefreshToken != "")
	}
	for name, a := range map[string]answer{
		"rooms":  rooms(t, s, tr.AccessToken, ""),
		"boards": do(t, http.MethodGet, s.URL()+"/v1/boards?page=1&size=10", nil, withBearer(tr.AccessToken)),
		"me":     me(t, s, tr.AccessToken),
		"PAT":    getPAT(t, s, tr.AccessToken),
	} {
		if a.status != http.StatusOK && !(name == "PAT" && a.status == http.StatusNotFound) {
			t.Errorf("%s with an api token: %d %s", name, a.status, a.body)
		}
	}
	pc := mustCreatePAT(t, s, tr.AccessToken) // the token API also takes an api session
	if a := rooms(t, s, pc.Token, ""); a.status != http.StatusOK {
		t.Errorf("rooms with the PAT: %d", a.status)
	}
	next := decodeTokens(t, refresh(t, s, tr.RefreshToken))
	if a := rooms(t, s, next.AccessToken, ""); a.status != http.StatusOK || next.Scope != "api offline_access" {
		t.Errorf("after refresh: %d, scope %q", a.status, next.Scope)
	}
}

func TestNoRefreshTokenWithoutOfflineAccess(t *testing.T) {
	s := start(t, Config{})
	a := exchange(t, s, location(t, func() answer {
		id := openSignIn(t, s, authQuery(func(q url.Values) { q.Set("scope", "api") }))
		signIn(t, s, id, "alice@example.com", "demo-alice")
		return decide(t, s, id, "allow")
	}()).Query().Get("code"), rfcVerifier, testRedirect)
	tr := decodeTokens(t, a)
	if tr.RefreshToken != "" || strings.Contains(a.body, "refresh_token") {
		t.Errorf("a refresh token without offline_access: %s", a.body)
	}
	if got := rooms(t, s, tr.AccessToken, ""); got.status != http.StatusOK {
		t.Errorf("the access token alone does not work: %d", got.status)
	}
}

// TestFacadeAnswers: 200 works; 401 expired, revoked or malformed; 403 a
// valid token without API access, or a session not granted api.
func TestFacadeAnswers(t *testing.T) {
	clock := newClock()
	s := start(t, Config{Now: clock.Now, TokenTTL: 2 * time.Hour, AccessTokenTTL: 3 * time.Hour})
	alice := sessionAs(t, s, "alice@example.com", "demo-alice", "api offline_access").AccessToken
	carol := sessionAs(t, s, "carol@example.com", "demo-carol", "api offline_access").AccessToken
	patOnly := sessionAs(t, s, "alice@example.com", "demo-alice", "personal-access-token offline_access").AccessToken
	alicePAT := mustCreatePAT(t, s, alice).Token
	carolPAT := mustCreatePAT(t, s, carol).Token
	revoked := sessionAs(t, s, "bob@example.com", "demo-bob", "api")
	bobPAT := mustCreatePAT(t, s, revoked.AccessToken).Token
	if a := do(t, http.MethodDelete, patURL(s), nil, withBearer(revoked.AccessToken)); a.status != http.StatusNoContent {
		t.Fatal(a.status)
	}
	tests := []struct {
		name   string
		header map[string]string
		status int
		code   string
	}{
		{"PAT", withBearer(alicePAT), 200, ""},
		{"api session", withBearer(alice), 200, ""},
		{"PAT without API access", withBearer(carolPAT), 403, "forbidden"},
		{"session without API access", withBearer(carol), 403, "forbidden"},
		{"session without the api scope", withBearer(patOnly), 403, "insufficient_scope"},
		{"revoked PAT", withBearer(bobPAT), 401, "invalid_token"},
		{"malformed", withBearer("a.b.c"), 401, "invalid_token"},
		{"unknown access token", withBearer("at_nope"), 401, "invalid_token"},
		{"no header", nil, 401, "unauthorized"},
		{"Basic", map[string]string{"Authorization": "Basic YTpi"}, 401, "invalid_token"},
	}
	for _, path := range []string{"/v1/rooms?page=1&size=1", "/v1/boards?page=1&size=1"} {
		for _, tt := range tests {
			t.Run(path+" "+tt.name, func(t *testing.T) {
				a := do(t, http.MethodGet, s.URL()+path, nil, tt.header)
				if tt.status == 200 {
					if a.status != 200 || a.header.Get("Content-Type") != "application/json" {
						t.Errorf("%d %s", a.status, a.body)
					}
					return
				}
				wantAPIError(t, a, tt.status, tt.code)
				if tt.code == "insufficient_scope" && !strings.Contains(a.header.Get("WWW-Authenticate"), `scope="api"`) {
					t.Errorf("WWW-Authenticate %q", a.header.Get("WWW-Authenticate"))
				}
			})
		}
	}
	if m := me(t, s, carolPAT).json(t); m["email"] != "carol@example.com" {
		t.Errorf("/v1/me answers who the token belongs to, API access or not: %v", m)
	}
	clock.Advance(2 * time.Hour)
	wantAPIError(t, rooms(t, s, alicePAT, ""), http.StatusUnauthorized, "invalid_token")
	if got := getPAT(t, s, alice).status; got != http.StatusNotFound {
		t.Errorf("the expired PAT is still active: %d", got)
	}
}

func TestRoomsShapeAndPaging(t *testing.T) {
	s := start(t, Config{})
	pat := mustCreatePAT(t, s, session(t, s).AccessToken).Token
	var seen []string
	next := s.URL() + "/v1/rooms?page=1&size=2"
	for pages := 0; next != ""; pages++ {
		if pages > 5 {
			t.Fatal("the next links never end")
		}
		a := do(t, http.MethodGet, next, nil, withBearer(pat))
		var p roomsPage
		if err := json.Unmarshal([]byte(a.body), &p); err != nil || a.status != 200 {
			t.Fatalf("%d %s", a.status, a.body)
		}
		if p.Kind == "" || p.Self == "" || p.TotalCount != len(demoRooms) {
			t.Errorf("collection %+v", p)
		}
		for _, r := range p.Data {
			if r.ID == "" || r.Name == "" || r.Kind != "room" || r.Self != s.URL()+"/v1/rooms/"+r.ID {
				t.Errorf("room %+v", r)
			}
			seen = append(seen, r.ID)
		}
		if p.Next != p.NextLink {
			t.Errorf("next %q, nextLink %q", p.Next, p.NextLink)
		}
		next = p.NextLink
	}
	if len(seen) != len(demoRooms) {
		t.Errorf("paging saw %v", seen)
	}
	var beyond roomsPage
	if err := json.Unmarshal([]byte(rooms(t, s, pat, "page=9&size=2").body), &beyond); err != nil || len(beyond.Data) != 0 || beyond.Data == nil || beyond.NextLink != "" {
		t.Errorf("a page beyond the end: %+v, %v", beyond, err)
	}
	for _, q := range []string{"page=0&size=1", "page=1&size=0", "page=x&size=1", "page=1&size=-3"} {
		wantAPIError(t, rooms(t, s, pat, q), http.StatusBadRequest, "bad_request")
	}
}

func TestBoards(t *testing.T) {
	s := start(t, Config{})
	pat := mustCreatePAT(t, s, session(t, s).AccessToken).Token
	get := func(q string) collection[board] {
		t.Helper()
		a := do(t, http.MethodGet, s.URL()+"/v1/boards?"+q, nil, withBearer(pat))
		var c collection[board]
		if err := json.Unmarshal([]byte(a.body), &c); err != nil || a.status != 200 {
			t.Fatalf("%s: %d %s", q, a.status, a.body)
		}
		return c
	}
	all := get("page=1&size=200")
	if all.TotalCount != len(demoBoards) || len(all.Data) != len(demoBoards) {
		t.Fatalf("%d boards of %d", len(all.Data), all.TotalCount)
	}
	for i, b := range all.Data {
		if b.ID == "" || b.Kind != "board" || b.Type == "" || b.URL == "" || b.Room.ID == "" || b.Room.Name == "" || b.Room.Kind != "room" {
			t.Errorf("board %+v", b)
		}
		if i > 0 && all.Data[i-1].Name > b.Name {
			t.Errorf("not sorted ascending: %q before %q", all.Data[i-1].Name, b.Name)
		}
	}
	if desc := get("page=1&size=200&sortDirection=desc"); desc.Data[0].Name != all.Data[len(all.Data)-1].Name {
		t.Errorf("desc starts with %q", desc.Data[0].Name)
	}
	if found := get("search=QCD&page=1&size=10"); found.TotalCount != 1 || found.Data[0].ID != "board-qcd" {
		t.Errorf("search QCD: %+v", found)
	}
	if p := get("page=2&size=2"); len(p.Data) != 2 || !strings.Contains(p.NextLink, "page=3") || !strings.Contains(p.Self, "page=2") {
		t.Errorf("page 2: %+v", p)
	}
	a := do(t, http.MethodGet, s.URL()+"/v1/boards?sortDirection=up", nil, withBearer(pat))
	wantAPIError(t, a, http.StatusBadRequest, "bad_request")
}
