package signin

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// startSandbox runs an in-process sandbox platform for the test.
func startSandbox(t testing.TB, cfg sandbox.Config) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start(cfg)
	if err != nil {
		t.Fatalf("sandbox.Start: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func newClient(t testing.TB, platform string) *client.Client {
	t.Helper()
	c, err := client.New(platform)
	if err != nil {
		t.Fatalf("client.New(%q): %v", platform, err)
	}
	return c
}

// page is what the browser double saw at the end of the redirects.
type page struct {
	status int
	body   string
	err    error
}

// browserDouble is an Opener that behaves like a browser over HTTP: it
// follows the link and every redirect (the sandbox's auto-approve sends it
// straight back to the callback). before, when set, turns the link into the
// first URL to visit, so tests can tamper with the callback.
type browserDouble struct {
	t      testing.TB
	before func(link string) string

	mu     sync.Mutex
	links  []string
	pages  chan page
	client *http.Client
}

func newBrowser(t testing.TB) *browserDouble {
	return &browserDouble{t: t, pages: make(chan page, 16), client: &http.Client{Timeout: 30 * time.Second}}
}

func (b *browserDouble) Open(link string) error {
	b.mu.Lock()
	b.links = append(b.links, link)
	b.mu.Unlock()
	go func() { b.pages <- b.visit(link) }()
	return nil
}

func (b *browserDouble) visit(link string) page {
	target := link
	if b.before != nil {
		target = b.before(link)
	}
	resp, err := b.client.Get(target)
	if err != nil {
		return page{err: err}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, body: string(body)}
}

// opened is every link handed to the double.
func (b *browserDouble) opened() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.links...)
}

// lastPage waits for the page of the latest visit.
func (b *browserDouble) lastPage(t testing.TB) page {
	t.Helper()
	select {
	case p := <-b.pages:
		return p
	case <-time.After(30 * time.Second):
		t.Fatal("the browser double saw no page")
		return page{}
	}
}

// approve follows link to the sandbox without following its redirect and
// returns the callback URL it sends the browser to.
func approve(t testing.TB, link string) *url.URL {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	u, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil {
		t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return u
}

// linkParams are the authorization request's parameters.
func linkParams(t testing.TB, link string) url.Values {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// refused reports whether nothing listens on the callback's port any more.
func refused(t testing.TB, link string) bool {
	t.Helper()
	cb, err := url.Parse(linkParams(t, link).Get("redirect_uri"))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", cb.Host, 5*time.Second)
	if err == nil {
		conn.Close()
		return false
	}
	return true
}

// memStore is a SecretStore in memory that can be told to fail.
type memStore struct {
	mu      sync.Mutex
	m       map[string]string
	sets    int
	deletes int
	failSet error
	failGet error
	failDel error
}

func newMemStore() *memStore { return &memStore{m: map[string]string{}} }

func (s *memStore) Get(ctx context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failGet != nil {
		return "", s.failGet
	}
	v, ok := s.m[key]
	if !ok {
		return "", ErrSecretNotFound
	}
	return v, nil
}

func (s *memStore) Set(ctx context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sets++
	if s.failSet != nil {
		// A store that fails half-way leaves something behind.
		s.m[key] = value[:len(value)/2]
		return s.failSet
	}
	s.m[key] = value
	return nil
}

func (s *memStore) Delete(ctx context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deletes++
	if s.failDel != nil {
		return s.failDel
	}
	if _, ok := s.m[key]; !ok {
		return ErrSecretNotFound
	}
	delete(s.m, key)
	return nil
}

func (s *memStore) value(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	return v, ok
}

func (s *memStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

var errStoreBroken = errors.New("the keychain is locked")

// assertNoSecret fails when any of secrets appears in s.
func assertNoSecret(t testing.TB, s string, secrets ...string) {
	t.Helper()
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			t.Errorf("%q holds a secret", s)
		}
	}
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
