package token_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

func TestEvaluate(t *testing.T) {
	day := 24 * time.Hour
	const id = "pat_01J9Z6X0M1Q2"
	info := func(exp time.Duration) *token.Info {
		i := &token.Info{ID: id, Email: "alice@example.com", IssuedAt: now.Add(-30 * day)}
		if exp != 0 {
			i.ExpiresAt = now.Add(exp)
		}
		return i
	}
	noExpiry := info(0)
	noID := info(100 * day)
	noID.ID = ""

	ok := &token.Check{Reached: true, Accepted: true, ActiveKnown: true, ActiveFound: true, ActiveID: id}
	okUnasked := &token.Check{Reached: true, Accepted: true}
	refused := &token.Check{Reached: true, Accepted: false, ActiveKnown: true}
	refusedUnasked := &token.Check{Reached: true}
	gone := &token.Check{Reached: true, Accepted: true, ActiveKnown: true, ActiveFound: false}
	replaced := &token.Check{Reached: true, Accepted: true, ActiveKnown: true, ActiveFound: true, ActiveID: "pat_other"}
	unreachable := &token.Check{}
	noAccess := &token.Check{Reached: true, NoAPIAccess: true}
	noAccessGone := &token.Check{Reached: true, NoAPIAccess: true, ActiveKnown: true}

	tests := []struct {
		name        string
		info        *token.Info
		check       *token.Check
		warn        time.Duration
		state       token.State
		server      bool
		needsServer bool
		reason      []string // pieces the reason must hold
	}{
		// No token.
		{"no token", nil, nil, token.DefaultWarnWithin, token.StateNone, false, false, []string{"You have no personal access token yet."}},
		{"no token, whatever the platform says", nil, ok, token.DefaultWarnWithin, token.StateNone, false, false, []string{"You have no personal access token yet."}},

		// Offline: the token's own date.
		{"offline, far", info(100 * day), nil, token.DefaultWarnWithin, token.StateValid, false, false, []string{"100 days", "7 March 2027", "not checked"}},
		{"offline, within the window", info(3 * day), nil, token.DefaultWarnWithin, token.StateExpiring, false, false, []string{"3 days", "30 November 2026", "not checked"}},
		{"offline, exactly at the window", info(7 * day), nil, token.DefaultWarnWithin, token.StateExpiring, false, false, []string{"7 days"}},
		{"offline, just past the window", info(7*day + time.Second), nil, token.DefaultWarnWithin, token.StateValid, false, false, []string{"7 days"}},
		{"offline, passed", info(-time.Hour), nil, token.DefaultWarnWithin, token.StateExpired, false, false, []string{"expired on 27 November 2026"}},
		{"offline, passed this very second", info(-time.Nanosecond), nil, token.DefaultWarnWithin, token.StateExpired, false, false, []string{"expired"}},
		{"offline, no expiry date", noExpiry, nil, token.DefaultWarnWithin, token.StateUnknown, false, true, []string{"no expiry date — ask the platform"}},

		// /me 200.
		{"accepted, far", info(100 * day), ok, token.DefaultWarnWithin, token.StateValid, true, false, []string{"works", "100 days", "7 March 2027"}},
		{"accepted, within the window", info(3 * day), ok, token.DefaultWarnWithin, token.StateExpiring, true, false, []string{"works", "3 days", "soon"}},
		{"accepted, hours left", info(5 * time.Hour), ok, token.DefaultWarnWithin, token.StateExpiring, true, false, []string{"5 hours"}},
		{"accepted, no expiry date", noExpiry, ok, token.DefaultWarnWithin, token.StateValid, true, false, []string{"no expiry date"}},
		{"accepted though passed here: the platform wins", info(-time.Hour), ok, token.DefaultWarnWithin, token.StateExpiring, true, false, []string{"still accepts", "clock"}},
		{"accepted, metadata not asked", info(100 * day), okUnasked, token.DefaultWarnWithin, token.StateValid, true, false, []string{"works"}},
		{"accepted, token without id", noID, replaced, token.DefaultWarnWithin, token.StateValid, true, false, []string{"works"}},
		{"accepted, custom window of 30 days", info(20 * day), ok, 30 * day, token.StateExpiring, true, false, []string{"20 days"}},
		{"accepted, warnings off", info(time.Hour), ok, 0, token.StateValid, true, false, []string{"1 hour"}},

		// API 403: known, but no API access.
		{"no API access", info(100 * day), noAccess, token.DefaultWarnWithin, token.StateNoAccess, true, false, []string{"refuses it the API", "administrator"}},
		{"no API access, no expiry date", noExpiry, noAccess, token.DefaultWarnWithin, token.StateNoAccess, true, false, []string{"administrator"}},
		{"no API access but no longer the active token", info(100 * day), noAccessGone, token.DefaultWarnWithin, token.StateRevoked, true, false, []string{"revoked"}},

		// API 401, or the metadata says it is not the active PAT.
		{"refused, passed", info(-time.Hour), refused, token.DefaultWarnWithin, token.StateExpired, true, false, []string{"expired on"}},
		{"refused, passes within the leeway", info(30 * time.Second), refused, token.DefaultWarnWithin, token.StateExpired, true, false, []string{"expired on"}},
		{"refused, not passed", info(100 * day), refused, token.DefaultWarnWithin, token.StateRevoked, true, false, []string{"revoked"}},
		{"refused, metadata not asked", info(100 * day), refusedUnasked, token.DefaultWarnWithin, token.StateRevoked, true, false, []string{"revoked"}},
		{"refused, no expiry date", noExpiry, refused, token.DefaultWarnWithin, token.StateRevoked, true, false, []string{"revoked"}},
		{"metadata 404", info(100 * day), gone, token.DefaultWarnWithin, token.StateRevoked, true, false, []string{"revoked"}},
		{"metadata names another id", info(100 * day), replaced, token.DefaultWarnWithin, token.StateRevoked, true, false, []string{"revoked"}},
		{"metadata 404, passed", info(-day), gone, token.DefaultWarnWithin, token.StateExpired, true, false, []string{"expired on 26 November 2026"}},

		// Not reached: unreachable, timeout, 5xx.
		{"unreachable, far", info(100 * day), unreachable, token.DefaultWarnWithin, token.StateUnknown, false, false, []string{"could not be checked", "100 days", "7 March 2027"}},
		{"unreachable, within the window", info(3 * day), unreachable, token.DefaultWarnWithin, token.StateUnknown, false, false, []string{"could not be checked", "3 days"}},
		{"unreachable, passed", info(-day), unreachable, token.DefaultWarnWithin, token.StateUnknown, false, false, []string{"could not be checked", "expired on 26 November 2026"}},
		{"unreachable, no expiry date", noExpiry, unreachable, token.DefaultWarnWithin, token.StateUnknown, false, true, []string{"could not be checked", "no expiry date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := token.Evaluate(tt.info, now, tt.warn, tt.check)
			reason := words.English().Reason(st, now)
			if st.State != tt.state || st.CheckedWithServer != tt.server || st.NeedsServerCheck != tt.needsServer {
				t.Errorf("Evaluate = {%s, server %v, needs server %v}, want {%s, %v, %v}; reason %q",
					st.State, st.CheckedWithServer, st.NeedsServerCheck, tt.state, tt.server, tt.needsServer, reason)
			}
			for _, piece := range tt.reason {
				if !strings.Contains(reason, piece) {
					t.Errorf("reason %q does not say %q", reason, piece)
				}
			}
			if tt.info == nil {
				return
			}
			if !st.ExpiresAt.Equal(tt.info.ExpiresAt) {
				t.Errorf("ExpiresAt = %v, want %v", st.ExpiresAt, tt.info.ExpiresAt)
			}
			want := time.Duration(0)
			if tt.info.HasExpiry() {
				want = tt.info.ExpiresAt.Sub(now)
			}
			if st.ExpiresIn != want {
				t.Errorf("ExpiresIn = %v, want %v", st.ExpiresIn, want)
			}
		})
	}
}

func TestEvaluateShowsDatesInTheClocksZone(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	i := &token.Info{ExpiresAt: time.Date(2027, 3, 6, 23, 30, 0, 0, time.UTC)} // 7 Mar 00:30 in Paris
	st := token.Evaluate(i, now.In(paris), token.DefaultWarnWithin, nil)
	if reason := words.English().Reason(st, now.In(paris)); !strings.Contains(reason, "7 March 2027") {
		t.Errorf("reason %q; want the date where the user is", reason)
	}
}
