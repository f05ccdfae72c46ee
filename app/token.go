package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// tokenScreen is the token card: its state, dates, owner and platform, a
// masked preview, and the actions, "Copy for Power Automate" first.
type tokenScreen struct {
	chrome
	act        tokenActions
	badge      *badge
	message    *widget.Label
	expiry     *widget.Label
	account    *widget.Label
	platform   *widget.Label
	issued     *widget.Label
	masked     *widget.Label
	checked    *widget.Label
	checkBtn   *actionButton
	copyBtn    *actionButton
	formatsBtn *actionButton
	copyBox    fyne.CanvasObject
	deadNote   *widget.Label
	signedOut  fyne.CanvasObject
	busyText   *widget.Label
	busy       fyne.CanvasObject
	busyBar    *busyBar
	revokeBtn  *actionButton
	regenBtn   *actionButton
	obj        fyne.CanvasObject
}

// tokenActions are what the card's buttons do.
type tokenActions struct {
	check              func() // asks the platform now
	copy               func(companion.Format)
	revoke, regenerate func() // ask before doing it
}

// newTokenScreen builds the card; clipNote shows the clipboard countdown.
func newTokenScreen(c chrome, clipNote *widget.Label, act tokenActions) *tokenScreen {
	s := &tokenScreen{
		chrome: c, act: act, badge: newBadge(), message: wrapped(""),
		expiry:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		account:  widget.NewLabel(""),
		platform: widget.NewLabel(""),
		issued:   widget.NewLabel(""),
		masked:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		checked:  widget.NewLabel(""),
		deadNote: wrapped("This token no longer works. Generate a new one, then give it to everything that used the old one."),
		busyText: widget.NewLabel(""),
		busyBar:  newBusyBar(false),
	}
	s.account.Truncation = fyne.TextTruncateEllipsis
	s.deadNote.Importance = widget.DangerImportance
	s.checkBtn = newButton(c.escape, "Check now", theme.ViewRefreshIcon(), widget.LowImportance, act.check)
	s.copyBtn = newButton(c.escape, "Copy for Power Automate", theme.ContentCopyIcon(), widget.HighImportance, func() {
		act.copy(companion.FormatBearer)
	})
	s.formatsBtn = newButton(c.escape, "Other formats…", theme.MoreHorizontalIcon(), widget.MediumImportance, s.showFormats)
	// The danger colour is kept for the confirmation, where it matters; here
	// it would outshout the copy button.
	s.revokeBtn = newButton(c.escape, "Revoke…", theme.DeleteIcon(), widget.MediumImportance, act.revoke)
	s.regenBtn = newButton(c.escape, "Revoke and generate new…", theme.ViewRefreshIcon(), widget.MediumImportance, act.regenerate)
	signIn := newButton(c.escape, "Sign in…", theme.LoginIcon(), widget.MediumImportance, func() { c.goTo(pageSignIn) })
	s.signedOut = container.NewVBox(wrapped("You are signed out. The token still works; sign in again to revoke or replace it."), container.NewHBox(signIn))
	s.busy = container.NewVBox(s.busyText, s.busyBar)
	s.copyBox = container.NewVBox(
		container.NewHBox(s.copyBtn, s.formatsBtn),
		wrapped("Paste it as the value of the Authorization header in your flow's HTTP action."),
		clipNote)
	details := container.New(layout.NewFormLayout(),
		widget.NewLabel("Account"), s.account,
		widget.NewLabel("Platform"), s.platform,
		widget.NewLabel("Issued"), s.issued,
		widget.NewLabel("Token"), s.masked)
	s.obj = container.NewVScroll(container.NewVBox(
		s.badge.obj,
		s.expiry,
		s.message,
		details,
		container.NewBorder(nil, nil, nil, s.checkBtn, s.checked),
		widget.NewSeparator(),
		s.copyBox,
		s.deadNote,
		s.signedOut,
		s.busy,
		widget.NewSeparator(),
		container.NewHBox(s.revokeBtn, s.regenBtn)))
	return s
}

func (s *tokenScreen) object() fyne.CanvasObject { return s.obj }

func (s *tokenScreen) update(v view) {
	st, now := v.st, v.now
	s.badge.set(st.State)
	s.expiry.SetText(expiryLine(st, now))
	msg := st.Message
	if msg == "" && st.State == companion.StateUnknown {
		msg = "The platform could not be reached to check this token; the dates are what the token itself says."
	}
	s.message.SetText(msg)
	setVisible(s.message, msg != "")
	s.account.SetText(accountLine(st))
	s.platform.SetText(platformName(st))
	s.issued.SetText(date(st.IssuedAt, now))
	if st.IssuedAt.IsZero() {
		s.issued.SetText("—")
	}
	s.masked.SetText(st.Masked)
	s.checked.SetText(checkedLine(st, now))
	if v.checking {
		s.checked.SetText("Checking with the platform…")
	}

	usable := usableState(st.State)
	free := v.doing == idle
	setVisible(s.copyBox, usable)
	setVisible(s.deadNote, !usable)
	setVisible(s.signedOut, !st.SignedIn)
	s.busyText.SetText(activityWords(v.doing))
	setVisible(s.busy, !free)
	s.busyBar.run(!free)
	setEnabled(s.copyBtn, !v.copying)
	setEnabled(s.formatsBtn, !v.copying)
	setEnabled(s.checkBtn, !v.checking)
	// A token brought in from the web app is revoked there, signed in or
	// not, and a new one comes from there too (bringtoken.go).
	setEnabled(s.revokeBtn, free && (st.SignedIn || st.BroughtIn))
	setEnabled(s.regenBtn, free && st.SignedIn)
	setVisible(s.regenBtn, !st.BroughtIn)
	if usable {
		s.regenBtn.SetText("Revoke and generate new…")
		s.regenBtn.Importance = widget.MediumImportance
	} else {
		s.regenBtn.SetText("Generate a new token…")
		s.regenBtn.Importance = widget.HighImportance
	}
	s.regenBtn.Refresh()
}

// usableState: the token can be handed out (it works, or probably does).
func usableState(s companion.State) bool {
	return s == companion.StateValid || s == companion.StateExpiring || s == companion.StateUnknown
}

func (s *tokenScreen) focus() {
	if s.copyBox.Visible() {
		s.focusOn(s.copyBtn)
	} else {
		s.focusOn(s.regenBtn)
	}
}

// enter copies for Power Automate: the card's default action.
func (s *tokenScreen) enter() {
	if s.copyBox.Visible() {
		s.act.copy(companion.FormatBearer)
	} else {
		s.act.regenerate()
	}
}

func (s *tokenScreen) back() bool { return false }

func (s *tokenScreen) left() { s.busyBar.run(false) }

// showFormats offers the other ways of handing out the token.
func (s *tokenScreen) showFormats() {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Token only", func() { s.act.copy(companion.FormatToken) }),
		fyne.NewMenuItem("Authorization line (Authorization: Bearer …)", func() { s.act.copy(companion.FormatHeader) }),
		fyne.NewMenuItem("Headers as JSON", func() { s.act.copy(companion.FormatPowerAutomate) }),
	)
	widget.ShowPopUpMenuAtRelativePosition(menu, s.canvas, fyne.NewPos(0, s.formatsBtn.Size().Height), s.formatsBtn)
}
