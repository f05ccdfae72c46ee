package signin

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// DefaultTimeout is Config.Timeout's default.
const DefaultTimeout = 3 * time.Minute

// Config tunes SignIn.
type Config struct {
	// Client is the platform and the OAuth client to sign in as
	// (client.WithOAuthClient); required.
	Client *client.Client
	// Scopes overrides the scope the platform's metadata says to ask for
	// (client.Metadata.Scope); nil: the platform's.
	Scopes []string
	// Port is the loopback port to listen on, for platforms that match
	// the redirect URI's port exactly (the administrator registered
	// http://127.0.0.1:PORT/callback); 0: any free port (RFC 8252 §7.3).
	Port int
	// Opener opens the sign-in link in a browser; nil opens nothing and
	// only hands the link to OnURL (the --no-browser mode). Only links that
	// pass CheckLink ever reach it.
	Opener Opener
	// OnURL receives the sign-in link once it is known, and whether a
	// browser was opened on it, so the app can offer "Copy sign-in link"
	// and the command line can print it.
	OnURL func(link string, opened bool)
	// Timeout bounds the whole attempt; default DefaultTimeout.
	Timeout time.Duration
	// Verify, when set, checks the new session (the caller's who-am-I)
	// before the browser tab is told anything: the tab says "Signed in"
	// only when it returns nil, and otherwise shows Describe(err). Its
	// error ends the attempt; the caller disposes of the tokens it was
	// given.
	Verify func(ctx context.Context, tok *oauth2.Token) error
	// Describe puts an error of the attempt (Verify's, or the sign-in's
	// own: denied, refused, a stray answer) in words for the browser tab,
	// including what the platform said; nil: the error's own English
	// sentence.
	Describe func(error) string
	// Words is the language of the browser tab's pages; nil: English.
	Words *words.Words
	// Log receives one line per event worth a verbose log, such as a stray
	// request ignored; never a secret. Nil: none.
	Log func(format string, args ...any)
}

// lingerAfterCancel is how long the listener stays after the caller cancels,
// so a tab still open that finishes the sign-in is told it was cancelled in
// the app rather than "This site can't be reached". Nothing is exchanged
// meanwhile. A variable so tests can shorten it.
var lingerAfterCancel = 10 * time.Second

// Time limits of the loopback listener.
const (
	closeWithin       = time.Second     // the listener is gone this long after the attempt ends
	openWait          = 2 * time.Second // how long the opener may take before we assume it launched
	readHeaderTimeout = 5 * time.Second
)

// listen opens the loopback listener on port (0: any); tests replace it to
// simulate port exhaustion.
var listen = func(port int) (net.Listener, error) {
	return net.Listen("tcp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
}

// SignIn runs one sign-in through the browser and returns the platform's
// tokens. Before anything is opened it checks the platform's discovery
// document (issuer, S256); it then listens on http://127.0.0.1:{port}/callback,
// opens the browser (or hands the link to OnURL), and waits for the platform
// to send the browser back, until ctx ends or cfg.Timeout passes. The
// listener is closed within a second of the end, whatever the outcome,
// except when ctx is cancelled: it then answers this attempt's callback
// with "cancelled in the app" for lingerAfterCancel before it closes.
//
// Every failure is an *Error whose Kind is one of the Err* sentinels, or an
// error of the client package for discovery problems.
func SignIn(ctx context.Context, cfg Config) (*oauth2.Token, error) {
	if cfg.Client == nil {
		return nil, errors.New("signin: Config.Client is nil")
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("signin: Config.Port %d is not a port", cfg.Port)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()

	meta, err := cfg.Client.Discover(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, contextError(ctx.Err())
		}
		return nil, err
	}
	if !meta.SupportsS256() {
		return nil, &Error{Kind: ErrNoS256}
	}

	ln, err := listen(cfg.Port)
	if err != nil {
		return nil, &Error{Kind: ErrPortUnavailable, Err: err}
	}
	a := newAttempt(ctx, cfg, meta, ln.Addr().(*net.TCPAddr).Port)
	srv := &http.Server{
		Handler:           a,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       2 * readHeaderTimeout,
		// The handler exchanges the code, and verifies the session,
		// before it answers.
		WriteTimeout:   2*cfg.Client.Timeout() + 2*readHeaderTimeout,
		IdleTimeout:    readHeaderTimeout,
		MaxHeaderBytes: 16 << 10,
		ErrorLog:       log.New(io.Discard, "", 0),
		BaseContext:    func(net.Listener) context.Context { return ctx },
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(ln)
	}()
	linger := false
	defer func() {
		if !linger {
			stop(srv)
			<-served
			return
		}
		time.AfterFunc(lingerAfterCancel, func() { stop(srv) })
	}()

	link := a.conf.AuthCodeURL(a.state, oauth2.S256ChallengeOption(a.verifier))
	opened := false
	if cfg.Opener != nil {
		if err := CheckLink(cfg.Client.Platform(), link); err != nil {
			return nil, err
		}
		opened = open(ctx, cfg.Opener, link)
	}
	if cfg.OnURL != nil {
		cfg.OnURL(link, opened)
	}

	select {
	case r := <-a.result:
		return r.tok, r.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.Canceled) && lingerAfterCancel > 0 {
			a.cancelled.Store(true)
			linger = true
		}
		return nil, contextError(ctx.Err())
	}
}

// stop closes the listener at once and gives a request in flight up to
// closeWithin to finish before its connection is cut.
func stop(srv *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), closeWithin)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close()
	}
}

// open asks o to open link and reports whether it did. A browser helper that
// has not returned after openWait is taken to have started a browser: some
// wait until the browser exits.
func open(ctx context.Context, o Opener, link string) bool {
	done := make(chan error, 1)
	go func() { done <- o.Open(link) }()
	t := time.NewTimer(openWait)
	defer t.Stop()
	select {
	case err := <-done:
		return err == nil
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// newSecret returns 256 random bits, base64url-encoded (43 characters).
func newSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// redirectURL is the only redirect the platform accepts from the desktop
// app (RFC 8252 §7.3).
func redirectURL(port int) string {
	return fmt.Sprintf("http://127.0.0.1:%d/callback", port)
}
