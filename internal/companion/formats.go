package companion

import (
	"fmt"
	"strings"
)

// formats lists every Format in the order front ends show them.
var formats = []Format{FormatBearer, FormatHeader, FormatToken, FormatPowerAutomate}

// Formats returns every format Header accepts, in display order.
func Formats() []Format {
	return append([]Format(nil), formats...)
}

// ParseFormat reads a format name as typed ("bearer", "Header", …). An
// unknown name is ErrBadFormat, and the message lists the known ones.
func ParseFormat(s string) (Format, error) {
	want := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, f := range formats {
		if f == want {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w %q: use one of %s", ErrBadFormat, s, FormatNames())
}

// FormatNames is the list of formats as a user reads it: "bearer, header, token or powerautomate".
func FormatNames() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Describe says in a few words what a format is for.
func (f Format) Describe() string {
	switch f {
	case FormatBearer:
		return "Bearer <token>: the header value for Power Automate"
	case FormatHeader:
		return "Authorization: Bearer <token>: the whole header line"
	case FormatToken:
		return "the token alone"
	case FormatPowerAutomate:
		return `{"Authorization": "Bearer <token>"}: headers JSON of Power Automate's HTTP action`
	}
	return ""
}

// render puts the raw token into format f. The result never ends with a
// newline or a space: what is pasted must be exactly the header.
func render(f Format, jwt string) (string, error) {
	if !compactJWS(jwt) {
		// A quote or a line break would break the JSON or inject a header.
		return "", ErrDamaged
	}
	switch f {
	case FormatBearer:
		return "Bearer " + jwt, nil
	case FormatHeader:
		return "Authorization: Bearer " + jwt, nil
	case FormatToken:
		return jwt, nil
	case FormatPowerAutomate:
		// A JWT is base64url and dots only, so it needs no JSON escaping;
		// the spacing matches what Power Automate shows in its editor.
		return `{"Authorization": "Bearer ` + jwt + `"}`, nil
	}
	return "", fmt.Errorf("%w %q: use one of %s", ErrBadFormat, string(f), FormatNames())
}

// compactJWS reports whether s has only the characters of a compact JWT
// (base64url and dots), and is not empty.
func compactJWS(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}
