package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// requireBearer fails the request unless it carries want as its bearer token
// and nothing secret in its URL.
func requireBearer(t *testing.T, r *http.Request, want string) bool {
	t.Helper()
	if got := r.Header.Get("Authorization"); got != "Bearer "+want {
		t.Errorf("%s %s: Authorization header is not the bearer token", r.Method, r.URL.Path)
		return false
	}
	if strings.Contains(r.URL.String(), want) {
		t.Errorf("the token is in the URL")
	}
	return true
}

func TestPATCalls(t *testing.T) {
	f := newFakePlatform(t)
	access := mintOpaque("at_")
	pat := mintJWT(t)
	issued := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	path := facadeBase + "/personal-access-token"
	var created bool
	f.mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
		requireBearer(t, r, access)
		if !created {
			writeJSON(w, 404, map[string]string{"code": "not_found", "message": "You have no active personal access token."})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"pat_01","issuedAt":"2026-11-27T10:00:00Z","expiresAt":"2027-02-25T11:00:00+01:00","lastUsedAt":null}`)
	})
	f.mux.HandleFunc("POST "+path, func(w http.ResponseWriter, r *http.Request) {
		requireBearer(t, r, access)
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		b, _ := io.ReadAll(r.Body)
		if string(bytes.TrimSpace(b)) != `{"confirmed":true}` {
			t.Errorf("body = %s, want {\"confirmed\":true}", b)
		}
		if created {
			writeJSON(w, 409, map[string]string{"code": "conflict", "message": "You already have an active personal access token."})
			return
		}
		created = true
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, 201, map[string]string{"id": "pat_01", "token": pat, "issuedAt": "2026-11-27T10:00:00Z", "expiresAt": "2027-02-25T10:00:00Z"})
	})
	f.mux.HandleFunc("DELETE "+path, func(w http.ResponseWriter, r *http.Request) {
		requireBearer(t, r, access)
		created = false
		w.WriteHeader(http.StatusNoContent)
	})
	f.mux.HandleFunc("GET "+facadeBase+"/me", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+pat {
			writeJSON(w, 401, map[string]string{"code": "invalid_token", "message": "The access token is expired, revoked or malformed."})
			return
		}
		writeJSON(w, 200, map[string]string{"id": "u_alice", "email": "alice@example.com", "displayName": "Alice Martin"})
	})

	c := f.client(t)
	ctx := t.Context()
	if _, err := c.GetPAT(ctx, access); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetPAT before create: %v, want ErrNotFound", err)
	}
	np, err := c.CreatePAT(ctx, access)
	if err != nil {
		t.Fatal(err)
	}
	if np.ID != "pat_01" || np.Token != pat || !np.IssuedAt.Equal(issued) || !np.ExpiresAt.Equal(issued.Add(90*24*time.Hour)) {
		t.Errorf("CreatePAT = ID %q, times %v %v (token matches: %v)", np.ID, np.IssuedAt, np.ExpiresAt, np.Token == pat)
	}
	if _, err := c.CreatePAT(ctx, access); !errors.Is(err, ErrConflict) {
		t.Fatalf("second CreatePAT: %v, want ErrConflict", err)
	}
	info, err := c.GetPAT(ctx, access)
	if err != nil {
		t.Fatal(err)
	}
	want := PATInfo{ID: "pat_01", IssuedAt: issued, ExpiresAt: issued.Add(90 * 24 * time.Hour)}
	if *info != want || info.ExpiresAt.Location() != time.UTC || !info.LastUsedAt.IsZero() {
		t.Errorf("GetPAT = %+v, want %+v in UTC", *info, want)
	}
	u, err := c.WhoAmI(ctx, pat)
	if err != nil {
		t.Fatal(err)
	}
	if *u != (User{ID: "u_alice", Email: "alice@example.com", DisplayName: "Alice Martin"}) {
		t.Errorf("WhoAmI = %+v", *u)
	}
	if _, err := c.WhoAmI(ctx, access); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("WhoAmI with the wrong token: %v, want ErrUnauthorized", err)
	}
	if err := c.RevokePAT(ctx, access); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokePAT(ctx, access); err != nil {
		t.Fatalf("revoking twice: %v", err)
	}
	if _, err := c.GetPAT(ctx, access); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetPAT after revoke: %v, want ErrNotFound", err)
	}
}

func TestGetPATLastUsed(t *testing.T) {
	f := newFakePlatform(t)
	f.mux.HandleFunc("GET "+facadeBase+"/personal-access-token", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": "pat_02", "issuedAt": "2026-11-27T10:00:00Z", "expiresAt": "2027-02-25T10:00:00Z", "lastUsedAt": "2026-11-28T08:15:00Z"})
	})
	info, err := f.client(t).GetPAT(t.Context(), mintOpaque("at_"))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 28, 8, 15, 0, 0, time.UTC); !info.LastUsedAt.Equal(want) {
		t.Errorf("LastUsedAt = %v, want %v", info.LastUsedAt, want)
	}
}

func TestCreatePATNeedsToken(t *testing.T) {
	f := newFakePlatform(t)
	f.mux.HandleFunc("POST "+facadeBase+"/personal-access-token", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 201, map[string]string{"id": "pat_01", "issuedAt": "2026-11-27T10:00:00Z", "expiresAt": "2027-02-25T10:00:00Z"})
	})
	if _, err := f.client(t).CreatePAT(t.Context(), mintOpaque("at_")); !errors.Is(err, ErrBadResponse) {
		t.Fatalf("CreatePAT without a token in the answer: %v, want ErrBadResponse", err)
	}
}

func TestCallsWithoutToken(t *testing.T) {
	f := newFakePlatform(t)
	c := f.client(t)
	ctx := t.Context()
	calls := map[string]error{
		"GetPAT":      func() error { _, err := c.GetPAT(ctx, ""); return err }(),
		"CreatePAT":   func() error { _, err := c.CreatePAT(ctx, ""); return err }(),
		"RevokePAT":   c.RevokePAT(ctx, ""),
		"WhoAmI":      func() error { _, err := c.WhoAmI(ctx, ""); return err }(),
		"RevokeToken": c.RevokeToken(ctx, "", "refresh_token"),
	}
	for name, err := range calls {
		if err == nil {
			t.Errorf("%s with no token: no error", name)
		}
	}
	if n := f.count(facadeBase + "/personal-access-token"); n != 0 {
		t.Errorf("%d requests sent without a token", n)
	}
}

func TestNewPATNeverPrintsToken(t *testing.T) {
	tok := mintJWT(t)
	p := &NewPAT{ID: "pat_01", Token: tok, IssuedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10.3v"} {
		outs = append(outs, fmt.Sprintf(verb, p), fmt.Sprintf(verb, *p))
	}
	outs = append(outs, fmt.Sprint(p), fmt.Sprintln(*p), p.String(), p.GoString(),
		fmt.Sprintf("%v", []*NewPAT{p}), fmt.Sprintf("%+v", struct{ P NewPAT }{*p}))
	b, _ := json.Marshal(p)
	outs = append(outs, string(b))
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("generated", "pat", p, "value", *p)
	outs = append(outs, logged.String())
	for _, out := range outs {
		if strings.Contains(out, tok) || strings.Contains(out, tok[:20]) {
			t.Errorf("printed the token: %s", out)
		}
		if !strings.Contains(out, "pat_01") {
			t.Errorf("lost the id: %s", out)
		}
	}
}

func TestRevokeToken(t *testing.T) {
	tests := []struct {
		name    string
		hint    string
		status  int
		noEndpt bool
		want    error
	}{
		{name: "refresh token", hint: "refresh_token", status: 200},
		{name: "no hint", status: 200},
		{name: "unknown to the platform is fine", hint: "access_token", status: 200},
		{name: "400", hint: "refresh_token", status: 400, want: ErrBadRequest},
		{name: "503", hint: "refresh_token", status: 503, want: ErrServer},
		{name: "no revocation endpoint", noEndpt: true, want: ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakePlatform(t)
			if tt.noEndpt {
				delete(f.meta, "revocation_endpoint")
			}
			refresh := mintOpaque("rt_")
			f.mux.HandleFunc("POST /auth/revoke", func(w http.ResponseWriter, r *http.Request) {
				if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
					t.Errorf("Content-Type = %q", ct)
				}
				if r.URL.RawQuery != "" || r.Header.Get("Authorization") != "" {
					t.Errorf("revocation sent a query %q or an Authorization header", r.URL.RawQuery)
				}
				if err := r.ParseForm(); err != nil {
					t.Error(err)
				}
				if r.PostForm.Get("token") != refresh || r.PostForm.Get("client_id") != ClientID || r.PostForm.Get("token_type_hint") != tt.hint || r.PostForm.Has("token_type_hint") != (tt.hint != "") {
					t.Errorf("form has the wrong fields: client_id=%q hint=%q", r.PostForm.Get("client_id"), r.PostForm.Get("token_type_hint"))
				}
				if tt.status != 200 {
					writeJSON(w, tt.status, map[string]string{"error": "invalid_request", "error_description": "Missing token."})
					return
				}
				w.WriteHeader(200)
			})
			err := f.client(t).RevokeToken(t.Context(), refresh, tt.hint)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("RevokeToken: %v, want %v", err, tt.want)
			}
			if tt.want == nil && f.count("/auth/revoke") != 1 {
				t.Errorf("revocation endpoint called %d times", f.count("/auth/revoke"))
			}
		})
	}
}
