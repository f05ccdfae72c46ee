package signin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

func TestSignInHappyPath(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	b := newBrowser(t)
	var onURL []string
	var openedFlags []bool
	tok, err := SignIn(t.Context(), Config{Client: c, Opener: b, OnURL: func(link string, opened bool) {
		onURL = append(onURL, link)
		openedFlags = append(openedFlags, opened)
	}})
	if err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	if tok.AccessToken == "" || tok.RefreshToken == "" || tok.Expiry.IsZero() {
		t.Fatalf("token incomplete: access %v refresh %v expiry %v", tok.AccessToken != "", tok.RefreshToken != "", tok.Expiry)
	}
	links := b.opened()
	if len(links) != 1 || len(onURL) != 1 || onURL[0] != links[0] || !openedFlags[0] {
		t.Fatalf("opened %d links, OnURL got %d (opened %v)", len(links), len(onURL), openedFlags)
	}
	link := links[0]
	if !strings.HasPrefix(link, srv.URL()+"/s/oauth/authorize?") {
		t.Errorf("link %q is not the authorization endpoint", link)
	}
	q := linkParams(t, link)
	redirect, _ := url.Parse(q.Get("redirect_uri"))
	want := url.Values{
		"response_type":         {"code"},
		"client_id":             {"iobeya-token"},
		"code_challenge_method": {"S256"},
		"scope":                 {"api personal-access-token offline_access"}, // the discovery document's scopes this app knows
	}
	for k, v := range want {
		if q.Get(k) != v[0] {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v[0])
		}
	}
	if redirect.Scheme != "http" || redirect.Hostname() != "127.0.0.1" || redirect.Path != "/callback" || redirect.RawQuery != "" || redirect.Port() == "" {
		t.Errorf("redirect_uri = %q", redirect)
	}
	if len(q.Get("state")) != 43 || len(q.Get("code_challenge")) != 43 || q.Has("code_verifier") {
		t.Errorf("state %d chars, challenge %d chars, verifier sent: %v", len(q.Get("state")), len(q.Get("code_challenge")), q.Has("code_verifier"))
	}
	p := b.lastPage(t)
	if p.status != http.StatusOK || !strings.Contains(p.body, "Signed in — you can close this tab and return to iObeya Token") {
		t.Errorf("page %d: %s", p.status, p.body)
	}
	assertNoSecret(t, p.body, tok.AccessToken, tok.RefreshToken)
	if n := srv.Count(sandbox.EndpointToken); n != 1 {
		t.Errorf("token endpoint called %d times", n)
	}
	u, err := c.WhoAmI(t.Context(), tok.AccessToken)
	if err != nil || u.Email != "alice@example.com" {
		t.Fatalf("WhoAmI = %+v, %v", u, err)
	}
	if !refused(t, link) {
		t.Error("the callback port still accepts connections after the sign-in")
	}
}

// callbackCase tampers with the callback the platform sends the browser to.
type callbackCase struct {
	name string
	// tamper gets the genuine callback (with a real code) and returns the
	// query to send instead; nil keeps the genuine one.
	tamper      func(genuine url.Values) url.Values
	want        error
	tokenCalls  int
	pageSays    string
	pageNotSays string
}

func callbackCases() []callbackCase {
	with := func(g url.Values, kv ...string) url.Values {
		v := url.Values{}
		for k, vs := range g {
			v[k] = append([]string(nil), vs...)
		}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "\x00" {
				v.Del(kv[i])
			} else {
				v.Set(kv[i], kv[i+1])
			}
		}
		return v
	}
	return []callbackCase{
		{name: "repeated state", tamper: func(g url.Values) url.Values {
			v := with(g)
			v.Add("state", v.Get("state"))
			return v
		}, want: ErrBadCallback},
		{name: "access denied with a script", tamper: func(g url.Values) url.Values {
			return with(g, "code", "\x00", "error", "access_denied", "error_description", `<script>alert("x")</script> & no`)
		}, want: ErrDenied, pageSays: "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; no", pageNotSays: "<script>"},
		{name: "server error", tamper: func(g url.Values) url.Values {
			return with(g, "code", "\x00", "error", "server_error", "error_description", "Try later.")
		}, want: ErrRefused, pageSays: "Try later."},
		{name: "both code and error", tamper: func(g url.Values) url.Values {
			return with(g, "error", "access_denied")
		}, want: ErrBadCallback, pageSays: "incomplete"},
		{name: "no code", tamper: func(g url.Values) url.Values { return with(g, "code", "\x00") },
			want: ErrBadCallback},
		{name: "missing iss", tamper: func(g url.Values) url.Values { return with(g, "iss", "\x00") },
			want: ErrIssuerMismatch},
		{name: "other iss", tamper: func(g url.Values) url.Values { return with(g, "iss", "https://evil.example") },
			want: ErrIssuerMismatch},
		{name: "iss with trailing slash", tamper: func(g url.Values) url.Values { return with(g, "iss", g.Get("iss")+"/") },
			want: ErrIssuerMismatch},
		{name: "code the platform rejects", tamper: func(g url.Values) url.Values { return with(g, "code", "forged-"+newSecret()) },
			want: ErrCodeRejected, tokenCalls: 1, pageSays: "did not accept"},
	}
}

// TestStrayCallbacksAreIgnored: callbacks without this attempt's state
// (any local program can send them) get a 400 page and are logged, and the
// sign-in goes on to complete with the genuine answer.
func TestStrayCallbacksAreIgnored(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	b := newBrowser(t)
	var mu sync.Mutex
	var logged []string
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, fmt.Sprintf(format, args...))
	}
	strays := map[string]func(q url.Values){
		"wrong state":              func(q url.Values) { q.Set("state", "wrong") },
		"missing state":            func(q url.Values) { q.Del("state") },
		"empty state":              func(q url.Values) { q.Set("state", "") },
		"error with a wrong state": func(q url.Values) { q.Del("code"); q.Set("error", "access_denied"); q.Set("state", newSecret()) },
	}
	b.before = func(link string) string {
		cb := approve(t, link)
		for name, tamper := range strays {
			u := *cb
			q := cb.Query()
			tamper(q)
			u.RawQuery = q.Encode()
			resp, err := http.Get(u.String())
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "does not belong to this sign-in") {
				t.Errorf("%s: %d %s", name, resp.StatusCode, body)
			}
		}
		return cb.String()
	}
	tok, err := SignIn(t.Context(), Config{Client: c, Opener: b, Log: logf, Timeout: 30 * time.Second})
	if err != nil || tok.AccessToken == "" {
		t.Fatalf("SignIn after stray callbacks = %v", err)
	}
	if p := b.lastPage(t); p.status != http.StatusOK || !strings.Contains(p.body, "Signed in") {
		t.Errorf("genuine callback's page: %d %s", p.status, p.body)
	}
	if n := srv.Count(sandbox.EndpointToken); n != 1 {
		t.Errorf("token endpoint called %d times, want 1", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != len(strays) || !strings.Contains(logged[0], "ignored") {
		t.Errorf("logged %q, want one line per stray", logged)
	}
}

// TestSignInVerifiedBeforeSuccessPage: the tab says "Signed in" only once
// Verify accepted the session; when it fails, the tab says why and the
// attempt ends with Verify's error.
func TestSignInVerifiedBeforeSuccessPage(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	b := newBrowser(t)
	errNoMe := errors.New("no /me here")
	verified := 0
	_, err := SignIn(t.Context(), Config{Client: c, Opener: b,
		Verify: func(ctx context.Context, tok *oauth2.Token) error {
			verified++
			if tok.AccessToken == "" {
				t.Error("Verify got no access token")
			}
			return errNoMe
		},
		Describe: func(err error) string { return "The platform does not say who you are." },
	})
	if !errors.Is(err, errNoMe) || verified != 1 {
		t.Fatalf("SignIn = %v after %d verifications; want Verify's error", err, verified)
	}
	p := b.lastPage(t)
	if p.status == http.StatusOK || strings.Contains(p.body, "Signed in") || !strings.Contains(p.body, "The platform does not say who you are.") {
		t.Errorf("page after a failed verification: %d %s", p.status, p.body)
	}

	b = newBrowser(t)
	tok, err := SignIn(t.Context(), Config{Client: c, Opener: b,
		Verify: func(context.Context, *oauth2.Token) error { return nil }})
	if err != nil || tok.AccessToken == "" {
		t.Fatalf("SignIn with a passing Verify = %v", err)
	}
	if p := b.lastPage(t); p.status != http.StatusOK || !strings.Contains(p.body, "Signed in") {
		t.Errorf("page after a passing verification: %d %s", p.status, p.body)
	}
}

// TestSignInBadCallbacks sends each tampered answer through the real
// listener and checks the error, the page, the token endpoint count, and
// that the session store is left empty.
func TestSignInBadCallbacks(t *testing.T) {
	for _, tt := range callbackCases() {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
			c := newClient(t, srv.URL())
			b := newBrowser(t)
			var codes []string
			b.before = func(link string) string {
				cb := approve(t, link)
				sent := tt.tamper(cb.Query())
				codes = append(codes, cb.Query().Get("code"), sent.Get("code"))
				cb.RawQuery = sent.Encode()
				return cb.String()
			}
			store := newMemStore()
			s, err := NewSession(SessionConfig{Client: c, Store: store, Key: "session"})
			if err != nil {
				t.Fatal(err)
			}
			tok, err := s.SignIn(t.Context(), Config{Opener: b})
			if !errors.Is(err, tt.want) {
				t.Fatalf("SignIn = %v, %v; want %v", tok, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("%T is not an *Error", err)
			}
			if n := srv.Count(sandbox.EndpointToken); n != tt.tokenCalls {
				t.Errorf("token endpoint called %d times, want %d", n, tt.tokenCalls)
			}
			p := b.lastPage(t)
			if p.status != http.StatusBadRequest || !strings.Contains(p.body, "Sign-in did not complete") || !strings.Contains(p.body, tt.pageSays) {
				t.Errorf("page %d does not say %q: %s", p.status, tt.pageSays, p.body)
			}
			if tt.pageNotSays != "" && strings.Contains(p.body, tt.pageNotSays) {
				t.Errorf("page holds %q unescaped", tt.pageNotSays)
			}
			// Neither the error nor the page repeats a code.
			assertNoSecret(t, err.Error(), codes...)
			assertNoSecret(t, p.body, codes...)
			if store.len() != 0 || store.sets != 0 {
				t.Errorf("a failed sign-in left %d secrets (%d writes)", store.len(), store.sets)
			}
			if !refused(t, b.opened()[0]) {
				t.Error("the callback port still accepts connections")
			}
		})
	}
}

func TestSignInDeniedErrorText(t *testing.T) {
	err := &Error{Kind: ErrDenied, Detail: client.CleanText(`<script>alert(1)</script>`+"\n"+mintRefresh(), 200)}
	msg := err.Error()
	if !strings.Contains(msg, "declined") || !strings.Contains(msg, "<script>alert(1)</script>") {
		t.Errorf("error text %q", msg)
	}
	if strings.Contains(msg, "\n") || strings.Contains(msg, "rt_") {
		t.Errorf("error text %q keeps a newline or a token", msg)
	}
}

func mintRefresh() string { return "rt_" + newSecret() }

// TestCallbackRefusesStrays: requests that are not the callback get 404,
// 405 or 400 and do not end the attempt, which then completes.
func TestCallbackRefusesStrays(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	b := newBrowser(t)
	type stray struct {
		method, path, host string
		want               int
	}
	strays := []stray{
		{http.MethodGet, "/", "", http.StatusNotFound},
		{http.MethodGet, "/favicon.ico", "", http.StatusNotFound},
		{http.MethodGet, "/callback/", "", http.StatusNotFound},
		{http.MethodGet, "/CALLBACK", "", http.StatusNotFound},
		{http.MethodPost, "/callback", "", http.StatusMethodNotAllowed},
		{http.MethodPut, "/callback", "", http.StatusMethodNotAllowed},
		{http.MethodHead, "/callback", "", http.StatusMethodNotAllowed},
		{http.MethodGet, "/callback", "evil.example", http.StatusBadRequest},
		{http.MethodGet, "/callback", "localhost", http.StatusBadRequest},
	}
	var got []string
	b.before = func(link string) string {
		cb := approve(t, link)
		for _, s := range strays {
			u := *cb
			u.Path = s.path
			req, _ := http.NewRequest(s.method, u.String(), strings.NewReader(cb.RawQuery))
			if s.host != "" {
				req.Host = s.host
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Errorf("%s %s: %v", s.method, s.path, err)
				continue
			}
			resp.Body.Close()
			got = append(got, fmt.Sprintf("%s %s host=%q: %d", s.method, s.path, s.host, resp.StatusCode))
			if resp.StatusCode != s.want {
				t.Errorf("%s %s (Host %q) = %d, want %d", s.method, s.path, s.host, resp.StatusCode, s.want)
			}
			if s.want == http.StatusMethodNotAllowed && resp.Header.Get("Allow") != "GET" {
				t.Errorf("405 without Allow: GET")
			}
		}
		return cb.String()
	}
	tok, err := SignIn(t.Context(), Config{Client: c, Opener: b})
	if err != nil || tok.AccessToken == "" {
		t.Fatalf("SignIn after stray requests = %v, %v (%s)", tok, err, strings.Join(got, "; "))
	}
	if p := b.lastPage(t); p.status != http.StatusOK {
		t.Errorf("page %d", p.status)
	}
}

// TestSecondCallbackGets400 replays the callback on the attempt's handler:
// the first answer wins, the second gets 400 and reaches no token endpoint.
func TestSecondCallbackGets400(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	meta, err := c.Discover(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	a := newAttempt(t.Context(), Config{Client: c, Scopes: []string{"personal-access-token"}}, meta, 50123)
	cb := approve(t, a.conf.AuthCodeURL(a.state, oauth2.S256ChallengeOption(a.verifier)))
	serve := func() *http.Response {
		rec := newRecorder()
		req, _ := http.NewRequest(http.MethodGet, cb.String(), nil)
		a.ServeHTTP(rec, req)
		return rec.Result()
	}
	if first := serve(); first.StatusCode != http.StatusOK {
		t.Fatalf("first callback: %d", first.StatusCode)
	}
	if r := <-a.result; r.err != nil || r.tok.AccessToken == "" {
		t.Fatalf("first callback result: %v", r.err)
	}
	for range 3 {
		if again := serve(); again.StatusCode != http.StatusBadRequest {
			t.Fatalf("second callback: %d, want 400", again.StatusCode)
		}
	}
	if n := srv.Count(sandbox.EndpointToken); n != 1 {
		t.Errorf("token endpoint called %d times, want 1", n)
	}
}

// TestConcurrentCallbacks fires the genuine callback many times at once
// over HTTP: exactly one is served as the sign-in, the others get 400 or
// find the listener closed.
func TestConcurrentCallbacks(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	var statuses []int
	var mu sync.Mutex
	opener := OpenerFunc(func(link string) error {
		cb := approve(t, link)
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				resp, err := http.Get(cb.String())
				if err != nil {
					return // the listener closed after the winner
				}
				resp.Body.Close()
				mu.Lock()
				statuses = append(statuses, resp.StatusCode)
				mu.Unlock()
			})
		}
		go wg.Wait()
		return nil
	})
	if _, err := SignIn(t.Context(), Config{Client: c, Opener: opener}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	ok := 0
	for _, s := range statuses {
		switch s {
		case http.StatusOK:
			ok++
		case http.StatusBadRequest:
		default:
			t.Errorf("status %d", s)
		}
	}
	if ok > 1 || srv.Count(sandbox.EndpointToken) != 1 {
		t.Errorf("%d callbacks won, %d token calls", ok, srv.Count(sandbox.EndpointToken))
	}
}

func TestSignInTimeout(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	var link string
	var opened = true
	_, err := SignIn(t.Context(), Config{Client: c, Timeout: 100 * time.Millisecond, OnURL: func(l string, o bool) { link, opened = l, o }})
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrTimedOut) {
		t.Fatalf("SignIn = %v, want ErrTimedOut matching context.DeadlineExceeded", err)
	}
	if !strings.Contains(err.Error(), "not finished in time") {
		t.Errorf("error %q", err)
	}
	if link == "" || opened {
		t.Fatalf("OnURL got %q, opened %v; want the link, not opened", link, opened)
	}
	if !refused(t, link) {
		t.Error("the callback port still accepts connections after the timeout")
	}
	if n := srv.Count(sandbox.EndpointToken); n != 0 {
		t.Errorf("token endpoint called %d times", n)
	}
}

// TestSignInCancel: after the app cancels, a tab still open that finishes
// the sign-in is told it was cancelled in the app (nothing is exchanged),
// and the listener is gone soon after.
func TestSignInCancel(t *testing.T) {
	was := lingerAfterCancel
	lingerAfterCancel = 500 * time.Millisecond
	t.Cleanup(func() { lingerAfterCancel = was })
	srv := startSandbox(t, sandbox.Config{})
	c := newClient(t, srv.URL())
	ctx, cancel := context.WithCancel(t.Context())
	var link string
	_, err := SignIn(ctx, Config{Client: c, OnURL: func(l string, _ bool) { link = l; cancel() }})
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrCancelled) {
		t.Fatalf("SignIn = %v, want ErrCancelled matching context.Canceled", err)
	}
	p := linkParams(t, link)
	resp, err := http.Get(p.Get("redirect_uri") + "?code=leftover&state=" + url.QueryEscape(p.Get("state")))
	if err != nil {
		t.Fatalf("the leftover tab gets no page: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "cancelled in iObeya Token") {
		t.Errorf("leftover tab: %d %s", resp.StatusCode, body)
	}
	if n := srv.Count(sandbox.EndpointToken); n != 0 {
		t.Errorf("a cancelled sign-in exchanged its code (%d calls)", n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !refused(t, link) {
		if time.Now().After(deadline) {
			t.Fatal("the callback port still accepts connections 5 s after cancel")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestSignInTokenEndpointFails(t *testing.T) {
	for _, status := range []int{500, 503} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com", Faults: []sandbox.Fault{{Endpoint: sandbox.EndpointToken, Status: status}}})
			c := newClient(t, srv.URL())
			b := newBrowser(t)
			store := newMemStore()
			s, _ := NewSession(SessionConfig{Client: c, Store: store, Key: "k"})
			_, err := s.SignIn(t.Context(), Config{Opener: b})
			var ae *client.APIError
			if !errors.Is(err, ErrTokenFailed) || !errors.Is(err, client.ErrServer) || !errors.As(err, &ae) || ae.Status != status {
				t.Fatalf("SignIn = %v, want ErrTokenFailed with a %d", err, status)
			}
			if p := b.lastPage(t); p.status != http.StatusBadRequest || !strings.Contains(p.body, "could not finish the sign-in") {
				t.Errorf("page %d: %s", p.status, p.body)
			}
			if store.len() != 0 {
				t.Error("a failed sign-in left a secret")
			}
		})
	}
}

// TestSignInRefusesBeforeOpening: a platform that lies about its issuer or
// lacks S256 is refused before any browser is opened or link handed out.
func TestSignInRefusesBeforeOpening(t *testing.T) {
	tests := []struct {
		name string
		cfg  sandbox.Config
		want error
		says string
	}{
		{"issuer of another platform", sandbox.Config{Issuer: "https://evil.example"}, ErrIssuerMismatch, "says it is"},
		{"issuer on another port", sandbox.Config{Issuer: "http://127.0.0.1:1"}, ErrIssuerMismatch, "says it is"},
		{"no S256", sandbox.Config{WithoutS256: true}, ErrNoS256, "this platform does not support secure sign-in for desktop apps"},
		{"discovery down", sandbox.Config{Faults: []sandbox.Fault{{Endpoint: sandbox.EndpointDiscovery, Status: 502}}}, client.ErrServer, "502"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSandbox(t, tt.cfg)
			b := newBrowser(t)
			onURL := 0
			_, err := SignIn(t.Context(), Config{Client: newClient(t, srv.URL()), Opener: b, OnURL: func(string, bool) { onURL++ }})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("SignIn = %v, want %v saying %q", err, tt.want, tt.says)
			}
			if len(b.opened()) != 0 || onURL != 0 {
				t.Errorf("opener called %d times, OnURL %d times", len(b.opened()), onURL)
			}
			if srv.Count(sandbox.EndpointAuthorize) != 0 {
				t.Error("the authorization endpoint was reached")
			}
		})
	}
}

func TestSignInPortExhaustion(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{})
	orig := listen
	t.Cleanup(func() { listen = orig })
	listen = func(int) (net.Listener, error) {
		return nil, &net.OpError{Op: "listen", Net: "tcp4", Err: syscall.EADDRINUSE}
	}
	b := newBrowser(t)
	_, err := SignIn(t.Context(), Config{Client: newClient(t, srv.URL()), Opener: b})
	if !errors.Is(err, ErrPortUnavailable) || !errors.Is(err, syscall.EADDRINUSE) {
		t.Fatalf("SignIn = %v, want ErrPortUnavailable", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "no local port is free") || strings.Contains(msg, "tcp4") {
		t.Errorf("error %q is not plain", msg)
	}
	if len(b.opened()) != 0 {
		t.Error("the browser was opened without a listener")
	}
}

// TestSignInWithoutBrowser: with no opener (--no-browser), or an opener
// that fails, the link goes to OnURL and the attempt waits for whoever
// follows it.
func TestSignInWithoutBrowser(t *testing.T) {
	tests := []struct {
		name       string
		opener     Opener
		wantOpened bool
	}{
		{"no opener", nil, false},
		{"opener fails", OpenerFunc(func(string) error { return errors.New("no browser") }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSandbox(t, sandbox.Config{AutoApprove: "bob@example.com"})
			c := newClient(t, srv.URL())
			b := newBrowser(t)
			tok, err := SignIn(t.Context(), Config{Client: c, Opener: tt.opener, OnURL: func(link string, opened bool) {
				if opened != tt.wantOpened {
					t.Errorf("opened = %v", opened)
				}
				_ = b.Open(link) // the user pastes the link in a browser
			}})
			if err != nil {
				t.Fatal(err)
			}
			if u, err := c.WhoAmI(t.Context(), tok.AccessToken); err != nil || u.Email != "bob@example.com" {
				t.Fatalf("WhoAmI = %+v, %v", u, err)
			}
		})
	}
}

// TestOpenerSlow: an opener that does not return (a helper waiting for the
// browser to exit) does not hold the attempt up.
func TestOpenerSlow(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	b := newBrowser(t)
	opener := OpenerFunc(func(link string) error {
		_ = b.Open(link)
		<-release
		return nil
	})
	if _, err := SignIn(t.Context(), Config{Client: c, Opener: opener}); err != nil {
		t.Fatal(err)
	}
}

func TestSignInSecretsAreFresh(t *testing.T) {
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	c := newClient(t, srv.URL())
	states, challenges := map[string]bool{}, map[string]bool{}
	for i := range 100 {
		b := newBrowser(t)
		if _, err := SignIn(t.Context(), Config{Client: c, Opener: b}); err != nil {
			t.Fatalf("sign-in %d: %v", i, err)
		}
		q := linkParams(t, b.opened()[0])
		st, ch := q.Get("state"), q.Get("code_challenge")
		if states[st] || challenges[ch] {
			t.Fatalf("sign-in %d repeated a state or a verifier", i)
		}
		states[st], challenges[ch] = true, true
	}
}

func TestSignInConfig(t *testing.T) {
	if _, err := SignIn(t.Context(), Config{}); err == nil {
		t.Error("SignIn without a client: no error")
	}
}

// TestSessionSignInFailuresLeaveNothing: whatever ends a sign-in, the
// session store is not written.
func TestSessionSignInFailuresLeaveNothing(t *testing.T) {
	tests := []struct {
		name    string
		cfg     sandbox.Config
		timeout time.Duration
		noPort  bool
		want    error
	}{
		{name: "timeout", cfg: sandbox.Config{}, timeout: 100 * time.Millisecond, want: ErrTimedOut},
		{name: "issuer mismatch", cfg: sandbox.Config{Issuer: "https://evil.example"}, want: ErrIssuerMismatch},
		{name: "no S256", cfg: sandbox.Config{WithoutS256: true}, want: ErrNoS256},
		{name: "no port", cfg: sandbox.Config{}, noPort: true, want: ErrPortUnavailable},
		{name: "token endpoint refuses", cfg: sandbox.Config{AutoApprove: "alice@example.com", Faults: []sandbox.Fault{{Endpoint: sandbox.EndpointToken, Status: 400}}}, want: ErrTokenFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.noPort {
				orig := listen
				t.Cleanup(func() { listen = orig })
				listen = func(int) (net.Listener, error) { return nil, syscall.EADDRNOTAVAIL }
			}
			srv := startSandbox(t, tt.cfg)
			store := newMemStore()
			store.m["other"] = "untouched"
			s, _ := NewSession(SessionConfig{Client: newClient(t, srv.URL()), Store: store, Key: sessionKey})
			var opener Opener
			if tt.cfg.AutoApprove != "" {
				opener = newBrowser(t)
			}
			if _, err := s.SignIn(t.Context(), Config{Opener: opener, Timeout: tt.timeout}); !errors.Is(err, tt.want) {
				t.Fatalf("SignIn = %v, want %v", err, tt.want)
			}
			if store.sets != 0 || store.len() != 1 {
				t.Errorf("the store was written (%d writes, %d secrets)", store.sets, store.len())
			}
		})
	}
}
