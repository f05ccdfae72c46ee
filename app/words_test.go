package app

import (
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

func TestUntil(t *testing.T) {
	tests := []struct {
		d    time.Duration // t - now
		want string
	}{
		{197*day + 2*time.Hour, "in 197 days"},
		{2 * day, "in 2 days"},
		{90*day - 5*time.Second, "in 90 days"}, // a token generated just now
		{day + 23*time.Hour, "in 2 days"},      // rounded to the nearest day
		{day + 11*time.Hour, "in 1 day"},
		{day, "in 1 day"},
		{day - time.Nanosecond, "in 1 day"},
		{23*time.Hour + 29*time.Minute, "in 23 hours"},
		{59*time.Minute + 30*time.Second, "in 1 hour"},
		{22*time.Hour + 29*time.Minute, "in 22 hours"},
		{time.Hour, "in 1 hour"},
		{59 * time.Minute, "in 59 minutes"},
		{time.Minute, "in 1 minute"},
		{59 * time.Second, "in less than a minute"},
		{0, "less than a minute ago"},
		{-time.Minute, "1 minute ago"},
		{-2*day - time.Hour, "2 days ago"},
	}
	for _, tt := range tests {
		if got := until(testNow.Add(tt.d), testNow); got != tt.want {
			t.Errorf("until(now%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestLines(t *testing.T) {
	st := statusWith(companion.StateValid)
	tests := []struct {
		name, got, want string
	}{
		{"expiry", expiryLine(st, testNow), "Expires 12 June 2027 — in 197 days"},
		{"expired", expiryLine(statusWith(companion.StateExpired), testNow), "Expired 25 November 2026 — 2 days ago"},
		{"no expiry", expiryLine(companion.Status{}, testNow), "Does not expire"},
		{"revoked", expiryLine(statusWith(companion.StateRevoked), testNow), "Would have expired 12 June 2027"},
		{"checked", checkedLine(st, testNow), "Last checked 2 minutes ago"},
		{"checked now", checkedLine(st, st.CheckedAt.Add(30*time.Second)), "Last checked just now"},
		{"checked days", checkedLine(st, st.CheckedAt.Add(3*day)), "Last checked 3 days ago"},
		{"never checked", checkedLine(companion.Status{}, testNow), "Not checked with the platform yet"},
		{"account", accountLine(st), "Ada Lovelace · ada@acme.example"},
		{"account, no name", accountLine(companion.Status{Account: "ada@acme.example"}), "ada@acme.example"},
		{"local date", date(time.Date(2027, 6, 12, 23, 30, 0, 0, time.UTC), testNow.In(time.FixedZone("UTC+2", 2*3600))), "13 June 2027"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestDisplayState(t *testing.T) {
	exp := testNow.Add(10 * day)
	tests := []struct {
		name  string
		state companion.State
		now   time.Time
		want  companion.State
	}{
		{"valid stays valid", companion.StateValid, testNow, companion.StateValid},
		{"valid enters the warning window", companion.StateValid, exp.Add(-7 * day), companion.StateExpiring},
		{"valid passes its expiry", companion.StateValid, exp, companion.StateExpired},
		{"unknown stays unknown", companion.StateUnknown, testNow, companion.StateUnknown},
		{"unknown past its expiry is expired", companion.StateUnknown, exp.Add(time.Second), companion.StateExpired},
		{"revoked stays revoked", companion.StateRevoked, exp.Add(day), companion.StateRevoked},
		{"none", companion.StateNone, testNow, companion.StateNone},
		{"empty is none", "", testNow, companion.StateNone},
	}
	for _, tt := range tests {
		st := companion.Status{State: tt.state, ExpiresAt: exp}
		if got := displayState(st, tt.now, 7); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestNextChange: the app wakes exactly when some text or state changes,
// and at most once a minute until the last minute.
func TestNextChange(t *testing.T) {
	tests := []struct {
		name string
		st   companion.Status
		now  time.Time
		want time.Time
	}{
		{"days: the next half day", companion.Status{State: companion.StateValid, ExpiresAt: testNow.Add(197*day + 2*time.Hour)}, testNow,
			testNow.Add(14*time.Hour + time.Nanosecond)},
		{"the last day begins", companion.Status{State: companion.StateValid, ExpiresAt: testNow.Add(day + 5*time.Hour)}, testNow,
			testNow.Add(5 * time.Hour)},
		{"hours: the next half hour", companion.Status{State: companion.StateExpiring, ExpiresAt: testNow.Add(5*time.Hour + 40*time.Minute)}, testNow,
			testNow.Add(10*time.Minute + time.Nanosecond)},
		{"warning window comes first", companion.Status{State: companion.StateValid, ExpiresAt: testNow.Add(7*day + 30*time.Minute)}, testNow,
			testNow.Add(30 * time.Minute)},
		{"minutes", companion.Status{State: companion.StateExpiring, ExpiresAt: testNow.Add(5*time.Minute + 10*time.Second)}, testNow,
			testNow.Add(40*time.Second + time.Nanosecond)},
		{"last minute: at the expiry", companion.Status{State: companion.StateExpiring, ExpiresAt: testNow.Add(40 * time.Second)}, testNow,
			testNow.Add(40 * time.Second)},
		{"expired: the next whole day ago", companion.Status{State: companion.StateExpired, ExpiresAt: testNow.Add(-2*day - time.Hour)}, testNow,
			testNow.Add(day - time.Hour)},
		{"last checked: the next minute", companion.Status{State: companion.StateNone, CheckedAt: testNow.Add(-90 * time.Second)}, testNow,
			testNow.Add(30 * time.Second)},
		{"nothing to wait for", companion.Status{State: companion.StateNone}, testNow, time.Time{}},
	}
	for _, tt := range tests {
		if got := nextChange(tt.st, tt.now, 7); !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got.Sub(tt.now), tt.want.Sub(tt.now))
		}
	}
}

// TestNextChangeChangesText walks a token's life from change to change and
// checks that the text changes exactly at each one and never between.
func TestNextChangeChangesText(t *testing.T) {
	st := companion.Status{State: companion.StateValid, ExpiresAt: testNow.Add(3*day + 17*time.Minute), CheckedAt: testNow.Add(-5 * time.Second)}
	text := func(now time.Time) string {
		s := st
		s.State = displayState(st, now, 7)
		kind, _ := notification(s, now)
		return statusLine(s, now) + "|" + checkedLine(s, now) + "|" + expiryLine(s, now) + "|" + kind
	}
	now := testNow
	wakes := 0
	for now.Before(st.ExpiresAt.Add(2 * time.Hour)) {
		next := nextChange(st, now, 7)
		if next.IsZero() {
			t.Fatal("no next change before the end")
		}
		if before := next.Add(-time.Nanosecond); before.After(now) && text(before) != text(now) {
			t.Fatalf("the text changed before the wake-up at %v", next)
		}
		if text(next) == text(now) {
			t.Fatalf("woke at %v but nothing changed: %s", next, text(now))
		}
		now = next
		wakes++
	}
	// Each text changes once a minute for its last hour at most, hourly
	// before that: about 60+72 for "last checked", 60+72 for the expiry.
	if wakes > 300 {
		t.Fatalf("%d wake-ups in 3 days: too many", wakes)
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, 40 * time.Minute, 80 * time.Minute, 160 * time.Minute, 320 * time.Minute, 6 * time.Hour, 6 * time.Hour}
	for i, w := range want {
		if got := backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

// TestWordsAgreeAcrossFrontEnds says each state the way the window (its
// badge and expiry line), the tray (its status line) and the command line
// (its status line, words.CLILine, which `iobeya-token status` prints) do,
// and checks that they name the state with the same words and give the
// same date and countdown.
func TestWordsAgreeAcrossFrontEnds(t *testing.T) {
	signedOut := statusWith(companion.StateNone)
	signedOut.SignedIn = false
	tests := []struct {
		name  string
		st    companion.Status
		head  string // the state's name, first in the tray's and the CLI's lines
		badge bool   // the window shows a badge with the same words
	}{
		{"not set up", companion.Status{State: companion.StateNone}, "Not set up yet", false},
		{"signed out", signedOut, "Signed out", false},
		{"no token", statusWith(companion.StateNone), "No token yet", true},
		{"valid", statusWith(companion.StateValid), "Valid", true},
		{"expiring", statusWith(companion.StateExpiring), "Expires soon", true},
		{"expired", statusWith(companion.StateExpired), "Expired", true},
		{"revoked", statusWith(companion.StateRevoked), "Revoked", true},
		{"unknown", statusWith(companion.StateUnknown), "Couldn't check", true},
		{"valid, entering the window offline", func() companion.Status {
			st := statusWith(companion.StateValid)
			st.ExpiresAt = testNow.Add(2 * day)
			return st
		}(), "Expires soon", true},
	}
	cli := words.English()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shown := tt.st
			shown.State = displayState(tt.st, testNow, 7)
			window := stateWords(shown.State)
			tray := statusLine(shown, testNow)
			line := cli.CLILine(shown.Facts(), testNow)
			if tt.badge && window != tt.head {
				t.Errorf("window badge %q, want %q", window, tt.head)
			}
			for name, got := range map[string]string{"tray": tray, "command line": line} {
				if got != tt.head && !strings.HasPrefix(got, tt.head+" · ") {
					t.Errorf("%s says %q, want it to start with %q", name, got, tt.head)
				}
			}
			if shown.ExpiresAt.IsZero() {
				return
			}
			if d := date(shown.ExpiresAt, testNow); !strings.Contains(expiryLine(shown, testNow), d) || !strings.Contains(line, d) {
				t.Errorf("the window (%q) and the command line (%q) do not both give the date %q", expiryLine(shown, testNow), line, d)
			}
			if rel := until(shown.ExpiresAt, testNow); shown.State != companion.StateRevoked && (!strings.Contains(tray, rel) || !strings.Contains(line, rel)) {
				t.Errorf("the tray (%q) and the command line (%q) do not both count %q", tray, line, rel)
			}
		})
	}
}

// statusLine is the tray's one-line status in the window's language.
func statusLine(st companion.Status, now time.Time) string { return glance.StatusLine(say(), st, now) }
