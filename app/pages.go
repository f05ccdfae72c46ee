package app

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// screen is one page of the main window.
type screen interface {
	object() fyne.CanvasObject
	// update shows v.
	update(v view)
	// focus puts the keyboard on the page's main action.
	focus()
	// enter runs the page's default action (Enter with nothing focused).
	enter()
	// back is Escape: it cancels or leaves the page, and reports whether
	// there was anything to do.
	back() bool
}

// view is what a page shows: the status as it reads now, and what the app
// is doing.
type view struct {
	st         companion.Status // its State is the state to show
	now        time.Time
	configured bool // a platform is chosen
	page       page
	doing      activity
	checking   bool // a platform check is in flight
	copying    bool
	revoked    bool // the user revoked the token here; no new one yet
	settings   companion.Settings
}

type page int

const (
	pageAuto     page = iota // chosen by the status
	pagePlatform             // the platform address, also after "Change…"
	pageSignIn               // sign in again while a token is kept
	pageSettings
)

// leaver is a page with an animation to stop when another page takes the
// window: out of sight it would go on waking the app every frame.
type leaver interface{ left() }

// dismisser is an open dialog that Escape closes.
type dismisser interface{ Dismiss() }

// chrome is what every page uses of the window around it.
type chrome struct {
	canvas   fyne.Canvas
	escape   func() // Escape from a widget: the dialog, else the page
	relayout func() // parts shown or hidden need room
	goTo     func(page)
}

// focusOn puts the keyboard on w.
func (c chrome) focusOn(w fyne.Focusable) { c.canvas.Focus(w) }

// choose is the page for the status shown.
func (u *UI) choose(st companion.Status) screen {
	switch {
	case !u.arb.loaded:
		return u.loading
	case !u.arb.configured || u.page == pagePlatform:
		return u.platformPage()
	case u.page == pageSettings:
		return u.prefsPage()
	case u.page == pageSignIn:
		return u.signInPage()
	case st.State == companion.StateNone && !st.SignedIn:
		return u.signInPage()
	case st.State == companion.StateNone:
		return u.noTokenPage()
	}
	return u.cardPage()
}

// The pages are built the first time they are shown: most starts show only
// the token card, and a page measures its text as it is built, which costs
// start-up time and memory for nothing. Each gets only what it uses.

func (u *UI) platformPage() *platformScreen {
	return lazyPage(&u.platform, func() *platformScreen {
		return newPlatformScreen(u.chrome(), u.core, u.deps.StartDemo, u.work, func(c companion.Settings) {
			u.problem.clear()
			u.afterUserChange(c, changedAccount)
		})
	})
}

func (u *UI) signInPage() *signInScreen {
	return lazyPage(&u.signIn, func() *signInScreen {
		s := newSignInScreen(u.chrome(), u.core, u.work, u.clock, u.clipboard, func(c companion.Settings) {
			u.problem.clear()
			u.afterUserChange(c, signedIn)
		})
		u.offerBring(s)
		return s
	})
}

func (u *UI) noTokenPage() *noTokenScreen {
	return lazyPage(&u.noToken, func() *noTokenScreen {
		s := newNoTokenScreen(u.chrome(), u.askGenerate)
		u.offerBring(s)
		return s
	})
}

func (u *UI) cardPage() *tokenScreen {
	return lazyPage(&u.card, func() *tokenScreen {
		return newTokenScreen(u.chrome(), u.clip.newLabel(), tokenActions{
			check:      u.checkNow,
			copy:       u.copyToken,
			revoke:     u.askRevoke,
			regenerate: u.askRegenerate,
		})
	})
}

func (u *UI) prefsPage() *settingsScreen {
	return lazyPage(&u.prefs, func() *settingsScreen {
		return newSettingsScreen(u.chrome(), u.core, u.work, u.problem, u.desk != nil, u.deps.Autostart, u.clipboard, u.afterUserChange)
	})
}

// lazyPage returns *p, building it on first use.
func lazyPage[T any](p **T, build func() *T) *T {
	if *p == nil {
		*p = build()
	}
	return *p
}

// chrome is what the pages use of the window.
func (u *UI) chrome() chrome {
	return chrome{canvas: u.win.Canvas(), escape: u.escape, relayout: u.relayout, goTo: u.setPage}
}

// setPage switches to a page that the status alone does not choose.
func (u *UI) setPage(p page) {
	u.problem.clearNotice()
	u.page = p
	u.render()
}
