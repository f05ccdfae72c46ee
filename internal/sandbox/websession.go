package sandbox

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The platform's own web pages (the token page) use a browser session: a
// cookie set by the sign-in page. It lives in memory only.
const (
	webCookie     = "sandbox_session"
	webSessionTTL = 8 * time.Hour
	maxWebSession = 1000 // the oldest is dropped beyond
)

// webSession is a signed-in browser. CSRF is the token every form of the
// web pages carries back.
type webSession struct {
	UserID  string
	CSRF    string
	Expires time.Time
}

// startWebSession signs the browser in as acct.
func (s *Server) startWebSession(w http.ResponseWriter, acct *Account) {
	id := randomString("")
	now := s.now()
	s.mu.Lock()
	for h, ws := range s.web {
		if !now.Before(ws.Expires) {
			delete(s.web, h)
		}
	}
	if len(s.web) >= maxWebSession {
		var oldest string
		for h, ws := range s.web {
			if oldest == "" || ws.Expires.Before(s.web[oldest].Expires) {
				oldest = h
			}
		}
		delete(s.web, oldest)
	}
	s.web[hashSecret(id)] = &webSession{UserID: acct.ID, CSRF: randomString(""), Expires: now.Add(webSessionTTL)}
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{
		Name: webCookie, Value: id, Path: "/", MaxAge: int(webSessionTTL / time.Second),
		HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
}

// webSession answers the signed-in account and the session's CSRF token,
// or nil.
func (s *Server) webSession(r *http.Request) (*Account, string) {
	c, err := r.Cookie(webCookie)
	if err != nil || c.Value == "" {
		return nil, ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.web[hashSecret(c.Value)]
	if ws == nil || !s.now().Before(ws.Expires) {
		return nil, ""
	}
	return accountByID(ws.UserID), ws.CSRF
}

// endWebSession signs the browser out.
func (s *Server) endWebSession(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(webCookie); err == nil {
		s.mu.Lock()
		delete(s.web, hashSecret(c.Value))
		s.mu.Unlock()
	}
	http.SetCookie(w, &http.Cookie{Name: webCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// sameOrigin refuses a form posted from another site: the Origin header,
// when the browser names one, must be the platform's. Under the pages'
// Referrer-Policy no-referrer, browsers send "null" for their own forms;
// the SameSite=Strict cookie and the CSRF field guard those.
func (s *Server) sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	return o == "" || o == "null" || o == s.url
}

func csrfMatches(form, session string) bool {
	return session != "" && subtle.ConstantTimeCompare([]byte(form), []byte(session)) == 1
}

// localNext keeps the page to return to after signing in on this platform:
// a path of its own, never another site.
func localNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.HasPrefix(next, "/\\") || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

// handleWebSignIn is the platform's own sign-in page, for its web pages.
func (s *Server) handleWebSignIn(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		s.renderPage(w, http.StatusOK, signInPage, signInData{
			Title: "Sign in", Action: webSignInPath, Next: localNext(r.URL.Query().Get("next")), Accounts: demoAccounts,
		})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil || !s.sameOrigin(r) {
		s.errorPage(w, http.StatusBadRequest, "The form could not be read.", "Open the sign-in page again.")
		return
	}
	f := r.PostForm
	next := localNext(f.Get("next"))
	acct := checkPassword(f.Get("email"), f.Get("password"))
	if acct == nil {
		s.renderPage(w, http.StatusOK, signInPage, signInData{
			Title: "Sign in", Action: webSignInPath, Next: next, Email: f.Get("email"), Accounts: demoAccounts,
			Problem: "That e-mail address and password do not match a demo account. The accounts are listed below.",
		})
		return
	}
	s.startWebSession(w, acct)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleWebSignOut(w http.ResponseWriter, r *http.Request) {
	if !s.sameOrigin(r) {
		s.errorPage(w, http.StatusBadRequest, "The form could not be read.", "Open the page again.")
		return
	}
	s.endWebSession(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
