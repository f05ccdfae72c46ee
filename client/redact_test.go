package client

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	jwt := mintJWT(t)
	at, rt := mintOpaque("at_"), mintOpaque("rt_")
	opaque := mintOpaque("")
	tests := []struct {
		in, want string
		secrets  []string
	}{
		{"token " + jwt + " expired", "token [redacted] expired", []string{jwt}},
		{"Authorization: Bearer " + opaque, "Authorization: Bearer [redacted]", []string{opaque}},
		{"bearer " + jwt, "bearer [redacted]", []string{jwt}},
		{"BEARER  " + at + "==", "BEARER  [redacted]", []string{at}},
		{"Bearer%20" + opaque, "Bearer%20[redacted]", []string{opaque}},
		{"access " + at + ", refresh " + rt + ".", "access [redacted], refresh [redacted]", []string{at, rt}},
		{"grant_type=refresh_token&refresh_token=" + opaque + "&client_id=iobeya-token", "grant_type=refresh_token&refresh_token=[redacted]&client_id=iobeya-token", []string{opaque}},
		{"/callback?code=" + opaque + "&state=s", "/callback?code=[redacted]&state=s", []string{opaque}},
		{"code_verifier=" + opaque, "code_verifier=[redacted]", []string{opaque}},
		{`{"token": "` + opaque + `", "id": "pat_01"}`, `{"token": "[redacted]", "id": "pat_01"}`, []string{opaque}},
		{`{"access_token":"` + opaque + `\"x"}`, `{"access_token":"[redacted]"}`, []string{opaque}},
		{"https://bob:" + opaque + "@acme.iobeya.com", "https://[redacted]@acme.iobeya.com", []string{opaque}},
		{"a JWE " + jwt + "." + opaque[:10] + ".x", "a JWE [redacted]", []string{jwt}},
		// Things that are not secrets stay.
		{"pat_01J9Z6X0M1Q2 expires 2027-02-25", "pat_01J9Z6X0M1Q2 expires 2027-02-25", nil},
		{"sort_order rt_ at_x", "sort_order rt_ at_x", nil},
		{"the bearer of bad news", "the bearer of bad news", nil},
		{"https://acme.iobeya.com/oauth/token", "https://acme.iobeya.com/oauth/token", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		got := Redact(tt.in)
		if got != tt.want {
			t.Errorf("Redact(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		for _, s := range tt.secrets {
			if strings.Contains(got, s) {
				t.Errorf("Redact left a secret in %q", got)
			}
		}
	}
}
