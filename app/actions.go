package app

import (
	"context"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// recheckAfterCopy: a copy checks the platform again when its last answer
// is older than this, so a token revoked elsewhere is noticed soon.
const recheckAfterCopy = time.Hour

// askGenerate asks before generating; nothing is generated unless confirmed.
func (u *UI) askGenerate() {
	if u.doing != idle {
		return
	}
	u.confirm("Generate a personal access token?", []string{
		"The token acts as you, with all your permissions in iObeya: whatever has it can do what you can do.",
		"Keep it like a password. iObeya Token keeps it in this computer's keychain and copies it for you when you need it.",
		"You can revoke it at any time.",
	}, "Generate token", false, func() { u.generate(false) })
}

// askRegenerate asks before replacing the token.
func (u *UI) askRegenerate() {
	if u.doing != idle {
		return
	}
	switch u.arb.shown(u.clock.Now(), u.settings.ExpiryWarningDays).State {
	case companion.StateExpired, companion.StateRevoked:
		u.confirm("Generate a new token?", []string{
			"Your current token no longer works; the new one takes its place. Give it to everything that used the old one, such as your Power Automate flows.",
			"The new token acts as you, with all your permissions in iObeya. Keep it like a password.",
			"You can revoke it at any time.",
		}, "Generate new token", false, func() { u.generate(true) })
	default:
		u.confirm("Revoke this token and generate a new one?", []string{
			"Your current token stops working at once. Give the new one to everything that used the old one, such as your Power Automate flows.",
			"The new token acts as you, with all your permissions in iObeya. Keep it like a password.",
			"You can revoke it at any time.",
		}, "Revoke and generate", true, func() { u.generate(true) })
	}
}

// askRevoke asks before revoking, in danger colours.
func (u *UI) askRevoke() {
	if u.doing != idle {
		return
	}
	u.confirm("Revoke your token?", []string{
		"Anything that uses it, such as your Power Automate flows, stops working at once.",
		"This cannot be undone. You can generate a new token afterwards.",
	}, "Revoke", true, u.revoke)
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
		switch {
		case g.Unstored != "":
			u.problem.clear()
			u.showUnstored(g.Unstored, err)
		case err != nil:
			u.problem.showError(err)
		default:
			next := "It is kept in this computer's keychain. Copy it for Power Automate and paste it into your flow."
			if g.Warning != "" {
				// The core's caution (a token that expires within the hour) comes first.
				next = g.Warning + " " + next
			}
			u.problem.showNotice("Your new token is ready.", next)
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
		u.problem.showNotice("Your token is revoked.", "Anything that used it has stopped working. Generate a new one when you need it.")
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

// formatWhat names a copy format in the "Copied …" line.
func formatWhat(f companion.Format) string {
	switch f {
	case companion.FormatToken:
		return "the token only"
	case companion.FormatHeader:
		return "the Authorization line"
	case companion.FormatPowerAutomate:
		return "the headers as JSON"
	}
	return ""
}

// copyToken puts the token on the clipboard in the given format.
func (u *UI) copyToken(f companion.Format) {
	if u.copying {
		return
	}
	u.problem.clearNotice() // "ready, copy it" has been acted on
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
		u.clip.put(v, formatWhat(f))
		u.render()
		if u.clock.Now().Sub(u.arb.status.CheckedAt) > recheckAfterCopy {
			u.checkNow()
		}
	})
}
