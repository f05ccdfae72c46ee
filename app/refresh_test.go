package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TestStartChecks: the window first shows what the keychain knows, then
// asks the platform once; nothing else runs until a timer is due.
func TestStartChecks(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	want := []string{"Subscribe", "Status(offline=true)", "Status(offline=false)"}
	if got := h.core.callList(); !slices.Equal(got, want) {
		t.Fatalf("calls at start %v, want %v", got, want)
	}
	// Two timers: the next text change (the "last checked" minute) and the
	// next platform check in 6 hours. No ticker.
	if got := h.clock.pending(); len(got) != 2 || got[0] != time.Minute || got[1] != checkEvery {
		t.Fatalf("pending timers %v, want [1m 6h]", got)
	}
}

// TestCountdownWithoutPlatform: the shown countdown follows the clock with
// no platform call, waking at most once a minute.
func TestCountdownWithoutPlatform(t *testing.T) {
	st := statusWith(companion.StateValid)
	st.ExpiresAt = testNow.Add(2*day + 3*time.Minute)
	h := newHarness(t, st).start()
	calls := len(h.core.callList())
	wakes, elapsed := 0, time.Duration(0)
	for _, step := range []struct {
		by   time.Duration
		want string
	}{
		{2 * time.Minute, "Expires 29 November 2026 — in 2 days"},
		{12*time.Hour + 2*time.Minute, "Expires 29 November 2026 — in 1 day"},
		{12 * time.Hour, "Expires 29 November 2026 — in 1 day"},
		{time.Hour, "Expires 29 November 2026 — in 23 hours"},
		{22 * time.Hour, "Expires 29 November 2026 — in 59 minutes"},
	} {
		h.clock.mu.Lock()
		before := h.clock.set
		h.clock.mu.Unlock()
		h.advance(step.by)
		elapsed += step.by
		h.clock.mu.Lock()
		wakes += h.clock.set - before
		h.clock.mu.Unlock()
		if got := h.ui.card.expiry.Text; got != step.want {
			t.Fatalf("after %v: %q, want %q", step.by, got, step.want)
		}
	}
	// Timers set: the countdown's wake-ups and the 6-hourly checks.
	if minutes := int(elapsed / time.Minute); wakes > minutes {
		t.Fatalf("%d timers set in %d minutes: more than one a minute", wakes, minutes)
	}
	// The only platform calls were the 6-hourly checks.
	for _, c := range h.core.callList()[calls:] {
		if c != "Status(offline=false)" {
			t.Fatalf("unexpected call %s", c)
		}
	}
	if got, want := len(h.core.callList())-calls, int(elapsed/checkEvery); got != want {
		t.Fatalf("%d checks in %v, want %d", got, elapsed, want)
	}
}

// TestCheckNow: "Check now" asks the platform and shows the answer.
func TestCheckNow(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	revoked := statusWith(companion.StateRevoked)
	h.core.online = &revoked
	h.tap("Check now")
	h.settle()
	if n := h.core.count("Status(offline=false)"); n != 2 {
		t.Fatalf("%d checks, want 2 (start and Check now)", n)
	}
	if got := h.ui.card.badge.text.Text; got != "Revoked" {
		t.Fatalf("badge %q after a check found the token revoked", got)
	}
}

// TestCheckBackoff: when the platform cannot be reached the next check
// comes sooner, then later and later; once it answers, every 6 hours again.
func TestCheckBackoff(t *testing.T) {
	unknown := statusWith(companion.StateUnknown)
	h := newHarness(t, statusWith(companion.StateValid))
	h.core.online = &unknown
	h.start()
	last := h.core.count("Status(offline=false)")
	for _, wait := range []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute} {
		h.advance(wait - time.Second)
		if n := h.core.count("Status(offline=false)"); n != last {
			t.Fatalf("checked before %v", wait)
		}
		h.advance(time.Second)
		if n := h.core.count("Status(offline=false)"); n != last+1 {
			t.Fatalf("no check after %v", wait)
		}
		last++
	}
	valid := statusWith(companion.StateValid)
	h.core.mu.Lock()
	h.core.online = &valid
	h.core.mu.Unlock()
	h.advance(40 * time.Minute) // the next retry, which succeeds
	last = h.core.count("Status(offline=false)")
	h.advance(checkEvery - time.Second)
	if n := h.core.count("Status(offline=false)"); n != last {
		t.Fatal("checked before 6 hours after a success")
	}
	h.advance(time.Second)
	if n := h.core.count("Status(offline=false)"); n != last+1 {
		t.Fatal("no check 6 hours after a success")
	}
}

// TestSubscribe: a status change made elsewhere reaches the window; a
// status without a platform (an error placeholder) does not blank it.
func TestSubscribe(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.core.publish(statusWith(companion.StateExpiring))
	if got := h.ui.card.badge.text.Text; got != "Expires soon" {
		t.Fatalf("badge %q after a change elsewhere", got)
	}
	h.core.publish(companion.Status{State: companion.StateUnknown, Message: "The keychain is locked."})
	if h.ui.current != h.ui.card {
		t.Fatal("an error placeholder replaced the token card")
	}
	h.ui.Quit()
	h.core.publish(statusWith(companion.StateRevoked))
	if got := h.ui.card.badge.text.Text; got != "Expires soon" {
		t.Fatal("a status arrived after quitting")
	}
}

// TestQuitDuringCall: quitting cancels the call in flight and nothing of
// its result reaches the window.
func TestQuitDuringCall(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateNone)).start()
	h.core.block["Generate"] = true
	h.core.generated = companion.Generated{Status: statusWith(companion.StateValid)}
	h.tap("Generate token…")
	h.confirmation().Confirm()
	h.waitStarted()
	h.ui.Quit()
	h.core.mu.Lock()
	err := h.core.blockedCtxEr
	h.core.mu.Unlock()
	if err == nil {
		t.Fatal("the call in flight was not cancelled")
	}
	if h.ui.current != h.ui.noToken {
		t.Fatal("a cancelled call changed the window")
	}
	if got := h.clock.pending(); len(got) != 0 {
		t.Fatalf("timers still set after quit: %v", got)
	}
	h.ui.checkNow()
	h.settle()
	if n := h.core.count("Status(offline=false)"); n != 1 {
		t.Fatal("a check started after quit")
	}
	if !strings.Contains(strings.Join(h.core.callList(), ","), "Generate(confirmed=true)") {
		t.Fatal("the generate call never started")
	}
}

// TestStartFails: when the first status cannot be had, the window explains
// why and offers to try again, instead of loading forever.
func TestStartFails(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid))
	h.core.statusErr = fmt.Errorf("%w: org.freedesktop.secrets locked", client.ErrUnreachable)
	h.start()
	p := companion.Explain(h.core.statusErr)
	shown := h.shownText()
	for _, want := range []string{p.Message, p.NextStep, "Try again"} {
		if !strings.Contains(shown, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(shown, "org.freedesktop") {
		t.Error("the error's own text is shown")
	}
	h.core.mu.Lock()
	h.core.statusErr = nil
	h.core.mu.Unlock()
	h.key(fyne.KeyReturn) // Try again has the focus
	h.settle()
	if h.ui.current != h.ui.card {
		t.Fatal("trying again did not reach the token card")
	}
	if h.ui.problem.obj.Visible() {
		t.Fatal("the old problem is still shown")
	}
}

// TestCheckingShown: while a check runs the card says so and "Check now"
// is off, so a second click sends nothing.
func TestCheckingShown(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.core.block["Status(offline=false)"] = true
	h.tap("Check now")
	h.waitStarted()
	if got := h.ui.card.checked.Text; got != "Checking with the platform…" {
		t.Fatalf("while checking the card says %q", got)
	}
	h.tap("Check now")
	close(h.core.release)
	h.settle()
	if n := h.core.count("Status(offline=false)"); n != 2 {
		t.Fatalf("%d checks, want 2 (start and one Check now)", n)
	}
	if got := h.ui.card.checked.Text; got != "Last checked 2 minutes ago" {
		t.Fatalf("after the check the card says %q", got)
	}
}
