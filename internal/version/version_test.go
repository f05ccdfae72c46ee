package version

import "testing"

func TestTitle(t *testing.T) {
	old := Version
	t.Cleanup(func() { Version = old })
	Version = "4.5.6"
	for _, tc := range []struct{ in, want string }{
		{"", "iObeya Token 4.5.6"},
		{"1.2.3", "iObeya Token 1.2.3"},
	} {
		if got := Title(tc.in); got != tc.want {
			t.Errorf("Title(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
