package sandbox

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The scopes the platform knows: the public API facade and refresh tokens
// (the public facts), and our contract's personal-access-token API.
const (
	scopeAPI     = "api"
	scopeOffline = "offline_access"
	scopePAT     = "personal-access-token"
)

// scopes answers the scopes this platform offers, and the one granted when
// a request asks for none.
func (s *Server) scopes() (known []string, dflt string) {
	if s.cfg.NoPATAPI {
		return []string{scopeAPI, scopeOffline}, scopeAPI + " " + scopeOffline
	}
	return []string{scopeAPI, scopeOffline, scopePAT}, scopePAT + " " + scopeOffline
}

// loopbackRedirect is the only redirect URI shape the public client may use
// (RFC 8252 §7.3): any port, that exact host and path, nothing else.
var loopbackRedirect = regexp.MustCompile(`^http://127\.0\.0\.1:([1-9][0-9]{0,4})/callback$`)

func validRedirect(raw string) bool {
	m := loopbackRedirect.FindStringSubmatch(raw)
	if m == nil {
		return false
	}
	port, err := strconv.Atoi(m[1])
	return err == nil && port <= 65535
}

// handleAuthorize is the authorization endpoint: GET starts a sign-in, POST
// carries the sign-in and consent forms.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		s.handleAuthorizeForm(w, r)
		return
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		s.errorPage(w, http.StatusBadRequest, "This sign-in link is damaged.", "Its parameters could not be read.")
		return
	}
	// The client and the redirect are checked before anything else: until
	// they are, nothing may be sent to the redirect (RFC 6749 §4.1.2.1).
	c := s.client(q.Get("client_id"))
	switch {
	case len(q["client_id"]) != 1 || c == nil:
		s.errorPage(w, http.StatusBadRequest, "This sign-in link is not valid.", "The app that sent you here is not known to this platform.")
		return
	case len(q["redirect_uri"]) != 1 || !c.redirectAllowed(q.Get("redirect_uri")):
		s.errorPage(w, http.StatusBadRequest, "This sign-in link is not valid.", "It would send you back to an address that is not the iObeya Token app on this computer.")
		return
	}
	req := authRequest{
		ClientID:    c.ID,
		RedirectURI: q.Get("redirect_uri"),
		State:       q.Get("state"),
		Challenge:   q.Get("code_challenge"),
		Scope:       q.Get("scope"),
		LoginHint:   q.Get("login_hint"),
	}
	known, dflt := s.scopes()
	if req.Scope == "" {
		req.Scope = dflt
	}
	if code, desc := checkAuthRequest(q, known); code != "" {
		s.redirectError(w, r, req, code, desc)
		return
	}
	if _, ok := s.fault(EndpointAuthorize); ok {
		s.redirectError(w, r, req, "server_error", "The demo platform was told to fail this request.")
		return
	}
	if _, _, email := s.switches(); email != "" {
		s.approve(w, r, accountByEmail(email), req)
		return
	}
	s.mu.Lock()
	p := s.st.addPending(s.now(), req)
	s.mu.Unlock()
	s.renderPage(w, http.StatusOK, signInPage, signInData{
		Title: "Sign in", Action: authorizePath, Request: p.ID, Email: req.LoginHint, Accounts: demoAccounts,
	})
}

// checkAuthRequest answers the RFC 6749 error code for a bad request whose
// client and redirect are fine, or "".
func checkAuthRequest(q url.Values, knownScopes []string) (code, desc string) {
	for k, v := range q {
		if len(v) > 1 {
			return "invalid_request", "The parameter " + strconv.Quote(paramName(k)) + " is repeated."
		}
	}
	switch {
	case q.Get("response_type") != "code":
		return "unsupported_response_type", "Only response_type=code is supported."
	case q.Get("state") == "":
		return "invalid_request", "The state parameter is missing."
	case q.Get("code_challenge") == "":
		return "invalid_request", "PKCE is required: code_challenge is missing."
	case q.Get("code_challenge_method") != "S256":
		return "invalid_request", "PKCE with code_challenge_method=S256 is required."
	case !validChallenge(q.Get("code_challenge")):
		return "invalid_request", "The code_challenge is not an S256 challenge."
	}
	for _, sc := range strings.Fields(q.Get("scope")) {
		if !slices.Contains(knownScopes, sc) {
			return "invalid_scope", "The scope asks for something this platform does not offer."
		}
	}
	return "", ""
}

// paramName keeps unknown parameter names out of messages: only the
// protocol's own are named.
func paramName(k string) string {
	switch k {
	case "response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge",
		"code_challenge_method", "login_hint", "grant_type", "code", "code_verifier",
		"refresh_token", "token", "token_type_hint", "client_secret":
		return k
	}
	return "(unknown)"
}

// handleAuthorizeForm takes the sign-in and consent forms. The pending
// request id is the only thing the pages carry.
func (s *Server) handleAuthorizeForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, http.StatusBadRequest, "The form could not be read.", "Start the sign-in again from iObeya Token.")
		return
	}
	f := r.PostForm
	s.mu.Lock()
	p := s.st.getPending(s.now(), f.Get("request"))
	var pend pendingSignIn
	if p != nil {
		pend = *p
	}
	s.mu.Unlock()
	if p == nil {
		s.errorPage(w, http.StatusBadRequest, "This sign-in page has expired.", "Sign-in pages last ten minutes and can be used once.")
		return
	}
	if _, ok := s.fault(EndpointAuthorize); ok {
		s.dropPending(pend.ID)
		s.redirectError(w, r, pend.Req, "server_error", "The demo platform was told to fail this request.")
		return
	}
	switch f.Get("step") {
	case "sign-in":
		acct := checkPassword(f.Get("email"), f.Get("password"))
		if acct == nil {
			s.renderPage(w, http.StatusOK, signInPage, signInData{
				Title: "Sign in", Action: authorizePath, Request: pend.ID, Email: f.Get("email"), Accounts: demoAccounts,
				Problem: "That e-mail address and password do not match a demo account. The accounts are listed below.",
			})
			return
		}
		s.mu.Lock()
		if p := s.st.getPending(s.now(), pend.ID); p != nil {
			p.UserID = acct.ID
		}
		s.mu.Unlock()
		// Signing in here also signs the browser in to the platform's web
		// pages, as on a real platform.
		s.startWebSession(w, acct)
		s.renderPage(w, http.StatusOK, consentPage, s.consent(pend, acct))
	case "consent":
		acct := accountByID(pend.UserID)
		if acct == nil {
			s.renderPage(w, http.StatusOK, signInPage, signInData{
				Title: "Sign in", Action: authorizePath, Request: pend.ID, Accounts: demoAccounts, Problem: "Sign in first.",
			})
			return
		}
		switch f.Get("decision") {
		case "allow":
			s.dropPending(pend.ID)
			s.approve(w, r, acct, pend.Req)
		case "deny":
			s.dropPending(pend.ID)
			s.redirectError(w, r, pend.Req, "access_denied", "The user denied access.")
		default:
			s.renderPage(w, http.StatusOK, consentPage, s.consent(pend, acct))
		}
	default:
		s.errorPage(w, http.StatusBadRequest, "The form could not be read.", "Start the sign-in again from iObeya Token.")
	}
}

func (s *Server) dropPending(id string) {
	s.mu.Lock()
	delete(s.st.pending, id)
	s.mu.Unlock()
}

// approve issues a code and sends the browser back to the app with it.
func (s *Server) approve(w http.ResponseWriter, r *http.Request, acct *Account, req authRequest) {
	s.mu.Lock()
	code := s.st.issueCode(s.now(), acct.ID, req)
	s.mu.Unlock()
	s.redirectBack(w, r, req, url.Values{"code": {code}})
}

// redirectError reports a problem to the app (RFC 6749 §4.1.2.1).
func (s *Server) redirectError(w http.ResponseWriter, r *http.Request, req authRequest, code, desc string) {
	s.redirectBack(w, r, req, url.Values{"error": {code}, "error_description": {desc}})
}

// redirectBack adds state and iss (RFC 9207) and redirects to the app.
func (s *Server) redirectBack(w http.ResponseWriter, r *http.Request, req authRequest, v url.Values) {
	if req.State != "" {
		v.Set("state", req.State)
	}
	v.Set("iss", s.issuer())
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, req.RedirectURI+"?"+v.Encode(), http.StatusFound)
}

// consent fills the consent page: who asks, for what, and where it goes back.
func (s *Server) consent(p pendingSignIn, acct *Account) consentData {
	d := consentData{
		Title: "Allow iObeya Token?", Request: p.ID, Name: acct.Name, Email: acct.Email,
		Redirect: p.Req.RedirectURI, Registered: p.Req.ClientID != ClientID, ClientID: p.Req.ClientID,
	}
	for _, sc := range strings.Fields(p.Req.Scope) {
		switch sc {
		case scopeAPI:
			d.Asks = append(d.Asks, "use the iObeya API as you: see your rooms and boards")
		case scopePAT:
			d.Asks = append(d.Asks, "manage your personal access token: see whether you have one, generate a new one, and revoke it")
		case scopeOffline:
			d.Asks = append(d.Asks, "stay signed in until you sign out")
		}
	}
	return d
}
