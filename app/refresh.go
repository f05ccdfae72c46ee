package app

import (
	"context"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// checkNow asks the platform about the token; one check at a time.
func (u *UI) checkNow() {
	ticket, ok := u.arb.beginCheck()
	if !ok {
		return
	}
	u.render()
	run(u.work, func(ctx context.Context) (companion.Status, error) {
		return u.core.Status(ctx, false)
	}, func(st companion.Status, err error) {
		if !u.arb.endCheck(ticket) {
			// The user changed something meanwhile: ask again.
			u.checkNow()
			return
		}
		reached := err == nil && st.State != companion.StateUnknown
		if reached {
			// An old complaint about the network is no longer true.
			u.problem.clear()
		}
		u.apply(st, err)
		u.arb.scheduleCheck(reached, u.checkNow)
	})
}

// reload asks the core for the status again, online or from what it knows.
func (u *UI) reload(online bool) {
	if online {
		u.checkNow()
		return
	}
	u.loadLocal(nil)
}

// loadLocal reads the status without asking the platform (the keychain and
// the token itself) and shows it, unless something newer was shown
// meanwhile; then runs then, when given.
func (u *UI) loadLocal(then func()) {
	ticket := u.arb.ticket()
	run(u.work, func(ctx context.Context) (companion.Status, error) {
		return u.core.Status(ctx, true)
	}, func(st companion.Status, err error) {
		if u.arb.current(ticket) {
			u.apply(st, err)
		}
		if then != nil {
			then()
		}
	})
}

// userChange names a change the user made, for afterUserChange.
type userChange int

const (
	changedSetting userChange = iota // the page stays
	changedAccount                   // a platform chosen, or signed out: back to the page the status chooses
	signedIn                         // the same, and the platform is asked at once
)

// afterUserChange follows a change the user made: status answers asked for
// before it are out of date, c is the core's settings as read after it, and
// the status is asked for again.
func (u *UI) afterUserChange(c companion.Settings, what userChange) {
	u.userChanged()
	u.settings = c
	if c.Language != u.lang {
		u.relanguage(c.Language)
	}
	if what != changedSetting {
		u.page = pageAuto
		u.revoked = false // another account, or another platform
	}
	u.reload(what == signedIn)
}

// userChanged marks a change the user made: status answers asked for
// before it are out of date, and the tray program is told.
func (u *UI) userChanged() {
	u.arb.changed()
	if u.deps.Changed != nil {
		go u.deps.Changed()
	}
}
