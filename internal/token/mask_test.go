package token_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

func TestMask(t *testing.T) {
	tok := pat(t)
	want := tok[:8] + "…" + tok[len(tok)-4:]
	tests := []struct {
		name, input, want string
	}{
		{"a PAT", tok, want},
		{"with Bearer and spaces", " Bearer " + tok + "\n", want},
		{"empty", "", "…"},
		{"spaces", "   ", "…"},
		{"short", "abc", "…"},
		{"23 characters", strings.Repeat("x", 23), "…"},
		{"24 characters", "abcdefgh" + strings.Repeat("-", 12) + "wxyz", "abcdefgh…wxyz"},
		{"over the size limit", strings.Repeat("y", token.MaxSize+1), "…"},
		{"multi-byte", strings.Repeat("é", 30), strings.Repeat("é", 8) + "…" + strings.Repeat("é", 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := token.Mask(tt.input); got != tt.want {
				t.Errorf("Mask = %q, want %q", got, tt.want)
			}
		})
	}
	if got := token.Mask(tok); got != "eyJhbGci…"+tok[len(tok)-4:] {
		t.Errorf("Mask(PAT) = %q; want it to start like every RS256 token", got)
	}
}

func TestMaskShowsLittleOfAnything(t *testing.T) {
	for _, input := range []string{"", "x", strings.Repeat("ab", 11), strings.Repeat("z", 100), "\xff\xfe" + strings.Repeat("q", 40) + "\xff"} {
		got := token.Mask(input)
		if !utf8.ValidString(got) {
			t.Errorf("Mask(%q) = %q is not valid text", input, got)
		}
		if shown := utf8.RuneCountInString(got) - 1; shown > 12 || (shown > 0 && shown*2 > utf8.RuneCountInString(input)) {
			t.Errorf("Mask(%q) = %q shows %d characters", input, got, shown)
		}
	}
}
