package signin

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
)

// FuzzCallback feeds arbitrary callback queries to the checks: they never
// panic, never succeed without the attempt's state, and their error text is
// one plain line.
func FuzzCallback(f *testing.F) {
	const state = "fuzz-state-0123456789"
	const issuer = "http://127.0.0.1:1"
	for _, s := range []string{
		"code=abc&state=" + state + "&iss=" + url.QueryEscape(issuer),
		"error=access_denied&error_description=%3Cscript%3E&state=" + state + "&iss=" + url.QueryEscape(issuer),
		"code=abc&error=x&state=" + state + "&iss=" + url.QueryEscape(issuer),
		"state=" + state + "&state=" + state,
		"code=abc&state=wrong",
		"",
		"iss=&state=" + state,
		"error=server_error&error_description=line1%0Aline2%00&state=" + state + "&iss=" + url.QueryEscape(issuer),
	} {
		f.Add(s)
	}
	tokenSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant","error_description":"The code has expired or was already used."}`))
	}))
	f.Cleanup(tokenSrv.Close)
	c, err := client.New("127.0.0.1:1")
	if err != nil {
		f.Fatal(err)
	}
	a := &attempt{
		ctx:      context.WithValue(context.Background(), oauth2.HTTPClient, tokenSrv.Client()),
		conf:     &oauth2.Config{ClientID: client.ClientID, Endpoint: oauth2.Endpoint{TokenURL: tokenSrv.URL + "/token", AuthStyle: oauth2.AuthStyleInParams}},
		meta:     &client.Metadata{Issuer: issuer, ISSParameterSupported: true},
		platform: c.Platform(),
		state:    state,
		verifier: oauth2.GenerateVerifier(),
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		tok, err := a.complete(q)
		if err == nil {
			t.Fatalf("callback %q succeeded: %v", raw, tok)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("callback %q: untyped error %T", raw, err)
		}
		if q.Get("state") != state && !errors.Is(err, ErrStateMismatch) && !errors.Is(err, ErrBadCallback) {
			t.Fatalf("callback %q without our state: %v", raw, err)
		}
		if strings.ContainsFunc(err.Error(), unicode.IsControl) {
			t.Fatalf("error %q is not one plain line", err)
		}
	})
}
