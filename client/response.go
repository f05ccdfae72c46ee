package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/iobeya-token/iobeya-token/internal/tokenlimit"
)

// Size caps of docs/platform-api.md §4.5.
const (
	// maxSuccessBody admits a PAT of tokenlimit.MaxBytes in its JSON answer
	// with room to spare (checked below at compile time).
	maxSuccessBody = 1 << 20
	maxErrorBody   = 64 << 10
	maxMessage     = 300 // characters of a server message kept in errors
	maxRetryAfter  = 24 * time.Hour
)

// A success body must hold a token of the project-wide limit plus its
// metadata: this constant does not compile if it cannot.
const _ = uint(maxSuccessBody - 2*tokenlimit.MaxBytes)

// request is one call to the platform.
type request struct {
	method string
	u      *url.URL
	bearer string     // sent as Authorization: Bearer; never logged
	form   url.Values // sent as application/x-www-form-urlencoded
	json   any        // sent as application/json
	want   []int      // success statuses
	out    any        // JSON target for a success body; nil: body ignored
	auth   func(*http.Request)
	// confirm is set for writes: only the contract's success answer,
	// received whole, confirms them (docs/platform-api.md §4.6); every
	// failure is then a *NotConfirmedError.
	confirm *confirmation
}

// confirmation says what confirms a write beyond its status.
type confirmation struct {
	done string // what the platform did, past tense: "revoked the token"
	json bool   // the answer must be sent as application/json
}

// do sends r and decodes a success body into r.out. Every failure is a typed
// error: *NetError, *APIError or *respError; for a write, a
// *NotConfirmedError around one of those.
func (c *Client) do(ctx context.Context, r request) error {
	err := c.send(ctx, r)
	if err != nil && r.confirm != nil {
		return &NotConfirmedError{Done: r.confirm.done, Host: r.u.Host, Endpoint: endpointName(r.method, r.u), Err: err}
	}
	return err
}

func (c *Client) send(ctx context.Context, r request) error {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	name := endpointName(r.method, r.u)

	var body io.Reader
	contentType := ""
	switch {
	case r.form != nil:
		body, contentType = strings.NewReader(r.form.Encode()), "application/x-www-form-urlencoded"
	case r.json != nil:
		b, err := json.Marshal(r.json)
		if err != nil {
			return fmt.Errorf("%s: encoding the request: %w", name, err)
		}
		body, contentType = bytes.NewReader(b), "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.u.String(), body)
	if err != nil {
		return &respError{endpoint: name, kind: ErrInvalidAddress, detail: "the request could not be built"}
	}
	req.Header.Set("Accept", "application/json")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if r.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+r.bearer)
	}
	if r.auth != nil {
		r.auth(req)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return &NetError{Endpoint: name, Host: r.u.Host, Err: err}
	}
	defer resp.Body.Close()

	if !slices.Contains(r.want, resp.StatusCode) {
		return c.apiError(name, resp)
	}
	if r.confirm != nil {
		return c.confirmed(name, r, resp)
	}
	if r.out == nil {
		// Drain a little so the connection can be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		return nil
	}
	b, tooLarge, err := readCapped(resp.Body, maxSuccessBody)
	switch {
	case err != nil:
		return readError(name, r.u.Host, err)
	case tooLarge:
		return &respError{endpoint: name, kind: ErrResponseTooLarge, detail: fmt.Sprintf("over %d KiB", maxSuccessBody>>10)}
	case isWebPage(resp.Header, b):
		return &APIError{Status: resp.StatusCode, Endpoint: name, WebPage: true}
	}
	if err := json.Unmarshal(b, r.out); err != nil {
		return &respError{endpoint: name, kind: ErrBadResponse, detail: jsonProblem(err)}
	}
	return nil
}

// confirmed checks a write's success answer: its content type when the
// contract names one, and a whole body (read through the cap, within the
// call's deadline) that is not a web page.
func (c *Client) confirmed(name string, r request, resp *http.Response) error {
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	b, tooLarge, err := readCapped(resp.Body, maxSuccessBody)
	switch {
	case err != nil:
		return readError(name, r.u.Host, err)
	case tooLarge:
		return &respError{endpoint: name, kind: ErrResponseTooLarge, detail: fmt.Sprintf("over %d KiB", maxSuccessBody>>10)}
	case isWebPage(resp.Header, b):
		return &APIError{Status: resp.StatusCode, Endpoint: name, WebPage: true}
	case r.confirm.json && mt != "application/json":
		return &respError{endpoint: name, kind: ErrBadResponse, detail: "the answer is not sent as JSON"}
	case r.out == nil:
		return nil
	}
	if err := json.Unmarshal(b, r.out); err != nil {
		return &respError{endpoint: name, kind: ErrBadResponse, detail: jsonProblem(err)}
	}
	return nil
}

// apiError reads an error answer (through the 64 KiB cap) into an *APIError.
func (c *Client) apiError(name string, resp *http.Response) error {
	e := &APIError{Status: resp.StatusCode, Endpoint: name}
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		// A redirect where the API was expected leads to a web page: a
		// login wall or a wrong path.
		e.WebPage = true
		if loc, err := resp.Location(); err == nil {
			e.RedirectHost = quoteInput(loc.Host)
		}
		return e
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
	}
	b, tooLarge, err := readCapped(resp.Body, maxErrorBody)
	switch {
	case err != nil:
		// The status already says what happened; a body cut short adds nothing.
		return e
	case tooLarge:
		e.tooLarge = true
		return e
	case isWebPage(resp.Header, b):
		e.WebPage = true
		return e
	}
	var body struct {
		Code             string `json:"code"`
		Message          string `json:"message"`
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if json.Unmarshal(b, &body) == nil {
		e.contractJSON = mt == "application/json" && body.Code != "" && body.Message != ""
		e.Code = CleanText(firstNonEmpty(body.Code, body.Error), 64)
		e.Message = CleanText(firstNonEmpty(body.Message, body.ErrorDescription), maxMessage)
	}
	return e
}

// readCapped reads at most limit bytes, reporting whether there was more.
func readCapped(r io.Reader, limit int64) (b []byte, tooLarge bool, err error) {
	b, err = io.ReadAll(io.LimitReader(r, limit+1))
	if int64(len(b)) > limit {
		return nil, true, nil
	}
	return b, false, err
}

// readError classifies a failure while reading a body: a deadline or a
// dropped connection is a network problem; a body cut short is a bad answer.
func readError(name, host string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &respError{endpoint: name, kind: ErrBadResponse, detail: "the answer was cut short"}
	}
	return &NetError{Endpoint: name, Host: host, Err: err}
}

// isWebPage reports whether an answer is an HTML page: by its Content-Type,
// or, when that is missing or generic, by its first character.
func isWebPage(h http.Header, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "application/json":
		return false
	}
	return bytes.HasPrefix(bytes.TrimLeftFunc(body, unicode.IsSpace), []byte("<"))
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date (RFC 9110
// §10.2.3). Unreadable or past values give zero.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if isDigits(v) {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now).Round(time.Second)
	}
	return min(max(d, 0), maxRetryAfter)
}

// notJSON is jsonProblem's detail for an answer that is not JSON at all.
const notJSON = "the answer is not JSON"

// jsonProblem describes a decoding failure without quoting the body.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &syn) && strings.Contains(syn.Error(), "end of JSON"):
		return "the answer was cut short"
	case errors.As(err, &syn):
		return notJSON
	case errors.As(err, &typ):
		return fmt.Sprintf("field %q has the wrong type", typ.Field)
	}
	return "the answer does not match the contract"
}

// CleanText keeps text that came from the network printable (control
// characters become spaces), at most max runes, and redacted, so it can be
// shown to a person. HTML escaping is the caller's.
func CleanText(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return Redact(s)
}

func firstNonEmpty(a ...string) string {
	for _, s := range a {
		if s != "" {
			return s
		}
	}
	return ""
}
