package app

import (
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
)

// A token the API refuses (403) has its own words everywhere, the red
// drawing of a token that stops flows, and a notification.
func TestNoAPIAccessState(t *testing.T) {
	st := statusWith(companion.StateNoAccess)
	if got := stateWords(st.State); got != "No API access" {
		t.Errorf("badge %q", got)
	}
	if got := statusLine(st, testNow); !strings.Contains(got, "No API access") || !strings.Contains(got, "administrator") {
		t.Errorf("tray line %q", got)
	}
	if stateIcon(st.State) != stateExpired || trayIcon(st) != trayExpired {
		t.Error("no API access does not show the expired drawing")
	}
	if displayState(st, testNow, 7) != companion.StateNoAccess {
		t.Error("the state to show changed")
	}
	kind, n := notification(st, testNow)
	if kind != glance.NoticeNoAPI || n == nil || !strings.Contains(n.Content, "administrator") {
		t.Errorf("notification %q %v", kind, n)
	}
}
