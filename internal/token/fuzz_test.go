package token_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

// FuzzInspect feeds Inspect, and Mask anything: they never panic,
// every refusal is one of the package's errors, and an accepted token
// reads the same with "Bearer " and spaces around it.
func FuzzInspect(f *testing.F) {
	f.Add(pat(f))
	f.Add(mint(f, jwt.SigningMethodES256, keys().ec, ecKID, patClaims(time.Hour)))
	f.Add(mint(f, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "", patClaims(0)))
	f.Add("")
	f.Add("...")
	f.Add("Bearer ")
	f.Add(raw(`{"alg":"RS256"}`, `{"exp":"1795780800","aud":["a",1]}`))
	f.Add(raw(`{"alg":"RS256"}`, `[{"sub":"x"}]`))
	f.Add(raw(`{"alg":"RS256"}`, `{"exp":1e308,"iat":-1e308}`))
	f.Add("\xff\xfe.\x00.\x01")
	known := []error{token.ErrTooLarge, token.ErrMalformed, token.ErrAlgorithm}
	isKnown := func(err error) bool {
		for _, k := range known {
			if errors.Is(err, k) {
				return true
			}
		}
		return false
	}
	f.Fuzz(func(t *testing.T, input string) {
		info, err := token.Inspect(input)
		if (info == nil) == (err == nil) {
			t.Fatalf("Inspect = %v, %v: want exactly one", info, err)
		}
		if err != nil && !isKnown(err) {
			t.Fatalf("Inspect error %v is none of the package's", err)
		}
		if err == nil && len(input) <= token.MaxSize-len("Bearer  \n") {
			again, err := token.Inspect(" Bearer " + input + "\n")
			if err != nil || *again != *info {
				t.Fatalf("with Bearer and spaces: %+v, %v; want %+v", again, err, info)
			}
		}
		if info != nil {
			token.Evaluate(info, now, token.DefaultWarnWithin, nil)
			token.Evaluate(info, now, token.DefaultWarnWithin, &token.Check{Reached: true})
		}
		if m := token.Mask(input); !utf8.ValidString(m) || !strings.Contains(m, "…") {
			t.Fatalf("Mask = %q", m)
		}
	})
}
