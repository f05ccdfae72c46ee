package cli

import "testing"

func TestLangArg(t *testing.T) {
	tests := []struct {
		args  []string
		want  string
		given bool
	}{
		{nil, "", false},
		{[]string{"status"}, "", false},
		{[]string{"--lang", "fr", "status"}, "fr", true},
		{[]string{"--lang=fr", "status"}, "fr", true},
		{[]string{"-lang", "en", "status"}, "en", true},
		{[]string{"status", "--json", "--lang", "en"}, "en", true},
		{[]string{"status", "--lang"}, "", true},
		{[]string{"header", "--", "--lang", "fr"}, "", false},
		{[]string{"--language", "fr"}, "", false},
	}
	for _, tt := range tests {
		if got, given := langArg(tt.args); got != tt.want || given != tt.given {
			t.Errorf("langArg(%q) = %q, %v; want %q, %v", tt.args, got, given, tt.want, tt.given)
		}
	}
}
