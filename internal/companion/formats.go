package companion

import (
	"fmt"
	"strings"

	"github.com/iobeya-token/iobeya-token/internal/words"
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
func FormatNames() string { return FormatNamesIn(words.English()) }

// FormatNamesIn is FormatNames in the language of w.
func FormatNamesIn(w *words.Words) string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return w.Or(names)
}

// Describe says in a few words what a format is for, in English; front
// ends that speak the user's language call words.FormatDescription.
func (f Format) Describe() string { return words.English().FormatDescription(string(f)) }

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
