package token_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/iobeya-token/iobeya-token/internal/token"
)

func TestInspectReadsAPAT(t *testing.T) {
	tok := pat(t)
	want := token.Info{
		Subject:   "u_alice",
		Email:     "alice@example.com",
		Name:      "Alice Martin",
		Issuer:    issuer,
		ID:        "pat_01J9Z6X0M1Q2",
		Algorithm: "RS256",
		KeyID:     rsaKID,
		IssuedAt:  now.Add(-time.Hour),
		ExpiresAt: now.Add(90 * 24 * time.Hour),
	}
	for _, input := range []string{
		tok,
		"Bearer " + tok,
		"bearer " + tok,
		"BEARER   " + tok,
		"  \n\t" + tok + "\r\n",
		"\n Bearer " + tok + " \n",
	} {
		got, err := token.Inspect(input)
		if err != nil {
			t.Fatalf("Inspect(%s): %v", token.Mask(input), err)
		}
		if !got.IssuedAt.Equal(want.IssuedAt) || !got.ExpiresAt.Equal(want.ExpiresAt) {
			t.Errorf("dates %v, %v; want %v, %v", got.IssuedAt, got.ExpiresAt, want.IssuedAt, want.ExpiresAt)
		}
		got.IssuedAt, got.ExpiresAt = want.IssuedAt, want.ExpiresAt
		if *got != want {
			t.Errorf("Inspect = %+v, want %+v", *got, want)
		}
		if !got.HasExpiry() {
			t.Error("HasExpiry = false")
		}
	}
}

func TestInspectWithoutOptionalClaims(t *testing.T) {
	tok := mint(t, jwt.SigningMethodES256, keys().ec, "", jwt.MapClaims{"sub": "u_bob"})
	got, err := token.Inspect(tok)
	if err != nil {
		t.Fatal(err)
	}
	if got.HasExpiry() || !got.IssuedAt.IsZero() || got.Email != "" || got.KeyID != "" || got.Algorithm != "ES256" {
		t.Errorf("Inspect = %+v; want no dates, no e-mail, no kid, ES256", *got)
	}
}

func TestInspectRefusesGarbage(t *testing.T) {
	header := `{"alg":"RS256","typ":"JWT"}`
	tests := []struct {
		name  string
		input string
		want  error
	}{
		{"empty", "", token.ErrMalformed},
		{"whitespace", " \n\t ", token.ErrMalformed},
		{"only Bearer", "Bearer ", token.ErrMalformed},
		{"one word", "hello", token.ErrMalformed},
		{"two dots", "..", token.ErrMalformed},
		{"three dots", "...", token.ErrMalformed},
		{"four parts", pat(t) + ".extra", token.ErrMalformed},
		{"two parts", seg(header) + "." + seg(`{}`), token.ErrMalformed},
		{"not base64", "eyJ!!!.e30.c2ln", token.ErrMalformed},
		{"padded base64", seg(header) + "=." + seg(`{}`) + ".c2ln", token.ErrMalformed},
		{"header not JSON", raw(`not json`, `{}`), token.ErrMalformed},
		{"header an array", raw(`["RS256"]`, `{}`), token.ErrMalformed},
		{"payload not JSON", raw(header, `{"sub": "u_alice"`), token.ErrMalformed},
		{"payload an array", raw(header, `[1, 2, 3]`), token.ErrMalformed},
		{"payload a string", raw(header, `"u_alice"`), token.ErrMalformed},
		{"payload null then garbage", raw(header, `{} trailing`), token.ErrMalformed},
		{"sub an array", raw(header, `{"sub": ["u_alice"]}`), token.ErrMalformed},
		{"email a number", raw(header, `{"email": 42}`), token.ErrMalformed},
		{"exp an array", raw(header, `{"exp": [1700000000]}`), token.ErrMalformed},
		{"exp an object", raw(header, `{"exp": {"at": 1}}`), token.ErrMalformed},
		{"exp a word", raw(header, `{"exp": "soon"}`), token.ErrMalformed},
		{"exp out of range", raw(header, `{"exp": 1e400}`), token.ErrMalformed},
		{"aud of numbers", raw(header, `{"aud": [1, 2]}`), token.ErrMalformed},
		{"signature not base64", seg(header) + "." + seg(`{}`) + ".!!", token.ErrMalformed},
		{"no alg", raw(`{"typ":"JWT"}`, `{}`), token.ErrAlgorithm},
		{"alg a number", raw(`{"alg":256}`, `{}`), token.ErrAlgorithm},
		{"unknown alg", raw(`{"alg":"XYZ"}`, `{}`), token.ErrAlgorithm},
		{"over the size limit", strings.Repeat("a", token.MaxSize+1), token.ErrTooLarge},
		{"a PAT padded over the size limit", pat(t) + strings.Repeat(" ", token.MaxSize), token.ErrTooLarge},
		{"huge", strings.Repeat("eyJhbGciOiJSUzI1NiJ9.", 1<<16), token.ErrTooLarge},
		{"NUL bytes", "\x00\x00.\x00.\x00", token.ErrMalformed},
		{"not UTF-8", "\xff\xfe.\xfd.\xfc", token.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := token.Inspect(tt.input)
			if !errors.Is(err, tt.want) || info != nil {
				t.Fatalf("Inspect = %+v, %v; want %v", info, err, tt.want)
			}
			if in := strings.TrimSpace(tt.input); len(in) >= 6 && strings.Contains(err.Error(), in[:6]) {
				t.Errorf("message %q quotes the input", err)
			}
		})
	}
}

func TestInspectAcceptsWhatDisplayNeeds(t *testing.T) {
	header := `{"alg":"RS256","typ":"JWT"}`
	tests := []struct {
		name    string
		input   string
		check   func(*token.Info) bool
		explain string
	}{
		{"exp as a numeric string", raw(header, `{"exp": "1795780800"}`),
			func(i *token.Info) bool { return i.ExpiresAt.Equal(time.Unix(1795780800, 0)) }, "exp read from the string"},
		{"fractional exp", raw(header, `{"exp": 1795780800.5}`),
			func(i *token.Info) bool { return i.ExpiresAt.Unix() == 1795780800 }, "exp to the second"},
		{"negative exp", raw(header, `{"exp": -1}`),
			func(i *token.Info) bool { return i.HasExpiry() && i.ExpiresAt.Before(now) }, "a date in the past"},
		{"huge exp", raw(header, `{"exp": 1e300}`),
			func(i *token.Info) bool { return i.HasExpiry() }, "some date, no panic"},
		{"null claims", raw(header, `{"sub": null, "exp": null}`),
			func(i *token.Info) bool { return i.Subject == "" && !i.HasExpiry() }, "absent"},
		{"kid not a string", raw(`{"alg":"RS256","kid":7}`, `{}`),
			func(i *token.Info) bool { return i.KeyID == "" }, "no kid"},
		{"alg none, for display", raw(`{"alg":"none"}`, `{"sub":"x"}`),
			func(i *token.Info) bool { return i.Algorithm == "none" }, "shown as none"},
		{"unicode claims", raw(header, `{"name": "Zoë 李"}`),
			func(i *token.Info) bool { return i.Name == "Zoë 李" }, "the name as is"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := token.Inspect(tt.input)
			if err != nil {
				t.Fatalf("Inspect: %v", err)
			}
			if !tt.check(info) {
				t.Errorf("Inspect = %+v; want %s", *info, tt.explain)
			}
		})
	}
}

func TestInspectAtTheSizeLimit(t *testing.T) {
	claims := patClaims(time.Hour)
	tok := mint(t, jwt.SigningMethodRS256, keys().rsa, rsaKID, claims)
	claims["pad"] = strings.Repeat("p", (token.MaxSize-len(tok))*3/4-20)
	tok = mint(t, jwt.SigningMethodRS256, keys().rsa, rsaKID, claims)
	if len(tok) > token.MaxSize || len(tok) < token.MaxSize-40 {
		t.Fatalf("setup: token of %d bytes", len(tok))
	}
	if _, err := token.Inspect(tok); err != nil {
		t.Errorf("a %d-byte token: %v", len(tok), err)
	}
}

// TestLargeTokenIsReadAndMasked: a 20 kB PAT (a JWT with many claims) is
// read and masked; the limit is at least 64 KiB, the keychain's.
func TestLargeTokenIsReadAndMasked(t *testing.T) {
	if token.MaxSize < 64<<10 {
		t.Errorf("MaxSize = %d, want at least 64 KiB", token.MaxSize)
	}
	claims := patClaims(time.Hour)
	claims["groups"] = strings.Repeat("g", 20_000)
	tok := mint(t, jwt.SigningMethodRS256, keys().rsa, rsaKID, claims)
	if _, err := token.Inspect(tok); err != nil {
		t.Errorf("Inspect of a %d-byte token: %v", len(tok), err)
	}
	if m := token.Mask(tok); m == "…" {
		t.Errorf("Mask of a %d-byte token shows nothing", len(tok))
	}
}
