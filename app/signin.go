package app

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// signInScreen signs in through the browser: idle, then waiting for the
// browser, then either done or failed with a way to try again.
type signInScreen struct {
	chrome
	core      signInCore
	work      *worker
	clock     Clock
	clipboard func() fyne.Clipboard
	onSignIn  func(companion.Settings) // signed in; the settings as they are now
	again     bool                     // on its own page, with the token card behind
	intro     *widget.Label
	signIn    *actionButton
	idle      fyne.CanvasObject
	waitText  *widget.Label
	waiting   fyne.CanvasObject
	waitBar   *busyBar
	cancelBtn *actionButton
	reopen    *actionButton
	copyLink  *actionButton
	timeLeft  *widget.Label
	linkNote  *widget.Label
	failure   *problemBox
	tryAgain  *actionButton
	failed    fyne.CanvasObject
	copyLink2 *actionButton
	backBtns  [2]*actionButton // one for the idle part, one for the failed part

	link      string
	cancel    context.CancelFunc // set while a sign-in runs
	cancelled bool
	reopening bool      // cancelled to start again with the browser
	deadline  time.Time // when the running sign-in gives up
	stopTick  func() bool
	tickGen   int // bumped by every sign-in, so a late tick of an old one is ignored
	obj       fyne.CanvasObject
}

// signInWait is how long a sign-in waits for the browser; the page counts
// it down.
const signInWait = 3 * time.Minute

// signInCore is what the sign-in page uses of the core.
type signInCore interface {
	Login(ctx context.Context, opts companion.LoginOptions) (companion.Account, error)
	Settings() companion.Settings
}

func newSignInScreen(c chrome, core signInCore, work *worker, clock Clock, clipboard func() fyne.Clipboard, onSignIn func(companion.Settings)) *signInScreen {
	s := &signInScreen{chrome: c, core: core, work: work, clock: clock, clipboard: clipboard, onSignIn: onSignIn, intro: wrapped(""), waitText: wrapped(""), timeLeft: widget.NewLabel(""), linkNote: wrapped(""), failure: newProblemBox()}
	s.signIn = newButton(c.escape, word(words.AppSignInButton), theme.LoginIcon(), widget.HighImportance, s.start)
	s.cancelBtn = newButton(c.escape, word(words.AppCancel), theme.CancelIcon(), widget.MediumImportance, s.stop)
	s.copyLink = newButton(c.escape, word(words.AppCopyLink), theme.ContentCopyIcon(), widget.MediumImportance, s.onCopyLink)
	// A closed tab cannot be noticed from here: the way back is always on offer.
	s.reopen = newButton(c.escape, word(words.AppReopenBrowser), theme.ComputerIcon(), widget.MediumImportance, s.onReopen)
	// After a failure the old link is dead: this one starts a new sign-in
	// without the browser and copies its link.
	s.copyLink2 = newButton(c.escape, word(words.AppCopyLink), theme.ContentCopyIcon(), widget.MediumImportance, func() { s.begin(true) })
	s.tryAgain = newButton(c.escape, word(words.AppTryAgain), theme.ViewRefreshIcon(), widget.HighImportance, s.start)
	for i := range s.backBtns {
		s.backBtns[i] = newButton(c.escape, word(words.AppBack), theme.NavigateBackIcon(), widget.LowImportance, func() { s.back() })
	}
	s.idle = container.NewHBox(s.signIn, s.backBtns[0])
	s.waitBar = newBusyBar(false)
	s.waiting = container.NewVBox(s.waitText, s.waitBar, s.timeLeft,
		container.NewHBox(s.reopen, s.copyLink),
		container.NewHBox(s.cancelBtn))
	s.failed = container.NewVBox(s.failure.obj, container.NewHBox(s.tryAgain, s.copyLink2, s.backBtns[1]))
	s.linkNote.Importance = widget.SuccessImportance
	s.obj = container.NewVScroll(container.NewVBox(heading(word(words.AppSignInHeading)), s.intro, s.idle, s.waiting, s.failed, s.linkNote))
	s.waiting.Hide()
	s.failed.Hide()
	s.linkNote.Hide()
	return s
}

func (s *signInScreen) object() fyne.CanvasObject { return s.obj }

func (s *signInScreen) update(v view) {
	st := v.st
	where, who := word(words.AppYourPlatform), word(words.AppYourAccount)
	switch {
	case st.Demo:
		where, who = word(words.AppTheDemoPlatform), word(words.AppOneOfDemoAccount)
	case st.Platform != "":
		where = st.Platform
	}
	text := say().Say(words.AppSignInIntro, words.Args{"Where": where, "Who": who})
	if st.State != companion.StateNone && st.State != "" {
		text = say().Say(words.AppSignInAgain, words.Args{"Where": where})
	}
	s.intro.SetText(text)
	// Back only makes sense when the token card is behind this page.
	s.again = v.page == pageSignIn
	for _, b := range s.backBtns {
		setVisible(b, s.again)
	}
	s.waitBar.run(s.waiting.Visible())
}

func (s *signInScreen) left() { s.waitBar.run(false) }

func (s *signInScreen) focus() {
	switch {
	case s.waiting.Visible():
		s.focusOn(s.cancelBtn)
	case s.failed.Visible():
		s.focusOn(s.tryAgain)
	default:
		s.focusOn(s.signIn)
	}
}

func (s *signInScreen) enter() {
	if !s.waiting.Visible() {
		s.start()
	}
}

func (s *signInScreen) back() bool {
	if s.cancel != nil {
		s.stop()
		return true
	}
	if s.again {
		s.show(s.idle)
		s.goTo(pageAuto)
		return true
	}
	return false
}

// show makes one of the three parts visible.
func (s *signInScreen) show(part fyne.CanvasObject) {
	for _, p := range []fyne.CanvasObject{s.idle, s.waiting, s.failed} {
		setVisible(p, p == part)
	}
	s.waitBar.run(part == s.waiting)
	setVisible(s.linkNote, s.linkNote.Text != "")
	s.relayout()
	s.focus()
}

func (s *signInScreen) start() { s.begin(false) }

// begin signs in; with copyLink it opens no browser and copies the link
// for the user to paste instead.
func (s *signInScreen) begin(copyLink bool) {
	if s.cancel != nil {
		return
	}
	s.link, s.cancelled, s.reopening = "", false, false
	s.linkNote.SetText("")
	s.waitText.SetText(word(words.AppOpeningBrow))
	setEnabled(s.copyLink, false)
	setEnabled(s.reopen, false)
	s.deadline = s.clock.Now().Add(signInWait)
	s.tickGen++
	s.tick(s.tickGen)
	s.show(s.waiting)
	if copyLink {
		s.waitText.SetText(word(words.AppPreparingLink))
	}
	opts := companion.LoginOptions{
		NoBrowser: copyLink,
		Timeout:   signInWait,
		OnURL: func(link string, opened bool) {
			fyne.Do(func() { s.onURL(link, opened && !copyLink, copyLink) })
		},
	}
	ctx, cancel := context.WithCancel(s.work.ctx)
	s.cancel = cancel
	start(s.work, ctx, cancel, func(ctx context.Context) (companion.Settings, error) {
		if _, err := s.core.Login(ctx, opts); err != nil {
			return companion.Settings{}, err
		}
		return s.core.Settings(), nil
	}, s.done)
}

func (s *signInScreen) onURL(link string, opened, copy bool) {
	if s.cancel == nil {
		return
	}
	s.link = link
	setEnabled(s.copyLink, true)
	setEnabled(s.reopen, true)
	switch {
	case copy:
		s.onCopyLink()
		s.waitText.SetText(word(words.AppWaitPaste))
	case opened:
		s.waitText.SetText(word(words.AppWaitBrowser))
	default:
		s.waitText.SetText(word(words.AppNoBrowser))
	}
}

func (s *signInScreen) stop() {
	if s.cancel == nil {
		return
	}
	s.cancelled = true
	s.cancel()
}

// onReopen starts the sign-in again, in a new tab: the old one may have been
// closed, and its link dies with the attempt it belongs to.
func (s *signInScreen) onReopen() {
	if s.cancel == nil {
		return
	}
	s.reopening = true
	s.stop()
}

// tick shows the time left and wakes once a second while the sign-in runs.
func (s *signInScreen) tick(gen int) {
	if gen != s.tickGen {
		return
	}
	left := max(s.deadline.Sub(s.clock.Now()), 0)
	s.timeLeft.SetText(timeLeftWords(left))
	if left == 0 {
		return
	}
	s.stopTick = s.clock.AfterFunc(time.Second, func() { fyne.Do(func() { s.tick(gen) }) })
}

// stopTicking ends the countdown.
func (s *signInScreen) stopTicking() {
	s.tickGen++
	if s.stopTick != nil {
		s.stopTick()
		s.stopTick = nil
	}
}

func (s *signInScreen) done(c companion.Settings, err error) {
	s.cancel = nil
	s.stopTicking()
	switch {
	case s.reopening && errors.Is(err, context.Canceled):
		s.begin(false)
	case err == nil:
		s.link = ""
		s.linkNote.SetText("")
		s.show(s.idle)
		s.onSignIn(c)
	case s.cancelled && errors.Is(err, context.Canceled):
		s.linkNote.SetText("")
		s.show(s.idle)
	default:
		p := companion.ExplainIn(say(), err)
		s.failure.showProblem(p.Message, p.NextStep)
		// The link only helps when the platform was reached and the trouble
		// may have been the browser; not when the keychain failed.
		setVisible(s.copyLink2, s.link != "" && !companion.IsKeychainError(err))
		s.show(s.failed)
	}
}

func (s *signInScreen) onCopyLink() {
	if s.link == "" {
		return
	}
	// The link is not a secret that outlives the sign-in: it is handed to
	// the clipboard as is, without the token's clearing countdown.
	s.clipboard().SetContent(s.link)
	s.linkNote.SetText(word(words.AppLinkCopied))
	s.linkNote.Show()
	s.relayout()
}
