package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TestNotifications: entering the warning window, the last day, the expiry
// and a revoke found by a check each notify once, never twice in a day.
func TestNotifications(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid))
	st := statusWith(companion.StateValid)
	st.ExpiresAt = testNow.Add(7*day + time.Hour) // an hour before the warning window
	st.CheckedAt = time.Time{}                    // fewer wake-ups: only the expiry text moves
	h.core.status, h.core.online = st, &st
	h.start()

	test.AssertNotificationSent(t, &fyne.Notification{
		Title:   "Your iObeya token expires in 7 days",
		Content: "It expires on 4 December 2026. Open iObeya Token to generate a new one.",
	}, func() { h.advance(time.Hour) })
	test.AssertNotificationSent(t, nil, func() { h.advance(12 * time.Hour) }) // not twice
	test.AssertNotificationSent(t, &fyne.Notification{
		Title:   "Your iObeya token expires in 1 day",
		Content: "Generate a new one now so your Power Automate flows keep working.",
	}, func() { h.advance(6*day - 12*time.Hour + time.Hour) })
	test.AssertNotificationSent(t, nil, func() { h.advance(12 * time.Hour) })
	test.AssertNotificationSent(t, &fyne.Notification{
		Title:   "Your iObeya token has expired",
		Content: "Anything that uses it, such as your Power Automate flows, has stopped working. Open iObeya Token to generate a new one.",
	}, func() { h.advance(12 * time.Hour) })
	test.AssertNotificationSent(t, nil, func() { h.advance(3 * day) })
}

// TestNotificationRevoked: a check that finds the token revoked notifies,
// once; a restart the same day does not repeat it.
func TestNotificationRevoked(t *testing.T) {
	want := &fyne.Notification{
		Title:   "Your iObeya token was revoked",
		Content: "The platform no longer accepts it. Open iObeya Token to generate a new one.",
	}
	h := newHarness(t, statusWith(companion.StateValid)).start()
	revoked := statusWith(companion.StateRevoked)
	h.core.online = &revoked
	test.AssertNotificationSent(t, want, func() {
		h.tap("Check now")
		h.settle()
	})
	test.AssertNotificationSent(t, nil, func() {
		h.tap("Check now")
		h.settle()
	})
	// A restart shares the preferences: still nothing.
	prefs := h.app.Preferences()
	again := newHarness(t, revoked)
	for _, k := range []string{"revoked"} {
		again.app.Preferences().SetInt("notified."+k+".at", prefs.Int("notified."+k+".at"))
		again.app.Preferences().SetString("notified."+k+".token", prefs.String("notified."+k+".token"))
	}
	test.AssertNotificationSent(t, nil, func() { again.start() })
	// Another token revoked the next day does notify.
	other := revoked
	other.TokenID = "pat-2"
	again.core.online = &other
	test.AssertNotificationSent(t, want, func() {
		again.advance(day)
	})
}

// TestNotificationsOff: with notifications switched off, nothing is sent.
func TestNotificationsOff(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateExpired))
	h.core.settings.Notifications = false
	h.ui.settings = h.core.Settings()
	test.AssertNotificationSent(t, nil, func() { h.start() })
	h.core.settings.Notifications = true
	h.ui.settings = h.core.Settings()
	test.AssertNotificationSent(t, &fyne.Notification{
		Title:   "Your iObeya token has expired",
		Content: "Anything that uses it, such as your Power Automate flows, has stopped working. Open iObeya Token to generate a new one.",
	}, func() { h.ui.render() })
}

// TestNotificationDemo: demo notifications say so.
func TestNotificationDemo(t *testing.T) {
	st := statusWith(companion.StateRevoked)
	st.Demo = true
	h := newHarness(t, st)
	test.AssertNotificationSent(t, &fyne.Notification{
		Title:   "Your iObeya token was revoked (demo platform)",
		Content: "The platform no longer accepts it. Open iObeya Token to generate a new one.",
	}, func() { h.start() })
}
