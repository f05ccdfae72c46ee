package glance

import (
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TestNoticeFor: each state that needs attention has its kind and words;
// the others call for none.
func TestNoticeFor(t *testing.T) {
	lastDay := statusWith(companion.StateExpiring)
	lastDay.ExpiresAt = testNow.Add(5 * time.Hour)
	demo := statusWith(companion.StateRevoked)
	demo.Demo = true
	tests := []struct {
		name  string
		st    companion.Status
		kind  string
		title string
	}{
		{"valid", statusWith(companion.StateValid), "", ""},
		{"none", statusWith(companion.StateNone), "", ""},
		{"unknown", statusWith(companion.StateUnknown), "", ""},
		{"expiring", statusWith(companion.StateExpiring), NoticeWarning, "Your iObeya token expires in 3 days"},
		{"last day", lastDay, NoticeLastDay, "Your iObeya token expires in 5 hours"},
		{"expired", statusWith(companion.StateExpired), NoticeExpired, "Your iObeya token has expired"},
		{"revoked", statusWith(companion.StateRevoked), NoticeRevoked, "Your iObeya token was revoked"},
		{"demo", demo, NoticeRevoked, "Your iObeya token was revoked (demo platform)"},
	}
	for _, tt := range tests {
		n, ok := NoticeFor(en, tt.st, testNow)
		if ok != (tt.kind != "") || n.Kind != tt.kind || n.Title != tt.title {
			t.Errorf("%s: %+v, %v; want %s %q", tt.name, n, ok, tt.kind, tt.title)
		}
		if ok && (n.Body == "" || !strings.Contains(n.Body, "new one")) {
			t.Errorf("%s: the body gives no next step: %q", tt.name, n.Body)
		}
	}
}

// TestDue: never twice about one token, never twice in a day.
func TestDue(t *testing.T) {
	tests := []struct {
		name string
		last Sent
		id   string
		want bool
	}{
		{"never sent", Sent{}, "pat-1", true},
		{"same token", Sent{At: testNow.Add(-30 * Day), Token: "pat-1"}, "pat-1", false},
		{"another token, same day", Sent{At: testNow.Add(-23 * time.Hour), Token: "pat-0"}, "pat-1", false},
		{"another token, a day later", Sent{At: testNow.Add(-Day), Token: "pat-0"}, "pat-1", true},
	}
	for _, tt := range tests {
		if got := Due(tt.last, tt.id, testNow); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestCopiedNotice says the countdown's length, or that there is none.
func TestCopiedNotice(t *testing.T) {
	if title, _ := CopiedNotice(en, 45); title != "Copied — paste it within 45 s" {
		t.Errorf("45 s: %q", title)
	}
	if _, body := CopiedNotice(en, 0); !strings.Contains(body, "not cleared") {
		t.Errorf("never cleared: %q", body)
	}
}
