package client

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// addressExample is shown with every refused address.
const addressExample = "type it like acme, acme.iobeya.com or https://acme.iobeya.com"

// platformDomain is appended to a bare customer name ("acme").
const platformDomain = "iobeya.com"

// AddressError is a platform address that was refused. It matches
// ErrInvalidAddress or ErrInsecure.
type AddressError struct {
	Input  string // what was typed, shortened and redacted
	Reason string // why it was refused, in English; for ErrInsecure, the https address to use
	// Code says why in a stable word (AddrEmpty…) for front ends to put in
	// their language, with Arg its variable part (a scheme, a character).
	Code, Arg string
	// Suggestion is the address the user probably meant ("acme.iobeya.com"
	// for "acme.iobeya"), or empty.
	Suggestion string
	Err        error // ErrInvalidAddress or ErrInsecure
}

func (e *AddressError) Error() string {
	if e.Err == ErrInsecure {
		return fmt.Sprintf("%q was refused: %s; use %s instead", e.Input, ErrInsecure.Error(), e.Reason)
	}
	if e.Suggestion != "" {
		return fmt.Sprintf("%q is not a valid platform address (%s); did you mean %s?", e.Input, e.Reason, e.Suggestion)
	}
	return fmt.Sprintf("%q is not a valid platform address (%s); %s", e.Input, e.Reason, addressExample)
}

func (e *AddressError) Unwrap() error { return e.Err }

func badAddress(input string, r *reason) error {
	return &AddressError{Input: quoteInput(input), Reason: r.Error(), Code: r.code, Arg: r.arg, Err: ErrInvalidAddress}
}

// quoteInput keeps error messages short and free of secrets even when a user
// pastes something unexpected into the address field: user info
// ("bob:hunter2@", in any form) is cut, then token shapes are redacted.
func quoteInput(s string) string {
	const max = 80
	s = redactUserInfo(s)
	if len(s) > max {
		s = s[:max] + "…"
	}
	return Redact(s)
}

// redactUserInfo replaces everything before the last "@" that precedes the
// query or fragment, so "bob:pa/ss@acme.iobeya.com" never shows the
// password, whatever characters it holds.
func redactUserInfo(s string) string {
	head := s
	if i := strings.IndexAny(head, "?#"); i >= 0 {
		head = head[:i]
	}
	at := strings.LastIndexByte(head, '@')
	if at < 0 {
		return s
	}
	prefix := ""
	if scheme, rest := splitScheme(s); scheme != "" && strings.HasPrefix(rest, "//") && len(scheme)+3 <= at {
		prefix = s[:len(scheme)+3]
	}
	return prefix + redacted + s[at:]
}

// Address is a platform address as ParseAddress read it.
type Address struct {
	// Origin is the platform's origin: scheme, lower-case host, port only
	// when not the default.
	Origin *url.URL
	// Reduced is set when what was typed held more than the origin (a path,
	// query or fragment pasted from the browser), which was dropped: the UI
	// says "Using acme.iobeya.com".
	Reduced bool
}

// Host is the platform's host[:port] as users know it, e.g. "acme.iobeya.com".
func (a Address) Host() string { return a.Origin.Host }

// ParsePlatform is ParseAddress's origin, for callers that do not say when
// an address was reduced.
func ParsePlatform(input string) (*url.URL, error) {
	a, err := ParseAddress(input)
	if err != nil {
		return nil, err
	}
	return a.Origin, nil
}

// ParseAddress turns what a user typed or pasted into the platform's origin,
// as in section 1 of docs/platform-api.md. A browser address
// (https://acme.iobeya.com/app/boards?x#y) is reduced to its origin and the
// result says so. Errors wrap ErrInvalidAddress or ErrInsecure, name the
// input (never its user info) and show an accepted example.
func ParseAddress(input string) (Address, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return Address{}, badAddress(input, refuse(AddrEmpty, ""))
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return Address{}, badAddress(input, refuse(AddrSpaces, ""))
	}
	// User info, anywhere before the query: "bob:pa/ss@host" puts part of
	// the password where a path or a scheme would be.
	head := s
	if i := strings.IndexAny(head, "?#"); i >= 0 {
		head = head[:i]
	}
	if strings.Contains(head, "@") {
		return Address{}, badAddress(input, refuse(AddrUserInfo, ""))
	}
	scheme, rest := splitScheme(s)
	switch scheme {
	case "", "http", "https":
	default:
		return Address{}, badAddress(input, refuse(AddrScheme, quoteInput(scheme)))
	}
	if scheme != "" {
		if !strings.HasPrefix(rest, "//") {
			return Address{}, badAddress(input, refuse(AddrSlashes, scheme))
		}
		rest = rest[2:]
	}
	reduced := false
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		// "/" alone is the empty path; anything else is a page of the
		// platform pasted from the browser: only its origin is kept.
		reduced = rest[i:] != "/"
		rest = rest[:i]
	}
	if r, ok := firstNonASCII(rest); ok {
		return Address{}, badAddress(input, nonASCIIReason(r))
	}
	host, port, r := splitHostPort(rest)
	if r != nil {
		return Address{}, badAddress(input, r)
	}
	if scheme == "" && !IsLoopback(host) && !strings.Contains(host, ".") && !strings.Contains(host, ":") {
		host += "." + platformDomain // "acme" → acme.iobeya.com
	}
	if r := checkHost(host); r != nil {
		return Address{}, badAddress(input, r)
	}
	if base, ok := strings.CutSuffix(host, "."+strings.TrimSuffix(platformDomain, ".com")); ok && base != "" {
		// "acme.iobeya" resolves nowhere; say what was meant.
		return Address{}, &AddressError{Input: quoteInput(input), Reason: refuse(AddrIncomplete, "").Error(), Code: AddrIncomplete,
			Suggestion: host + ".com", Err: ErrInvalidAddress}
	}
	loop := IsLoopback(host)
	switch {
	case scheme == "" && loop:
		scheme = "http"
	case scheme == "":
		scheme = "https"
	}
	if (scheme == "https" && port == "443") || (scheme == "http" && port == "80") {
		port = ""
	}
	h := host
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	if port != "" {
		h += ":" + port
	}
	if scheme == "http" && !loop {
		return Address{}, &AddressError{Input: quoteInput(input), Reason: "https://" + h, Err: ErrInsecure}
	}
	return Address{Origin: &url.URL{Scheme: scheme, Host: h}, Reduced: reduced}, nil
}

// firstNonASCII returns the first character of s outside ASCII.
func firstNonASCII(s string) (rune, bool) {
	for _, r := range s {
		if r > 0x7e {
			return r, true
		}
	}
	return 0, false
}

// nonASCIIReason names a refused character and its code point, so a
// look-alike letter (Cyrillic "а" for Latin "a") can be seen for what it is.
func nonASCIIReason(r rune) *reason {
	arg := fmt.Sprintf("%q (U+%04X)", string(r), r)
	if unicode.IsLetter(r) {
		return refuse(AddrLetter, arg)
	}
	return refuse(AddrCharacter, arg)
}

// splitScheme returns the lower-cased scheme and the rest, or "" when s has
// none. "localhost:8080" has no scheme: what follows the colon is a port.
func splitScheme(s string) (scheme, rest string) {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", s
	}
	cand := s[:i]
	for j, r := range cand {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
			j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
		if !ok {
			return "", s
		}
	}
	after := s[i+1:]
	if end := strings.IndexAny(after, "/?#"); end >= 0 {
		after = after[:end]
	}
	if !strings.HasPrefix(s[i+1:], "/") && after != "" && isDigits(after) {
		return "", s // host:port
	}
	return strings.ToLower(cand), s[i+1:]
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// splitHostPort accepts "host", "host:port", "[v6]" and "[v6]:port", and
// returns the lower-cased host without brackets.
func splitHostPort(s string) (host, port string, r *reason) {
	hasPort := false
	if s == "" {
		return "", "", refuse(AddrNoHost, "")
	}
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", refuse(AddrOpenBracket, "")
		}
		host, rest := s[1:end], s[end+1:]
		if rest != "" {
			if !strings.HasPrefix(rest, ":") {
				return "", "", refuse(AddrAfterBracket, "")
			}
			port = rest[1:]
		}
		if _, err := netip.ParseAddr(host); err != nil || strings.Contains(host, "%") {
			return "", "", refuse(AddrNotIPv6, quoteInput(host))
		}
		s = host
		hasPort = rest != ""
	} else if i := strings.LastIndexByte(s, ':'); i >= 0 {
		if strings.Count(s, ":") > 1 {
			return "", "", refuse(AddrIPv6Brackets, "")
		}
		s, port, hasPort = s[:i], s[i+1:], true
	}
	if hasPort {
		n, err := strconv.Atoi(port)
		if err != nil || !isDigits(port) || n < 1 || n > 65535 {
			return "", "", refuse(AddrPort, "")
		}
		port = strconv.Itoa(n)
	}
	return strings.ToLower(s), port, nil
}

// checkHost accepts IP literals and DNS names of letters, digits and hyphens,
// with labels of 1–63 characters.
func checkHost(host string) *reason {
	if host == "" {
		return refuse(AddrNoHost, "")
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if a.Zone() != "" {
			return refuse(AddrZone, "")
		}
		return nil
	}
	if len(host) > 253 {
		return refuse(AddrHostTooLong, "")
	}
	for _, label := range strings.Split(host, ".") {
		switch {
		case label == "":
			return refuse(AddrEmptyLabel, "")
		case len(label) > 63:
			return refuse(AddrLabelTooLong, "")
		case label[0] == '-' || label[len(label)-1] == '-':
			return refuse(AddrLabelHyphen, "")
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return refuse(AddrHostCharacter, strconv.QuoteRune(r))
			}
		}
	}
	if isDigits(strings.ReplaceAll(host, ".", "")) {
		return refuse(AddrNotIP, quoteInput(host))
	}
	return nil
}

// IsLoopback reports whether host (with or without a port, IPv6 with or
// without brackets) is this machine: localhost or a loopback IP address.
func IsLoopback(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Zone() == "" && a.Unmap().IsLoopback()
}

// DeriveAPIBase returns the API facade's base URL for a platform origin:
// CUSTOMER.iobeya.com has its facade at https://CUSTOMER.api.iobeya.com/v1;
// any other platform serves the API under its own origin at /v1.
func DeriveAPIBase(platform *url.URL) *url.URL {
	u := &url.URL{Scheme: platform.Scheme, Host: platform.Host, Path: "/v1"}
	host := strings.ToLower(platform.Hostname())
	if customer, ok := strings.CutSuffix(host, "."+platformDomain); ok && customer != "" && !strings.Contains(customer, ".") {
		u.Scheme = "https"
		u.Host = customer + ".api." + platformDomain
		if p := platform.Port(); p != "" {
			u.Host += ":" + p
		}
	}
	return u
}
