package token

import (
	"strings"
	"unicode/utf8"
)

// maskMin is the shortest input Mask shows any of: at most 12 characters of
// at least 24, and the first 8 of a JWT are the same for every RS256 token.
const maskMin = 24

// Mask shows a token the way screens may: "eyJhbGci…Xy12" (first 8
// characters, "…", last 4). Whitespace and a leading "Bearer " are ignored
// as in Inspect. Input too short to hide anything, or too long to be a
// token, gives "…" alone, which reveals neither its content nor its length.
func Mask(raw string) string {
	raw, err := normalize(raw)
	if err != nil || utf8.RuneCountInString(raw) < maskMin {
		return "…"
	}
	head, tail := 0, len(raw)
	for range 8 {
		_, n := utf8.DecodeRuneInString(raw[head:])
		head += n
	}
	for range 4 {
		_, n := utf8.DecodeLastRuneInString(raw[:tail])
		tail -= n
	}
	// ToValidUTF8: a screen gets text even from a garbage input.
	return strings.ToValidUTF8(raw[:head]+"…"+raw[tail:], "\uFFFD")
}
