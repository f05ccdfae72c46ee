package sandbox

import (
	"context"
	"errors"
	"fmt"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrNotLoopback is returned by Start for a non-loopback address without
// Config.Public.
var ErrNotLoopback = errors.New("not a loopback address")

// Server is a running sandbox platform.
type Server struct {
	cfg     Config
	url     string
	ln      net.Listener
	srv     *http.Server
	handler http.Handler
	done    chan struct{} // closed by Close: ends latency waits
	closed  sync.Once

	mu  sync.Mutex // guards st, web and key
	st  *store
	web map[string]*webSession // browser sessions of the web pages, by hash of the cookie
	key *signingKey            // nil until first needed when there is no state file

	switchMu    sync.RWMutex
	faults      []Fault
	latency     time.Duration
	autoApprove string

	countMu sync.Mutex
	counts  map[string]int

	logMu sync.Mutex
}

// Start listens on cfg.Addr and serves the platform until Close.
func Start(cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := checkAddr(cfg.Addr, cfg.Public); err != nil {
		return nil, configError{err}
	}
	s := &Server{
		cfg:         cfg,
		done:        make(chan struct{}),
		st:          newStore(),
		web:         map[string]*webSession{},
		faults:      append([]Fault(nil), cfg.Faults...),
		latency:     cfg.Latency,
		autoApprove: cfg.AutoApprove,
		counts:      map[string]int{},
	}
	s.handler = http.HandlerFunc(s.serveHTTP)
	if cfg.StateFile != "" {
		if err := s.loadState(); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	s.ln = ln
	s.url = baseURL(cfg.Addr, ln.Addr())
	if cfg.StateFile != "" {
		// Save at once, so the signing key is on disk before any PAT is.
		s.mu.Lock()
		err := s.saveLocked()
		s.mu.Unlock()
		if err != nil {
			ln.Close()
			return nil, err
		}
	}
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(logWriter{s}, "sandbox: ", 0),
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logf("sandbox: serving stopped: %v", err)
		}
	}()
	return s, nil
}

// checkAddr refuses a non-loopback listen address unless public is set.
func checkAddr(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("the address %q is not host:port, like 127.0.0.1:8080", addr)
	}
	if public {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("the address %q is %w: the sandbox only listens on 127.0.0.1 unless it is explicitly made public", addr, ErrNotLoopback)
}

func baseURL(configured string, a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		// Listening on every interface: this machine still reaches it on
		// loopback, of the family that was asked for.
		host = "127.0.0.1"
		if h, _, _ := net.SplitHostPort(configured); strings.Contains(h, ":") {
			host = "::1"
		}
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

// URL is the platform's origin and issuer, e.g. http://127.0.0.1:41234.
func (s *Server) URL() string { return s.url }

// issuer is the advertised issuer: the URL unless Config.Issuer overrides it.
func (s *Server) issuer() string {
	if s.cfg.Issuer != "" {
		return s.cfg.Issuer
	}
	return s.url
}

// Handler is the platform's HTTP handler, already served at URL.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the server, letting requests in flight finish for up to five
// seconds.
func (s *Server) Close() error {
	var err error
	s.closed.Do(func() {
		close(s.done)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err = s.srv.Shutdown(ctx); err != nil {
			err = s.srv.Close()
		}
	})
	return err
}

// Count is how many requests reached the named endpoint.
func (s *Server) Count(endpoint string) int {
	s.countMu.Lock()
	defer s.countMu.Unlock()
	return s.counts[endpoint]
}

// SetFaults replaces the injected faults.
func (s *Server) SetFaults(faults []Fault) error {
	for _, f := range faults {
		if err := f.validate(); err != nil {
			return configError{err}
		}
	}
	s.switchMu.Lock()
	defer s.switchMu.Unlock()
	s.faults = append([]Fault(nil), faults...)
	return nil
}

// SetLatency sets the delay added before every answer.
func (s *Server) SetLatency(d time.Duration) {
	if d < 0 {
		d = 0
	}
	s.switchMu.Lock()
	defer s.switchMu.Unlock()
	s.latency = d
}

// SetAutoApprove makes the authorization endpoint approve at once for the
// demo account with that e-mail; "" shows the sign-in page again.
func (s *Server) SetAutoApprove(email string) error {
	if email != "" && accountByEmail(email) == nil {
		return configError{fmt.Errorf("auto-approve: %q is not a demo account; use %s", email, demoEmails())}
	}
	s.switchMu.Lock()
	defer s.switchMu.Unlock()
	s.autoApprove = email
	return nil
}

func (s *Server) switches() (faults []Fault, latency time.Duration, autoApprove string) {
	s.switchMu.RLock()
	defer s.switchMu.RUnlock()
	return s.faults, s.latency, s.autoApprove
}

// fault answers the status to inject for this request, if any.
func (s *Server) fault(endpoint string) (int, bool) {
	faults, _, _ := s.switches()
	for _, f := range faults {
		if f.Endpoint != endpoint {
			continue
		}
		if f.Rate == 0 || f.Rate >= 1 || rand.Float64() < f.Rate {
			return f.Status, true
		}
	}
	return 0, false
}

func (s *Server) now() time.Time { return s.cfg.Now() }

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(logWriter{s}, format+"\n", args...)
}

// logWriter serializes every write to Config.Log, which need not be safe
// for concurrent use.
type logWriter struct{ s *Server }

func (w logWriter) Write(p []byte) (int, error) {
	w.s.logMu.Lock()
	defer w.s.logMu.Unlock()
	return w.s.cfg.Log.Write(p)
}

// statusWriter remembers the status for the log line and the recover
// middleware.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// serveHTTP routes, counts, delays, injects faults, recovers and logs.
func (s *Server) serveHTTP(rw http.ResponseWriter, r *http.Request) {
	s.serveRoute(rw, r, s.route(r))
}

// serveRoute runs one routed request.
func (s *Server) serveRoute(rw http.ResponseWriter, r *http.Request, rt route) {
	start := time.Now()
	w := &statusWriter{ResponseWriter: rw}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("sandbox: internal error on %s: %v", rt.endpoint, v)
			if w.status == 0 {
				s.internalError(w, rt)
			}
		}
		// Only the route's fixed path is logged: never a query string (codes,
		// states) nor an unknown path someone typed.
		s.logf("%s %s %s %d %s", start.Format("15:04:05"), r.Method, rt.logPath, w.status, time.Since(start).Round(100*time.Microsecond))
	}()
	if rt.endpoint != "" {
		s.countMu.Lock()
		s.counts[rt.endpoint]++
		s.countMu.Unlock()
	}
	if _, latency, _ := s.switches(); latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		case <-s.done:
			t.Stop()
		}
	}
	rt.handle(w, r)
}

func (s *Server) internalError(w http.ResponseWriter, rt route) {
	const msg = "The demo platform hit an internal error."
	if rt.kind == kindOAuth {
		writeOAuthError(w, &oauthError{Status: http.StatusInternalServerError, Code: "server_error", Description: msg})
		return
	}
	writeAPIError(w, apiError{Status: http.StatusInternalServerError, Code: "server_error", Message: msg})
}

type routeKind int

const (
	kindAPI   routeKind = iota // JSON API shape errors
	kindOAuth                  // RFC 6749 JSON errors
	kindPage                   // HTML pages
)

// The OAuth endpoints, under /s/oauth/ as on real platforms (the public
// facts: authorize and token; revoke and jwks follow them).
const (
	authorizePath = "/s/oauth/authorize"
	tokenPath     = "/s/oauth/token"
	revokePath    = "/s/oauth/revoke"
	jwksPath      = "/s/oauth/jwks"
)

type route struct {
	endpoint string // counted name; "" for the home page and unknown paths
	logPath  string
	kind     routeKind
	handle   http.HandlerFunc
}

func (s *Server) route(r *http.Request) route {
	p := r.URL.Path
	rt := route{logPath: p, kind: kindAPI}
	switch p {
	case "/":
		rt.kind = kindPage
		rt.handle = s.only(rt, s.handleHome, http.MethodGet)
	case "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration":
		rt.endpoint = EndpointDiscovery
		h := s.handleDiscovery
		switch {
		case s.cfg.NoDiscovery:
			h = plainNotFound // as a platform that never heard of it
		case s.cfg.DisableRFC8414 && p == "/.well-known/oauth-authorization-server":
			h = notFound
		}
		rt.handle = s.withFault(rt, s.only(rt, h, http.MethodGet))
	case authorizePath:
		rt.endpoint, rt.kind = EndpointAuthorize, kindPage
		// Faults are injected after the client and redirect are checked.
		rt.handle = s.only(rt, s.handleAuthorize, http.MethodGet, http.MethodPost)
	case tokenPath:
		rt.endpoint, rt.kind = EndpointToken, kindOAuth
		rt.handle = s.withFault(rt, s.only(rt, s.handleToken, http.MethodPost))
	case revokePath:
		rt.endpoint, rt.kind = EndpointRevoke, kindOAuth
		rt.handle = s.withFault(rt, s.only(rt, s.handleRevoke, http.MethodPost))
	case jwksPath:
		rt.endpoint = EndpointJWKS
		rt.handle = s.withFault(rt, s.only(rt, s.handleJWKS, http.MethodGet))
	case "/v1/personal-access-token":
		switch r.Method {
		case http.MethodGet:
			rt.endpoint = EndpointPATGet
		case http.MethodPost:
			rt.endpoint = EndpointPATCreate
		case http.MethodDelete:
			rt.endpoint = EndpointPATDelete
		}
		rt.handle = s.withFault(rt, s.only(rt, s.handlePAT, http.MethodGet, http.MethodPost, http.MethodDelete))
		if s.cfg.NoPATAPI {
			rt.handle = plainNotFound
		}
	case "/v1/me":
		rt.endpoint = EndpointMe
		rt.handle = s.withFault(rt, s.only(rt, s.handleMe, http.MethodGet))
		if s.cfg.NoMe {
			rt.handle = plainNotFound
		}
	case "/v1/rooms":
		rt.endpoint = EndpointRooms
		rt.handle = s.withFault(rt, s.only(rt, s.handleRooms, http.MethodGet))
	case "/v1/boards":
		rt.endpoint = EndpointBoards
		rt.handle = s.withFault(rt, s.only(rt, s.handleBoards, http.MethodGet))
	case webSignInPath:
		rt.kind = kindPage
		rt.handle = s.only(rt, s.handleWebSignIn, http.MethodGet, http.MethodPost)
	case webSignOutPath:
		rt.kind = kindPage
		rt.handle = s.only(rt, s.handleWebSignOut, http.MethodPost)
	case webPATPath:
		rt.kind = kindPage
		rt.handle = s.only(rt, s.handleWebPAT, http.MethodGet, http.MethodPost)
	case copyScriptPath:
		rt.handle = s.only(rt, s.handleCopyScript, http.MethodGet)
	default:
		rt.logPath = "(unknown path)"
		rt.handle = notFound
	}
	return rt
}

func notFound(w http.ResponseWriter, _ *http.Request) {
	writeAPIError(w, apiError{Status: http.StatusNotFound, Code: "not_found", Message: "There is nothing at this address."})
}

// only answers 405 to any method but the given ones.
func (s *Server) only(rt route, h http.HandlerFunc, methods ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		w.Header().Set("Allow", strings.Join(methods, ", "))
		msg := "This address does not accept " + r.Method + " requests."
		switch rt.kind {
		case kindOAuth:
			writeOAuthError(w, &oauthError{Status: http.StatusMethodNotAllowed, Code: "invalid_request", Description: msg})
		case kindPage:
			s.errorPage(w, http.StatusMethodNotAllowed, "This page cannot be used this way.", msg)
		default:
			writeAPIError(w, apiError{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: msg})
		}
	}
}

// withFault answers an injected fault instead of calling h.
func (s *Server) withFault(rt route, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if rt.endpoint == "" {
			h(w, r)
			return
		}
		status, ok := s.fault(rt.endpoint)
		if !ok {
			h(w, r)
			return
		}
		if rt.kind == kindOAuth {
			writeOAuthError(w, faultOAuthError(status))
			return
		}
		writeAPIError(w, faultAPIError(status))
	}
}
