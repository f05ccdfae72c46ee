package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Sentinels for errors.Is. Their text is plain language.
var (
	ErrInvalidAddress   = errors.New("not a valid platform address")
	ErrInsecure         = errors.New("iObeya Token only talks to remote platforms over https")
	ErrIssuerMismatch   = errors.New("the platform's sign-in service belongs to another address")
	ErrBadRequest       = errors.New("the platform refused the request")
	ErrUnauthorized     = errors.New("the platform did not accept the sign-in or token")
	ErrForbidden        = errors.New("the platform does not allow this for your account")
	ErrNotFound         = errors.New("the platform found nothing there")
	ErrConflict         = errors.New("the platform already has one")
	ErrRateLimited      = errors.New("the platform asks to slow down")
	ErrServer           = errors.New("the platform had a problem")
	ErrNotAPI           = errors.New("the platform answered with a web page, not the API")
	ErrBadResponse      = errors.New("the platform's answer could not be understood")
	ErrResponseTooLarge = errors.New("the platform's answer was too large")
	ErrUnreachable      = errors.New("the platform could not be reached")
	ErrUnsupported      = errors.New("the platform does not offer this")
	// ErrNotConfirmed: a write (generate, revoke, end a session) was not
	// confirmed by the contract's success answer received whole; it may or
	// may not have happened.
	ErrNotConfirmed = errors.New("the platform did not confirm it")
)

// APIError is an answer of the platform with an unexpected status. Error()
// is plain language and redacted; Is maps the status to the sentinels.
type APIError struct {
	Status     int
	Code       string        // the body's "code" (API) or "error" (OAuth), if any
	Message    string        // the body's "message" or "error_description", redacted
	RetryAfter time.Duration // from Retry-After on 429 and 503; zero when absent
	Endpoint   string        // e.g. "GET /v1/personal-access-token"; never a query
	// WebPage is set when the answer was an HTML page (a login wall, a proxy
	// page) rather than the API.
	WebPage bool
	// RedirectHost is, for a redirect (never followed), the host it
	// pointed to, shortened and redacted; empty otherwise.
	RedirectHost string

	tooLarge     bool // the error body was over the 64 KiB cap
	contractJSON bool // the body was the contract's error: application/json with code and message
}

func (e *APIError) Error() string {
	var b strings.Builder
	if e.Endpoint != "" {
		b.WriteString(e.Endpoint)
		b.WriteString(": ")
	}
	switch {
	case e.WebPage && e.RedirectHost != "":
		b.WriteString(ErrNotAPI.Error())
		b.WriteString(": it sent the request on to ")
		b.WriteString(e.RedirectHost)
	case e.WebPage:
		b.WriteString(ErrNotAPI.Error())
	case e.Message != "":
		b.WriteString(e.Message)
	default:
		b.WriteString(statusMeaning(e.Status))
	}
	fmt.Fprintf(&b, " (HTTP %d", e.Status)
	if e.Code != "" {
		b.WriteString(", ")
		b.WriteString(e.Code)
	}
	b.WriteString(")")
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; try again in %s", e.RetryAfter.Round(time.Second))
	}
	return Redact(b.String())
}

// Is reports whether target is the sentinel for e's status. A web page only
// matches the status sentinel for statuses that mean "try later" (429, 5xx):
// a 401 or 404 page from a proxy says nothing about the token.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotAPI:
		return e.WebPage
	case ErrResponseTooLarge:
		return e.tooLarge
	}
	s := statusSentinel(e.Status)
	if e.WebPage && s != ErrRateLimited && s != ErrServer {
		return false
	}
	return s != nil && target == s
}

func statusSentinel(status int) error {
	switch {
	case status == http.StatusBadRequest:
		return ErrBadRequest
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusConflict:
		return ErrConflict
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500 && status <= 599:
		return ErrServer
	case status >= 300 && status <= 399:
		// A redirect where the API was expected is a login wall or a
		// misconfigured path, never an API answer.
		return ErrNotAPI
	case status >= 400 && status <= 499:
		return ErrBadRequest
	}
	return ErrBadResponse
}

func statusMeaning(status int) string {
	if s := statusSentinel(status); s != nil {
		return s.Error()
	}
	return "unexpected answer"
}

// respError is a failure to read or understand an answer: it matches its
// sentinel and says which endpoint gave it.
type respError struct {
	endpoint string
	kind     error // ErrBadResponse, ErrResponseTooLarge, ErrNotAPI, …
	detail   string
}

func (e *respError) Error() string {
	s := e.kind.Error()
	if e.endpoint != "" {
		s = e.endpoint + ": " + s
	}
	if e.detail != "" {
		s += " (" + e.detail + ")"
	}
	return Redact(s)
}

func (e *respError) Unwrap() error { return e.kind }

// NetError is a failure to reach the platform: a network error, a timeout or a
// cancelled call. It matches ErrUnreachable and, through Unwrap, the cause
// (context.DeadlineExceeded, context.Canceled, *net.OpError, …).
type NetError struct {
	Endpoint string
	Host     string
	Err      error
}

func (e *NetError) Error() string {
	return Redact(fmt.Sprintf("can't reach %s (%s): %v", e.Host, e.Endpoint, plainNetCause(e.Err)))
}

// Is makes every NetError match ErrUnreachable.
func (e *NetError) Is(target error) bool { return target == ErrUnreachable }

func (e *NetError) Unwrap() error { return e.Err }

// plainNetCause says why a call failed without net/http's "Get \"https://…\":"
// prefix, which repeats the URL.
func plainNetCause(err error) string {
	var ue *url.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "it did not answer in time"
	case errors.Is(err, context.Canceled):
		return "the request was cancelled"
	case errors.As(err, &ue):
		return ue.Err.Error()
	}
	return err.Error()
}

// NotConfirmedError is a write the platform did not confirm with the
// contract's success answer: a web page, a redirect, another status, a body
// cut short or too slow, a network error. It matches ErrNotConfirmed and,
// through Unwrap, its cause (ErrServer, ErrConflict, ErrUnreachable, …).
type NotConfirmedError struct {
	Done     string // what was asked, past tense: "revoked the token"
	Host     string // the host asked, e.g. "acme.api.iobeya.com"
	Endpoint string // e.g. "DELETE /v1/personal-access-token"
	Err      error  // the cause
}

func (e *NotConfirmedError) Error() string {
	return Redact(fmt.Sprintf("The platform %s did not confirm that it %s (%v)", e.Host, e.Done, e.Err))
}

// Is makes every NotConfirmedError match ErrNotConfirmed.
func (e *NotConfirmedError) Is(target error) bool { return target == ErrNotConfirmed }

func (e *NotConfirmedError) Unwrap() error { return e.Err }

// NotOfferedError says that the platform offers no such API at the address
// tried: a 404 that is not the contract's own answer, or a web page where
// the API was due. It matches ErrUnsupported, and ErrNotAPI for a web page;
// it deliberately does not match ErrNotFound ("you have no token").
type NotOfferedError struct {
	What    string // "personal access token API", "who-am-I (/me)"
	Address string // the address tried, without query
	Status  int
	WebPage bool // the answer was a web page, not the API
}

func (e *NotOfferedError) Error() string {
	s := fmt.Sprintf("The platform offers no %s at %s (HTTP %d)", e.What, e.Address, e.Status)
	if e.WebPage {
		s += "; what answered there is a web page, not the API"
	}
	return Redact(s)
}

// Is matches ErrUnsupported, and ErrNotAPI when a web page answered.
func (e *NotOfferedError) Is(target error) bool {
	return target == ErrUnsupported || target == ErrNotAPI && e.WebPage
}

// notOffered turns the 404 of a call whose 404 the contract does not define
// (or defines only in its own JSON words, when contractNoToken) into a
// *NotOfferedError; other errors pass unchanged.
func notOffered(err error, what string, u *url.URL, contractNoToken bool) error {
	var ae *APIError
	if u == nil || !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		return err
	}
	if contractNoToken && ae.contractJSON && ae.Code == "not_found" {
		return err
	}
	addr := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}
	noe := &NotOfferedError{What: what, Address: addr.String(), Status: ae.Status, WebPage: ae.WebPage}
	var nc *NotConfirmedError
	if errors.As(err, &nc) {
		c := *nc
		c.Err = noe
		return &c
	}
	return noe
}
