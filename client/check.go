package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// What CheckAPIAccess found, for errors.Is.
var (
	// ErrTokenRejected: the API refused the token (401): it expired, was
	// revoked or is malformed.
	ErrTokenRejected = errors.New("the platform no longer accepts this token")
	// ErrNoAPIAccess: the API knows the token but refuses it the API (403):
	// the plan or the account's permissions do not include it.
	ErrNoAPIAccess = errors.New("the token is valid but has no access to the API")
	// ErrNotChecked: no clear answer (a web page, a redirect, a 5xx, a body
	// cut short, no answer in time): the token's state is unknown.
	ErrNotChecked = errors.New("the token could not be checked")
)

// AccessError is CheckAPIAccess's finding when the token does not work. It
// matches its Kind (ErrTokenRejected, ErrNoAPIAccess or ErrNotChecked) and,
// through Unwrap, the cause (*APIError, *NetError, …).
type AccessError struct {
	Kind     error
	Host     string // the API facade's host, e.g. "acme.api.iobeya.com"
	Endpoint string // "GET /v1/rooms"
	Status   int    // the HTTP status; 0 when there was no answer
	Err      error
}

func (e *AccessError) Error() string {
	var s string
	switch e.Kind {
	case ErrTokenRejected:
		s = fmt.Sprintf("The platform %s refused the token (HTTP %d): it has expired or was revoked; generate a new one", e.Host, e.Status)
	case ErrNoAPIAccess:
		s = fmt.Sprintf("The platform %s knows the token but gives it no access to the API (HTTP %d): your plan or your permissions do not include it; ask your iObeya administrator", e.Host, e.Status)
	default:
		s = fmt.Sprintf("The token could not be checked on %s (%v); try again later", e.Host, e.Err)
	}
	return Redact(s)
}

// Is matches the finding's kind.
func (e *AccessError) Is(target error) bool { return target == e.Kind }

func (e *AccessError) Unwrap() error { return e.Err }

// CheckAPIAccess calls the public API with token exactly as a Power Automate
// flow would (GET API/rooms?page=1&size=1 with "Authorization: Bearer"):
// nil when it works (200 with a JSON answer), otherwise an *AccessError:
// ErrTokenRejected (401), ErrNoAPIAccess (403) or ErrNotChecked (anything
// else). A proxy's web page says nothing about the token, so a 401 or 403
// page is ErrNotChecked too.
func (c *Client) CheckAPIAccess(ctx context.Context, token string) error {
	if token == "" {
		return fmt.Errorf("no token to check: %w", ErrUnauthorized)
	}
	u, err := c.apiURL(ctx, c.paths.Rooms)
	if err != nil {
		return &AccessError{Kind: ErrNotChecked, Host: c.Host(), Endpoint: "GET " + c.paths.Rooms, Err: err}
	}
	u.RawQuery = url.Values{"page": {"1"}, "size": {"1"}}.Encode()
	var page json.RawMessage
	err = c.do(ctx, request{method: http.MethodGet, u: u, bearer: token, want: []int{http.StatusOK}, out: &page})
	if err == nil {
		return nil
	}
	e := &AccessError{Kind: ErrNotChecked, Host: u.Host, Endpoint: endpointName(http.MethodGet, u), Err: err}
	var ae *APIError
	if errors.As(err, &ae) {
		e.Status = ae.Status
		switch {
		case ae.WebPage:
		case ae.Status == http.StatusUnauthorized:
			e.Kind = ErrTokenRejected
		case ae.Status == http.StatusForbidden:
			e.Kind = ErrNoAPIAccess
		}
	}
	return e
}
