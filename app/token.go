package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/words"
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
	renewBtn   *actionButton // the main action once the token expires or is near it
	copyHint   *widget.Label
	clipNote   *widget.Label // the clipboard's countdown
	lastFormat companion.Format
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
		chrome: c, act: act, badge: newBadge(), message: wrapped(""), clipNote: clipNote,
		expiry:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		account:  widget.NewLabel(""),
		platform: widget.NewLabel(""),
		issued:   widget.NewLabel(""),
		masked:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		checked:  widget.NewLabel(""),
		deadNote: wrapped(word(words.AppDeadNote)),
		busyText: widget.NewLabel(""),
		busyBar:  newBusyBar(false),
	}
	s.account.Truncation = fyne.TextTruncateEllipsis
	s.deadNote.Importance = widget.DangerImportance
	s.checkBtn = newButton(c.escape, word(words.AppCheckNow), theme.ViewRefreshIcon(), widget.LowImportance, act.check)
	s.copyBtn = newButton(c.escape, say().FormatLabel(string(companion.FormatBearer)), theme.ContentCopyIcon(), widget.HighImportance, func() {
		act.copy(companion.FormatBearer)
	})
	s.formatsBtn = newButton(c.escape, word(words.AppOtherFormats), theme.MoreHorizontalIcon(), widget.MediumImportance, s.showFormats)
	// The danger colour is kept for the confirmation, where it matters; here
	// it would outshout the copy button.
	s.revokeBtn = newButton(c.escape, word(words.AppRevoke), theme.DeleteIcon(), widget.MediumImportance, act.revoke)
	s.regenBtn = newButton(c.escape, word(words.AppRevokeAndNew), theme.ViewRefreshIcon(), widget.MediumImportance, act.regenerate)
	s.renewBtn = newButton(c.escape, word(words.AppGenerateNew), theme.ContentAddIcon(), widget.HighImportance, act.regenerate)
	signIn := newButton(c.escape, word(words.AppSignInEllipsis), theme.LoginIcon(), widget.MediumImportance, func() { c.goTo(pageSignIn) })
	s.signedOut = container.NewVBox(wrapped(word(words.AppSignedOutOnCard)), container.NewHBox(signIn))
	s.busy = container.NewVBox(s.busyText, s.busyBar)
	s.copyHint = wrapped(pasteHint(companion.FormatBearer))
	s.copyBox = container.NewVBox(
		container.NewHBox(s.copyBtn, s.formatsBtn),
		s.copyHint,
		clipNote)
	details := container.New(layout.NewFormLayout(),
		widget.NewLabel(word(words.AppLabelAccount)), s.account,
		widget.NewLabel(word(words.AppLabelPlatform)), s.platform,
		widget.NewLabel(word(words.AppLabelIssued)), s.issued,
		widget.NewLabel(word(words.AppLabelToken)), s.masked)
	// The state and the main action stay in view at any window size; the
	// details and the other actions scroll under them.
	main := container.NewVBox(
		s.badge.obj,
		s.expiry,
		s.message,
		s.deadNote,
		container.NewHBox(s.renewBtn),
		s.copyBox,
		s.signedOut,
		s.busy)
	more := container.NewVScroll(container.NewVBox(
		widget.NewSeparator(),
		details,
		container.NewBorder(nil, nil, nil, s.checkBtn, s.checked),
		widget.NewSeparator(),
		container.NewHBox(s.revokeBtn, s.regenBtn)))
	s.obj = container.NewBorder(main, nil, nil, nil, more)
	return s
}

func (s *tokenScreen) object() fyne.CanvasObject { return s.obj }

func (s *tokenScreen) update(v view) {
	st, now := v.st, v.now
	s.badge.set(st.State)
	s.expiry.SetText(expiryLine(st, now))
	msg := st.Message
	if msg == "" && st.State == companion.StateUnknown {
		msg = word(words.AppUnknownNote)
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
		s.checked.SetText(word(words.AppCheckingServer))
	}

	usable := usableState(st.State)
	free := v.doing == idle
	setVisible(s.copyBox, usable)
	// The state's own sentence says it already when there is one.
	setVisible(s.deadNote, !usable && msg == "")
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
	setEnabled(s.renewBtn, free && (st.SignedIn || st.BroughtIn))
	renew := renewState(st.State)
	if renew && !s.renewBtn.Visible() && s.canvas.Focused() == s.copyBtn {
		// The main action changed under the keyboard: Enter now renews.
		defer s.focusOn(s.renewBtn)
	}
	setVisible(s.renewBtn, renew)
	setVisible(s.regenBtn, !renew && !st.BroughtIn)
	// The copy button is the main action only while nothing is more urgent.
	imp := widget.HighImportance
	if renew {
		imp = widget.MediumImportance
	}
	if s.copyBtn.Importance != imp {
		s.copyBtn.Importance = imp
		s.copyBtn.Refresh()
	}
}

// renewState: the token no longer works, or soon will not; generating a new
// one is the page's main action.
func renewState(s companion.State) bool {
	return s == companion.StateExpiring || s == companion.StateExpired || s == companion.StateRevoked
}

// copied shows where the format just copied goes.
func (s *tokenScreen) copied(f companion.Format) {
	s.lastFormat = f
	s.copyHint.SetText(pasteHint(f))
}

func (s *tokenScreen) focus() {
	switch {
	case s.renewBtn.Visible():
		s.focusOn(s.renewBtn)
	case s.copyBox.Visible():
		s.focusOn(s.copyBtn)
	default:
		s.focusOn(s.regenBtn)
	}
}

// enter runs the card's default action: a new token when this one has
// expired or nearly, else a copy for Power Automate.
func (s *tokenScreen) enter() {
	switch {
	case s.renewBtn.Visible():
		s.act.regenerate()
	case s.copyBox.Visible():
		s.act.copy(companion.FormatBearer)
	default:
		s.act.regenerate()
	}
}

func (s *tokenScreen) back() bool { return false }

func (s *tokenScreen) left() { s.busyBar.run(false) }

// showFormats offers the other ways of handing out the token.
func (s *tokenScreen) showFormats() {
	item := func(f companion.Format) *fyne.MenuItem {
		return fyne.NewMenuItem(say().FormatLabel(string(f)), func() { s.act.copy(f) })
	}
	menu := fyne.NewMenu("", item(companion.FormatToken), item(companion.FormatHeader), item(companion.FormatPowerAutomate))
	widget.ShowPopUpMenuAtRelativePosition(menu, s.canvas, fyne.NewPos(0, s.formatsBtn.Size().Height), s.formatsBtn)
}

// usableState says whether a token in a state can be copied.
var usableState = glance.UsableState
