package signin

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// attempt is one sign-in: its secrets, and the loopback handler that
// receives the platform's answer.
type attempt struct {
	ctx      context.Context // the attempt's deadline, carrying the HTTP client for x/oauth2
	conf     *oauth2.Config
	meta     *client.Metadata
	platform *url.URL
	host     string // 127.0.0.1:port, the only Host the callback answers
	verify   func(ctx context.Context, tok *oauth2.Token) error
	describe func(error) string
	words    *words.Words // the tab's language
	log      func(format string, args ...any)
	state    string
	verifier string

	claimed   atomic.Bool
	cancelled atomic.Bool // the caller cancelled: the tab is told, nothing is exchanged
	result    chan result // buffered: the one claimed callback never blocks
}

type result struct {
	tok *oauth2.Token
	err error
}

func newAttempt(ctx context.Context, cfg Config, meta *client.Metadata, port int) *attempt {
	conf := oauthConfig(cfg.Client, meta, cfg.Scopes)
	conf.RedirectURL = redirectURL(port)
	a := &attempt{
		ctx:      context.WithValue(ctx, oauth2.HTTPClient, cfg.Client.HTTPClient()),
		conf:     conf,
		meta:     meta,
		platform: cfg.Client.Platform(),
		verify:   cfg.Verify,
		describe: cfg.Describe,
		words:    cfg.Words,
		log:      cfg.Log,
		host:     "127.0.0.1:" + strconv.Itoa(port),
		state:    newSecret(),
		verifier: oauth2.GenerateVerifier(),
		result:   make(chan result, 1),
	}
	if a.words == nil {
		a.words = words.English()
	}
	return a
}

// ServeHTTP answers GET /callback once; every other request is refused
// without touching the attempt. A callback that does not carry this
// attempt's state is refused too, and the attempt goes on waiting: any
// local program can reach the loopback port, and must not be able to end
// the user's sign-in.
func (a *attempt) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ws := a.words
	switch {
	case r.URL.Path != "/callback":
		writePage(w, http.StatusNotFound, resultOf(ws, words.SigninPageNotHere, words.SigninPageCloseTab))
		return
	case r.Method != http.MethodGet:
		w.Header().Set("Allow", http.MethodGet)
		writePage(w, http.StatusMethodNotAllowed, resultOf(ws, words.SigninPageWrongVerb, words.SigninPageCloseTab))
		return
	case r.Host != a.host:
		// Another name for this port (DNS rebinding): not our browser.
		writePage(w, http.StatusBadRequest, resultOf(ws, words.SigninPageNotHere, words.SigninPageCloseTab))
		return
	case !a.ours(r.URL.Query()):
		a.logf("sign-in: ignored a request to the sign-in listener that does not belong to this sign-in (wrong or missing state); still waiting")
		writePage(w, http.StatusBadRequest, a.failedPage(&Error{Kind: ErrStateMismatch}))
		return
	case a.cancelled.Load():
		writePage(w, http.StatusConflict, resultOf(ws, words.SigninPageCancelled, words.SigninPageCancelledAdvice))
		return
	case !a.claimed.CompareAndSwap(false, true):
		writePage(w, http.StatusBadRequest, resultOf(ws, words.SigninPageFinished, words.SigninPageCloseTab))
		return
	}
	tok, err := a.complete(r.URL.Query())
	if err == nil && a.verify != nil {
		// The tab says "Signed in" only once the session is known to
		// work, so it never contradicts the app.
		if verr := a.verify(a.ctx, tok); verr != nil {
			d := resultOf(ws, words.SigninPageFailed, words.SigninPageFailed)
			d.Message = a.describeErr(verr)
			writePage(w, http.StatusBadGateway, d)
			a.result <- result{nil, verr}
			return
		}
	}
	if err != nil {
		writePage(w, http.StatusBadRequest, a.failedPage(err))
	} else {
		d := resultOf(ws, words.SigninPageSignedIn, words.SigninPageSignedIn)
		d.OK, d.Message = true, ws.Say(words.SigninPageComplete, words.Args{"Host": a.platform.Host})
		writePage(w, http.StatusOK, d)
	}
	a.result <- result{tok, err}
}

// ours says whether a callback carries this attempt's state, in one of
// its values (a repeated parameter is then refused by complete).
func (a *attempt) ours(q url.Values) bool {
	for _, v := range q["state"] {
		if v != "" && subtle.ConstantTimeCompare([]byte(v), []byte(a.state)) == 1 {
			return true
		}
	}
	return false
}

func (a *attempt) logf(format string, args ...any) {
	if a.log != nil {
		a.log(format, args...)
	}
}

// describeErr is the browser tab's sentence for a failed verification.
func (a *attempt) describeErr(err error) string {
	if a.describe != nil {
		if s := a.describe(err); s != "" {
			return s
		}
	}
	return a.words.Say(words.SigninPageUnchecked, words.Args{"Host": a.platform.Host})
}

// failedPage is the tab's page for a sign-in that failed with err: the
// caller's words for it (Describe, which says what the platform said), or
// else the error's own sentence and the platform's reason.
func (a *attempt) failedPage(err error) pageData {
	d := resultOf(a.words, words.SigninPageFailed, words.SigninPageFailed)
	if a.describe != nil {
		if s := a.describe(err); s != "" {
			d.Message = s
			return d
		}
	}
	d.Message = sentence(kindOf(err))
	var e *Error
	if errors.As(err, &e) && (e.Kind == ErrDenied || e.Kind == ErrRefused) {
		d.Detail = strings.TrimSpace(a.words.Detail(e.Detail))
	}
	return d
}

// complete checks the platform's answer (RFC 6749 §4.1.2, RFC 9207) and
// exchanges the code. The state is checked first: nothing else of an answer
// that is not ours is trusted.
func (a *attempt) complete(q url.Values) (*oauth2.Token, error) {
	for _, v := range q {
		if len(v) > 1 {
			return nil, &Error{Kind: ErrBadCallback, Detail: "a parameter is repeated"}
		}
	}
	state := q.Get("state")
	if state == "" || subtle.ConstantTimeCompare([]byte(state), []byte(a.state)) != 1 {
		return nil, &Error{Kind: ErrStateMismatch}
	}
	iss, hasIss := q.Get("iss"), q.Has("iss")
	switch {
	case !hasIss && a.meta.ISSParameterSupported:
		return nil, &Error{Kind: ErrIssuerMismatch, Detail: "the answer does not say which platform sent it"}
	case hasIss && iss != a.meta.Issuer:
		return nil, &Error{Kind: ErrIssuerMismatch, Detail: "the answer comes from another sign-in service"}
	}
	code, errCode := q.Get("code"), q.Get("error")
	switch {
	case code != "" && errCode != "":
		return nil, &Error{Kind: ErrBadCallback, Detail: "it holds both a code and an error"}
	case errCode == "access_denied":
		return nil, &Error{Kind: ErrDenied, Detail: description(q)}
	case errCode != "":
		return nil, &Error{Kind: ErrRefused, Detail: client.CleanText(errCode, 64) + ": " + description(q)}
	case code == "":
		return nil, &Error{Kind: ErrBadCallback, Detail: "it holds no code"}
	}
	tok, err := a.conf.Exchange(a.ctx, code, oauth2.VerifierOption(a.verifier))
	if err != nil {
		return nil, a.tokenError(err)
	}
	if t := tok.TokenType; t != "" && !strings.EqualFold(t, "bearer") {
		return nil, &Error{Kind: ErrTokenFailed, Detail: "the platform sent an unknown kind of token", Err: client.ErrBadResponse}
	}
	return tok, nil
}

// tokenError turns an x/oauth2 failure into an *Error whose cause is a
// client error, so callers handle the token endpoint like the rest of the
// platform. The raw error is never kept: its text can quote the answer.
func (a *attempt) tokenError(err error) error {
	if a.ctx.Err() != nil {
		return contextError(a.ctx.Err())
	}
	return tokenError(a.conf.Endpoint.TokenURL, err)
}

func tokenError(tokenURL string, err error) error {
	u, _ := url.Parse(tokenURL)
	endpoint := "POST " + u.EscapedPath()
	var re *oauth2.RetrieveError
	var ue *url.Error
	switch {
	case errors.As(err, &re):
		ae := &client.APIError{Code: client.CleanText(re.ErrorCode, 64), Message: client.CleanText(re.ErrorDescription, 300), Endpoint: endpoint}
		if re.Response != nil {
			ae.Status = re.Response.StatusCode
		}
		if re.ErrorCode == "invalid_grant" {
			return &Error{Kind: ErrCodeRejected, Err: ae}
		}
		return &Error{Kind: ErrTokenFailed, Err: ae}
	case errors.As(err, &ue):
		return &Error{Kind: ErrTokenFailed, Err: &client.NetError{Endpoint: endpoint, Host: u.Host, Err: err}}
	}
	return &Error{Kind: ErrTokenFailed, Err: client.ErrBadResponse}
}

// description is the platform's error_description, made plain.
func description(q url.Values) string {
	if d := client.CleanText(q.Get("error_description"), 200); d != "" {
		return d
	}
	return "no reason given"
}

// kindOf is the sentinel an error of this package carries, or err itself.
func kindOf(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return err
}

// sentence capitalises an error text for the page.
func sentence(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}
