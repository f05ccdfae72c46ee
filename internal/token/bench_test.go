package token_test

import (
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

// Inspect's budget is at most twice what jwt.ParseUnverified costs alone on
// the same PAT: compare BenchmarkInspect with the two baselines.

func BenchmarkInspect(b *testing.B) {
	tok := pat(b)
	for b.Loop() {
		if _, err := token.Inspect(tok); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseUnverifiedBaseline is the usual call: claims into a map.
func BenchmarkParseUnverifiedBaseline(b *testing.B) {
	tok := pat(b)
	p := jwt.NewParser()
	for b.Loop() {
		if _, _, err := p.ParseUnverified(tok, jwt.MapClaims{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseUnverifiedRegisteredClaims is the cheapest call: claims
// into jwt's own struct.
func BenchmarkParseUnverifiedRegisteredClaims(b *testing.B) {
	tok := pat(b)
	p := jwt.NewParser()
	for b.Loop() {
		var c jwt.RegisteredClaims
		if _, _, err := p.ParseUnverified(tok, &c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	info, err := token.Inspect(pat(b))
	if err != nil {
		b.Fatal(err)
	}
	check := &token.Check{Reached: true, Accepted: true}
	for b.Loop() {
		token.Evaluate(info, now, token.DefaultWarnWithin, check)
	}
}
