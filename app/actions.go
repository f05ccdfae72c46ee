package app

import (
	"context"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// recheckAfterCopy: a copy checks the platform again when its last answer
// is older than this, so a token revoked elsewhere is noticed soon.
const recheckAfterCopy = time.Hour

// askGenerate asks before generating; nothing is generated unless confirmed.
func (u *UI) askGenerate() {
	if u.doing != idle {
		return
	}
	w := say()
	u.confirm(w.Say(words.WindowGenerateTitle, nil), []string{
		w.Say(words.WindowGenerateActs, nil),
		w.Say(words.WindowGenerateKeep, nil),
		w.Say(words.WindowRevokeAnyTime, nil),
	}, w.Say(words.WindowGenerateButton, nil), false, func() { u.generate(false) })
}

// askRegenerate asks before replacing the token.
func (u *UI) askRegenerate() {
	if u.doing != idle {
		return
	}
	shown := u.arb.shown(u.clock.Now(), u.settings.ExpiryWarningDays)
	if _, ok := u.core.(bringCore); ok && shown.BroughtIn {
		// A token brought in from the web app is renewed there: the
		// platform's token page, the clipboard watch and the paste box.
		u.showBringToken()
		return
	}
	w := say()
	switch shown.State {
	case companion.StateExpired, companion.StateRevoked:
		u.confirm(w.Say(words.WindowRenewTitle, nil), []string{
			w.Say(words.WindowRenewReplaces, nil),
			w.Say(words.WindowNewActs, nil),
			w.Say(words.WindowRevokeAnyTime, nil),
		}, w.Say(words.WindowRenewButton, nil), false, func() { u.generate(true) })
	default:
		u.confirm(w.Say(words.WindowReplaceTitle, nil), []string{
			w.Say(words.WindowReplaceStops, nil),
			w.Say(words.WindowNewActs, nil),
			w.Say(words.WindowRevokeAnyTime, nil),
		}, w.Say(words.WindowReplaceButton, nil), true, func() { u.generate(true) })
	}
}

// askRevoke asks before revoking, in danger colours.
func (u *UI) askRevoke() {
	if u.doing != idle {
		return
	}
	if bc, ok := u.core.(bringCore); ok && u.arb.shown(u.clock.Now(), u.settings.ExpiryWarningDays).BroughtIn {
		u.askRevokeOnWeb(bc)
		return
	}
	w := say()
	u.confirm(w.Say(words.WindowRevokeTitle, nil), []string{
		w.Say(words.WindowRevokeStops, nil),
		w.Say(words.WindowRevokeFinal, nil),
	}, w.Say(words.WindowRevokeButton, nil), true, u.revoke)
}

func (u *UI) generate(replace bool) {
	if u.doing != idle {
		return
	}
	u.doing = generating
	if replace {
		u.doing = regenerating
	}
	u.render()
	run(u.work, func(ctx context.Context) (companion.Generated, error) {
		if replace {
			return u.core.Regenerate(ctx, true)
		}
		return u.core.Generate(ctx, true)
	}, func(g companion.Generated, err error) {
		u.doing = idle
		u.userChanged()
		if err == nil || g.Unstored != "" {
			u.revoked = false
		}
		switch {
		case g.Unstored != "":
			u.problem.clear()
			u.showUnstored(g.Unstored, err)
		case err != nil:
			u.problem.showError(err)
		default:
			next := word(words.WindowReadyNext)
			if g.Warning != "" {
				// The core's caution (a token that expires within the hour) comes first.
				next = g.Warning + " " + next
			}
			u.problem.showNotice(word(words.WindowReady), next)
		}
		u.afterChange(g.Status)
		if err == nil && g.Unstored == "" {
			u.offerStartAtLogin()
		}
	})
}

func (u *UI) revoke() {
	if u.doing != idle {
		return
	}
	u.doing = revoking
	u.render()
	run(u.work, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, u.core.Revoke(ctx)
	}, func(_ struct{}, err error) {
		u.doing = idle
		if err != nil {
			u.problem.showError(err)
			u.render()
			return
		}
		u.userChanged()
		u.clip.clearIfOurs() // the revoked token is of no use to anyone
		u.clip.say("")
		u.revoked = true // the page that follows says so, and offers a new one
		u.reload(false)
	})
}

// afterChange shows the status an action returned, or asks for it when the
// action returned none.
func (u *UI) afterChange(st companion.Status) {
	if st.Platform != "" {
		u.apply(st, nil)
		return
	}
	u.render()
	u.reload(false)
}

// formatWhat names a copy format in the "Copied …" line; the copy for
// Power Automate, the usual one, is the plain "Copied", as is "".
func formatWhat(f companion.Format) string {
	if f == companion.FormatBearer || f == "" {
		return ""
	}
	return say().FormatWhat(string(f))
}

// copyToken puts the token on the clipboard in the given format.
func (u *UI) copyToken(f companion.Format) {
	if u.copying {
		return
	}
	// "Your new token is ready" stays until it passes: taking it away here
	// would move the button up from under the mouse.
	u.copying = true
	u.render()
	run(u.work, func(ctx context.Context) (string, error) {
		return u.core.Header(ctx, f)
	}, func(v string, err error) {
		u.copying = false
		if err != nil {
			u.problem.showError(err)
			u.render()
			return
		}
		u.clip.put(v, f)
		if u.card != nil {
			u.card.copied(f)
		}
		u.render()
		if u.clock.Now().Sub(u.arb.status.CheckedAt) > recheckAfterCopy {
			u.checkNow()
		}
	})
}
