package words_test

import (
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

func TestInWords(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{197*24*time.Hour + 23*time.Hour, "197 days"},
		{48 * time.Hour, "2 days"},
		{47 * time.Hour, "1 day"},
		{24 * time.Hour, "1 day"},
		{23*time.Hour + 59*time.Minute, "23 hours"},
		{time.Hour, "1 hour"},
		{59 * time.Minute, "59 minutes"},
		{time.Minute, "1 minute"},
		{59 * time.Second, "less than a minute"},
		{0, "less than a minute"},
		{-time.Hour, "less than a minute"},
	}
	for _, tt := range tests {
		if got := words.English().InWords(tt.d); got != tt.want {
			t.Errorf("InWords(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestUntil(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		d    time.Duration
		want string
	}{
		{90*day - 3*time.Second, "90 days"}, // generated a moment ago
		{89*day + 12*time.Hour, "90 days"},
		{89*day + 12*time.Hour - time.Nanosecond, "89 days"},
		{day + 11*time.Hour, "1 day"},
		{day - time.Minute, "1 day"}, // 24 hours, said as a day
		{23*time.Hour + 29*time.Minute, "23 hours"},
		{time.Hour - 10*time.Second, "1 hour"}, // 60 minutes, said as an hour
		{59*time.Minute + 29*time.Second, "59 minutes"},
		{90 * time.Second, "2 minutes"},
		{time.Minute, "1 minute"},
		{59 * time.Second, "less than a minute"},
		{0, "less than a minute"},
	}
	for _, tt := range tests {
		if got := words.English().Until(tt.d); got != tt.want {
			t.Errorf("Until(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
