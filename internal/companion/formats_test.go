package companion

import (
	"errors"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		want    Format
		wantErr bool
	}{
		{"bearer", FormatBearer, false},
		{"Bearer", FormatBearer, false},
		{" header ", FormatHeader, false},
		{"token", FormatToken, false},
		{"POWERAUTOMATE", FormatPowerAutomate, false},
		{"", "", true},
		{"json", "", true},
		{"bearer\n", FormatBearer, false},
		{"power automate", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if tt.wantErr {
			if !errors.Is(err, ErrBadFormat) {
				t.Errorf("ParseFormat(%q) error %v, want ErrBadFormat", tt.in, err)
				continue
			}
			for _, f := range Formats() {
				if !strings.Contains(err.Error(), string(f)) {
					t.Errorf("ParseFormat(%q): %q does not list %s", tt.in, err, f)
				}
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	// "-_" at the end: URL-safe base64 passes through every format as is.
	jwt := testenv.FakeJWT(`{"sub":"u_alice"}`) + "-_"
	tests := []struct {
		f    Format
		want string
	}{
		{FormatBearer, "Bearer " + jwt},
		{FormatHeader, "Authorization: Bearer " + jwt},
		{FormatToken, jwt},
		{FormatPowerAutomate, `{"Authorization": "Bearer ` + jwt + `"}`},
	}
	if len(tests) != len(Formats()) {
		t.Fatalf("the table covers %d formats, there are %d", len(tests), len(Formats()))
	}
	for _, tt := range tests {
		got, err := render(tt.f, jwt)
		if err != nil || got != tt.want {
			t.Errorf("render(%s) = %q, %v; want %q", tt.f, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "a b", "abc\n", `ab"c`, "abc\r\nX-Injected: 1"} {
		if got, err := render(FormatBearer, bad); !errors.Is(err, ErrDamaged) || got != "" {
			t.Errorf("render(%q) = %q, %v; want ErrDamaged and nothing", bad, got, err)
		}
	}
	if _, err := render("json", jwt); !errors.Is(err, ErrBadFormat) {
		t.Errorf("render(json): %v, want ErrBadFormat", err)
	}
}

func TestFormatNames(t *testing.T) {
	if got, want := FormatNames(), "bearer, header, token or powerautomate"; got != want {
		t.Errorf("FormatNames() = %q, want %q", got, want)
	}
	for _, f := range Formats() {
		if f.Describe() == "" {
			t.Errorf("%s has no description", f)
		}
	}
}
