package glance

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// en and fr are the two languages the tray speaks.
var (
	en = words.New(language.English)
	fr = words.New(language.French)
)

// statusWith is a signed-in status in state, with a token expiring in 197
// days (3 days when expiring, 2 days ago when expired).
func statusWith(state companion.State) companion.Status {
	st := companion.Status{Platform: "acme.iobeya.com", SignedIn: true, Account: "ada@acme.example", State: state}
	if state == companion.StateNone {
		return st
	}
	st.TokenID = "pat-1"
	st.ExpiresAt = testNow.Add(197*Day + time.Hour)
	switch state {
	case companion.StateExpiring:
		st.ExpiresAt = testNow.Add(3*Day + 5*time.Hour)
	case companion.StateExpired:
		st.ExpiresAt = testNow.Add(-2*Day - time.Hour)
	}
	return st
}

// TestMenu builds the tray menu for every state and checks its status
// line, its items, which are enabled, the icon and the tooltip.
func TestMenu(t *testing.T) {
	signedOut := statusWith(companion.StateNone)
	signedOut.SignedIn = false
	keptSignedOut := statusWith(companion.StateValid)
	keptSignedOut.SignedIn = false
	demo := statusWith(companion.StateValid)
	demo.Demo = true
	noExpiry := statusWith(companion.StateValid)
	noExpiry.ExpiresAt = time.Time{}

	// enabled lists, in order: Copy, Open, Check now, Revoke…, Quit.
	tests := []struct {
		name    string
		status  companion.Status
		line    string
		demo    bool
		enabled [5]bool
		icon    Icon
	}{
		{"not set up", companion.Status{State: companion.StateNone}, "Not set up yet", false, [5]bool{false, true, false, false, true}, IconNone},
		{"signed out", signedOut, "Signed out", false, [5]bool{false, true, true, false, true}, IconNone},
		{"no token", statusWith(companion.StateNone), "No token yet", false, [5]bool{false, true, true, false, true}, IconNone},
		{"valid", statusWith(companion.StateValid), "Valid · expires in 197 days", false, [5]bool{true, true, true, true, true}, IconValid},
		{"valid, no expiry", noExpiry, "Valid · does not expire", false, [5]bool{true, true, true, true, true}, IconValid},
		{"expiring", statusWith(companion.StateExpiring), "Expires soon · in 3 days", false, [5]bool{true, true, true, true, true}, IconExpiring},
		{"expired", statusWith(companion.StateExpired), "Expired · 2 days ago", false, [5]bool{false, true, true, true, true}, IconExpired},
		{"revoked", statusWith(companion.StateRevoked), "Revoked", false, [5]bool{false, true, true, true, true}, IconExpired},
		{"unknown", statusWith(companion.StateUnknown), "Couldn't check · expires in 197 days", false, [5]bool{true, true, true, true, true}, IconUnknown},
		{"kept, signed out", keptSignedOut, "Valid · expires in 197 days", false, [5]bool{true, true, true, false, true}, IconValid},
		{"demo", demo, "Valid · expires in 197 days", true, [5]bool{true, true, true, true, true}, IconValid},
	}
	labels := []string{"Copy for Power Automate", "Open iObeya Token", "Check now", "Revoke…", "Quit"}
	acts := []Action{ActCopy, ActOpen, ActCheck, ActRevoke, ActQuit}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Menu(en, tt.status, testNow)
			if m[0].Label != tt.line || m[0].Enabled || m[0].Action != ActNone {
				t.Errorf("status line %+v, want %q, disabled, no action", m[0], tt.line)
			}
			if got := m[1].Demo && m[1].Label == "Demo platform" && !m[1].Enabled; got != tt.demo {
				t.Errorf("demo line shown: %v, want %v", got, tt.demo)
			}
			var actions []Item
			for _, it := range m[1:] {
				if !it.Separator && !it.Demo {
					actions = append(actions, it)
				}
			}
			if len(actions) != len(labels) {
				t.Fatalf("%d actions, want %d", len(actions), len(labels))
			}
			for i, it := range actions {
				if it.Label != labels[i] || it.Action != acts[i] {
					t.Errorf("item %d: %q (%d), want %q (%d)", i, it.Label, it.Action, labels[i], acts[i])
				}
				if it.Enabled != tt.enabled[i] {
					t.Errorf("%q enabled: %v, want %v", it.Label, it.Enabled, tt.enabled[i])
				}
			}
			if got := TrayIcon(tt.status.State); got != tt.icon {
				t.Errorf("icon %s, want %s", got, tt.icon)
			}
			if len(TrayIcon(tt.status.State).PNG()) == 0 {
				t.Error("the icon has no picture")
			}
			if got, want := Tooltip(en, tt.status, testNow), "iObeya Token — "+tt.line; got != want {
				t.Errorf("tooltip %q, want %q", got, want)
			}
		})
	}
}

// TestDisplayStateFollowsTheClock: without a check, a valid token enters
// the warning window and then expires by the clock alone.
func TestDisplayStateFollowsTheClock(t *testing.T) {
	st := statusWith(companion.StateValid)
	st.ExpiresAt = testNow.Add(10 * Day)
	for _, tt := range []struct {
		at   time.Time
		want companion.State
	}{
		{testNow, companion.StateValid},
		{testNow.Add(3*Day + time.Second), companion.StateExpiring},
		{st.ExpiresAt, companion.StateExpired},
	} {
		if got := DisplayState(st, tt.at, 7); got != tt.want {
			t.Errorf("at %v: %s, want %s", tt.at.Sub(testNow), got, tt.want)
		}
	}
}

// TestNextTrayChange: the tray wakes for its status line (the expiry
// countdown), not for the "last checked" age it does not show.
func TestNextTrayChange(t *testing.T) {
	st := statusWith(companion.StateValid)
	st.CheckedAt = testNow.Add(-30 * time.Second)
	if got := NextChange(st, testNow, 7); !got.Equal(testNow.Add(30 * time.Second)) {
		t.Errorf("the window wakes at %v, want in 30 s (\"1 minute ago\")", got.Sub(testNow))
	}
	got := NextTrayChange(st, testNow, 7)
	if got.Sub(testNow) < time.Hour {
		t.Errorf("the tray wakes after %v, for a status line that changes in hours", got.Sub(testNow))
	}
	shown := Shown(st, testNow, 7)
	if StatusLine(en, shown, got.Add(-time.Nanosecond)) != StatusLine(en, shown, testNow) {
		t.Error("the status line changed before the tray woke")
	}
	if StatusLine(en, Shown(st, got, 7), got) == StatusLine(en, shown, testNow) {
		t.Error("the tray woke but its status line did not change")
	}
}

// TestMenuInFrench: the tray menu of every state, in French words.
func TestMenuInFrench(t *testing.T) {
	signedOut := statusWith(companion.StateNone)
	signedOut.SignedIn = false
	demo := statusWith(companion.StateValid)
	demo.Demo = true
	noAccess := statusWith(companion.StateNoAccess)
	tests := []struct {
		name   string
		status companion.Status
		line   string
	}{
		{"not set up", companion.Status{State: companion.StateNone}, "Pas encore configuré"},
		{"signed out", signedOut, "Déconnecté"},
		{"no token", statusWith(companion.StateNone), "Pas encore de jeton"},
		{"valid", statusWith(companion.StateValid), "Valide · expire dans 197 jours"},
		{"expiring", statusWith(companion.StateExpiring), "Expire bientôt · dans 3 jours"},
		{"expired", statusWith(companion.StateExpired), "Expiré · il y a 2 jours"},
		{"revoked", statusWith(companion.StateRevoked), "Révoqué"},
		{"unknown", statusWith(companion.StateUnknown), "Vérification impossible · expire dans 197 jours"},
		{"no API access", noAccess, "Pas d'accès à l'API · demandez à votre administrateur iObeya"},
		{"demo", demo, "Valide · expire dans 197 jours"},
	}
	labels := []string{"Copier pour Power Automate", "Ouvrir iObeya Token", "Vérifier maintenant", "Révoquer…", "Quitter"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Menu(fr, tt.status, testNow)
			if m[0].Label != tt.line {
				t.Errorf("status line %q, want %q", m[0].Label, tt.line)
			}
			var got []string
			for _, it := range m[1:] {
				switch {
				case it.Demo:
					if it.Label != "Plateforme de démonstration" {
						t.Errorf("demo line %q", it.Label)
					}
				case !it.Separator:
					got = append(got, it.Label)
				}
			}
			if !slices.Equal(got, labels) {
				t.Errorf("items %q, want %q", got, labels)
			}
			if tip, want := Tooltip(fr, tt.status, testNow), "iObeya Token — "+tt.line; tip != want {
				t.Errorf("tooltip %q, want %q", tip, want)
			}
		})
	}
}

// TestNoticesInFrench: notifications and the copy notice follow the words.
func TestNoticesInFrench(t *testing.T) {
	n, ok := NoticeFor(fr, statusWith(companion.StateExpiring), testNow)
	if !ok || n.Title != "Votre jeton iObeya expire dans 3 jours" || !strings.Contains(n.Body, "Il expire le 30 novembre 2026") {
		t.Errorf("expiring: %+v", n)
	}
	if title, _ := CopiedNotice(fr, 45); title != "Copié — collez-le dans les 45 s" {
		t.Errorf("copied: %q", title)
	}
}
