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
)

// Size caps of docs/platform-api.md §4.5.
const (
	maxSuccessBody = 1 << 20
	maxErrorBody   = 64 << 10
	maxMessage     = 300 // characters of a server message kept in errors
	maxRetryAfter  = 24 * time.Hour
)

// request is one call to the platform.
type request struct {
	method string
	u      *url.URL
	bearer string     // sent as Authorization: Bearer; never logged
	form   url.Values // sent as application/x-www-form-urlencoded
	json   any        // sent as application/json
	want   []int      // success statuses
	out    any        // JSON target for a success body; nil: body ignored
}

// do sends r and decodes a success body into r.out. Every failure is a typed
// error: *NetError, *APIError or *respError.
func (c *Client) do(ctx context.Context, r request) error {
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
	resp, err := c.hc.Do(req)
	if err != nil {
		return &NetError{Endpoint: name, Host: r.u.Host, Err: err}
	}
	defer resp.Body.Close()

	if !slices.Contains(r.want, resp.StatusCode) {
		return c.apiError(name, resp)
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

// apiError reads an error answer (through the 64 KiB cap) into an *APIError.
func (c *Client) apiError(name string, resp *http.Response) error {
	e := &APIError{Status: resp.StatusCode, Endpoint: name}
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		// A redirect where the API was expected leads to a web page: a
		// login wall or a wrong path.
		e.WebPage = true
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
	if json.Unmarshal(b, &body) == nil {
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

// jsonProblem describes a decoding failure without quoting the body.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &syn) && strings.Contains(syn.Error(), "end of JSON"):
		return "the answer was cut short"
	case errors.As(err, &syn):
		return "the answer is not JSON"
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
