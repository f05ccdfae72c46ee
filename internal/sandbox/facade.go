package sandbox

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// The public API facade's rooms and boards, shaped like iObeya's certified
// Power Platform connector (microsoft/PowerPlatformConnectors,
// certified-connectors/iObeya/apiDefinition.swagger.json): a collection
// {self, kind, totalCount, data, next, nextLink}, paged with page (from 1)
// and size.

// collection is one page of a list.
type collection[T any] struct {
	Self       string `json:"self"`
	Kind       string `json:"kind"`
	TotalCount int    `json:"totalCount"`
	Data       []T    `json:"data"`
	Next       string `json:"next,omitempty"`
	NextLink   string `json:"nextLink,omitempty"`
}

// room is an element of GET /v1/rooms, and a board's room.
type room struct {
	Self string `json:"self"`
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// board is an element of GET /v1/boards.
type board struct {
	Self string `json:"self"`
	Kind string `json:"kind"`
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
	URL  string `json:"url"`
	Room room   `json:"room"`
}

// The demo content every account with API access sees.
var (
	demoRooms = []struct{ ID, Name string }{
		{"room-ops", "Operations"},
		{"room-quality", "Quality"},
		{"room-projects", "Projects"},
	}
	demoBoards = []struct{ ID, Name, Type, Room string }{
		{"board-daily", "Daily performance", "standard", "room-ops"},
		{"board-qcd", "QCD indicators", "standard", "room-ops"},
		{"board-problems", "Problem solving", "standard", "room-quality"},
		{"board-roadmap", "Roadmap 2027", "standard", "room-projects"},
		{"board-kanban", "Team kanban", "standard", "room-projects"},
	}
)

const (
	defaultPageSize = 200 // the connector's default
	maxPageSize     = 1000
)

// paging reads page and size. Both are optional here (the connector always
// sends them); a value that is not a positive number is a 400.
func paging(q url.Values) (page, size int, ok bool) {
	page, size = 1, defaultPageSize
	for name, dst := range map[string]*int{"page": &page, "size": &size} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return 0, 0, false
			}
			*dst = n
		}
	}
	return page, min(size, maxPageSize), true
}

// pageOf cuts one page out of all and links the next one.
func pageOf[T any](base string, q url.Values, kind string, all []T, page, size int) collection[T] {
	link := func(p int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(p))
		v.Set("size", strconv.Itoa(size))
		return base + "?" + v.Encode()
	}
	c := collection[T]{Self: link(page), Kind: kind, TotalCount: len(all), Data: []T{}}
	if start := (page - 1) * size; start < len(all) {
		c.Data = all[start:min(start+size, len(all))]
		if start+size < len(all) {
			c.Next = link(page + 1)
			c.NextLink = c.Next
		}
	}
	return c
}

func (s *Server) roomOf(id, name string) room {
	return room{Self: s.url + "/v1/rooms/" + id, Kind: "room", ID: id, Name: name}
}

// handleRooms serves GET /v1/rooms?page=1&size=N.
func (s *Server) handleRooms(w http.ResponseWriter, r *http.Request) {
	if s.apiCaller(w, r, true) == nil {
		return
	}
	q := r.URL.Query()
	page, size, ok := paging(q)
	if !ok {
		writeAPIError(w, apiError{Status: http.StatusBadRequest, Code: "bad_request", Message: "page and size must be whole numbers from 1."})
		return
	}
	var all []room
	for _, rm := range demoRooms {
		all = append(all, s.roomOf(rm.ID, rm.Name))
	}
	writeJSON(w, http.StatusOK, pageOf(s.url+"/v1/rooms", q, "collection", all, page, size), false)
}

// handleBoards serves GET /v1/boards, with the connector's optional search
// (by name) and sortDirection (asc, desc).
func (s *Server) handleBoards(w http.ResponseWriter, r *http.Request) {
	if s.apiCaller(w, r, true) == nil {
		return
	}
	q := r.URL.Query()
	page, size, ok := paging(q)
	dir := q.Get("sortDirection")
	if !ok || (dir != "" && dir != "asc" && dir != "desc") {
		writeAPIError(w, apiError{Status: http.StatusBadRequest, Code: "bad_request", Message: "page and size must be whole numbers from 1, and sortDirection asc or desc."})
		return
	}
	search := strings.ToLower(q.Get("search"))
	var all []board
	for _, b := range demoBoards {
		if !strings.Contains(strings.ToLower(b.Name), search) {
			continue
		}
		var rm room
		for _, x := range demoRooms {
			if x.ID == b.Room {
				rm = s.roomOf(x.ID, x.Name)
			}
		}
		all = append(all, board{
			Self: s.url + "/v1/boards/" + b.ID, Kind: "board", Type: b.Type, ID: b.ID, Name: b.Name,
			URL: s.url + "/s/boards/" + b.ID, Room: rm,
		})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if dir == "desc" {
			return all[i].Name > all[j].Name
		}
		return all[i].Name < all[j].Name
	})
	writeJSON(w, http.StatusOK, pageOf(s.url+"/v1/boards", q, "collection", all, page, size), false)
}

// apiCaller authenticates a call to the API facade, as Power Automate makes
// it: Bearer with a PAT, or with a session access token granted the scope
// api. needsAPIAccess: the account must have API access (403 otherwise).
// It answers nil after writing the refusal.
func (s *Server) apiCaller(w http.ResponseWriter, r *http.Request, needsAPIAccess bool) *Account {
	acct, ok := s.bearerAccount(w, r, scopeAPI)
	if !ok {
		return nil
	}
	if needsAPIAccess && !acct.APIAccess {
		writeAPIError(w, apiError{Status: http.StatusForbidden, Code: "forbidden", Message: "This account has no access to the iObeya API. Ask your administrator for API access."})
		return nil
	}
	return acct
}

// bearerAccount answers the account behind the request's Bearer token: a
// PAT, or an access token whose grant has one of the scopes. It writes 401
// (no, expired, revoked or malformed token) or 403 (insufficient_scope)
// and answers false otherwise.
func (s *Server) bearerAccount(w http.ResponseWriter, r *http.Request, scopes ...string) (*Account, bool) {
	tok, sent := bearer(r)
	if !sent {
		unauthorized(w, "unauthorized", "This call needs a token: Authorization: Bearer <token>.")
		return nil, false
	}
	if strings.HasPrefix(tok, "at_") {
		s.mu.Lock()
		acct, g := s.st.session(s.now(), tok)
		s.mu.Unlock()
		switch {
		case acct == nil:
			unauthorized(w, "invalid_token", "The access token is expired, revoked or malformed.")
			return nil, false
		case !g.has(scopes...):
			insufficientScope(w, scopes[0])
			return nil, false
		}
		return acct, true
	}
	var acct *Account
	if tok != "" {
		acct = s.verifyPAT(tok)
	}
	if acct == nil {
		unauthorized(w, "invalid_token", "The access token is expired, revoked or malformed.")
		return nil, false
	}
	return acct, true
}

// plainNotFound is what a platform without an endpoint answers: a plain
// page, not the API's JSON.
func plainNotFound(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("<!doctype html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n"))
}
