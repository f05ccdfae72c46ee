package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/clipwatch"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// bringCore is what bringing a token in from the web app uses of the core.
// The real core has it; a core without it (the screens' fakes) offers no
// "Get a token from the iObeya web app".
type bringCore interface {
	OpenTokenPage() (direct bool, err error)
	Import(ctx context.Context, raw string) (companion.Status, error)
	WatchClipboard(ctx context.Context, cb clipwatch.Clipboard, picked func()) (companion.Status, error)
	ConfirmRevokedOnWeb(ctx context.Context) error
	// ReloadSettings reads the settings the tray program wrote when it
	// kept a token its clipboard watch picked up.
	ReloadSettings() error
}

// fyneClipboard is the app's clipboard for the watch, which runs off the
// UI goroutine: Fyne's clipboard is used on the UI goroutine only.
type fyneClipboard struct{ cb fyne.Clipboard }

func (f fyneClipboard) Read(context.Context) (string, error) {
	var s string
	fyne.DoAndWait(func() { s = f.cb.Content() })
	return s, nil
}

func (f fyneClipboard) Write(_ context.Context, text string) error {
	fyne.DoAndWait(func() { f.cb.SetContent(text) })
	return nil
}

// bringDialog opens the platform's token page, watches the clipboard for
// the token the user copies there (only after they asked, for two
// minutes), and offers a paste box too.
type bringDialog struct {
	work    *worker
	clip    fyne.Clipboard
	kept    func(companion.Status) // a token was brought in: show it
	core    bringCore
	agent   AgentWatch       // the tray program's watch; nil: watch here
	reports chan watchResult // the outcome of the tray program's watch
	dlg     *modal
	open    *actionButton
	paste   *widget.Entry
	keep    *actionButton
	note    *widget.Label
	cancel  func() // the user stops the watch (cause errWatchStopped)
	closed  bool
}

// showBringToken opens the dialog, when the core can bring tokens in.
func (u *UI) showBringToken() {
	bc, ok := u.core.(bringCore)
	if !ok || u.dialog != nil {
		return
	}
	d := &bringDialog{work: u.work, clip: u.clipboard(), core: bc, agent: u.deps.Watch,
		reports: make(chan watchResult, 1), paste: widget.NewPasswordEntry(), note: wrapped("")}
	d.kept = func(st companion.Status) {
		u.userChanged() // the tray program reads it again too
		u.settings = u.core.Settings()
		if st.Platform == "" {
			// Kept by the tray program, which checked it with the
			// platform: so does the window, to say so.
			u.render()
			u.reload(true)
			return
		}
		u.afterChange(st)
	}
	d.open = newButton(u.escape, word(words.AppBringOpen), theme.ComputerIcon(), widget.HighImportance, d.onOpen)
	d.keep = newButton(u.escape, word(words.AppBringKeep), theme.ConfirmIcon(), widget.MediumImportance, d.onKeep)
	d.paste.OnSubmitted = func(string) { d.onKeep() }
	d.note.Hide()
	body := container.NewVBox(wrapped(word(words.AppBringIntro)), container.NewHBox(d.open), d.note,
		widget.NewLabel(word(words.AppBringPasteLabel)), d.paste, container.NewHBox(d.keep))
	closeBtn := newButton(u.escape, word(words.AppClose), theme.CancelIcon(), widget.LowImportance, d.Dismiss)
	d.dlg = newModal(u.win, word(words.AppBringTitle), body, closeBtn)
	d.dlg.onClosed = func() {
		d.stopWatch()
		if u.dialog == d {
			u.dialog = nil
		}
	}
	u.dialog = d
	d.dlg.Show()
	u.win.Canvas().Focus(d.open)
}

// Dismiss closes the dialog and stops the watch.
func (d *bringDialog) Dismiss() {
	if d.closed {
		return
	}
	d.closed = true
	d.stopWatch()
	d.dlg.Hide()
}

func (d *bringDialog) stopWatch() {
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
}

func (d *bringDialog) say(text string, imp widget.Importance) {
	d.note.Importance = imp
	d.note.SetText(text)
	d.note.Show()
}

// onOpen opens the web app and starts the two-minute watch.
func (d *bringDialog) onOpen() {
	direct, err := d.core.OpenTokenPage()
	if err != nil {
		p := companion.ExplainIn(say(), err)
		d.say(p.Message+" "+p.NextStep, widget.DangerImportance)
		return
	}
	text := word(words.AppBringWatching)
	if !direct {
		text = word(words.CLITokenPageSteps) + " " + text
	}
	d.say(text, widget.MediumImportance)
	if d.cancel != nil {
		return // already watching
	}
	ctx, cancel := context.WithCancelCause(d.work.ctx)
	d.cancel = func() { cancel(errWatchStopped) }
	select {
	case <-d.reports: // an outcome of an earlier watch, too late
	default:
	}
	start(d.work, ctx, func() { cancel(nil) }, d.watch, d.done)
}

// watch runs the two-minute watch in the tray program when there is one
// that can, else here: off the UI goroutine.
func (d *bringDialog) watch(ctx context.Context) (companion.Status, error) {
	if d.agent != nil {
		st, err := d.viaAgent(ctx)
		if !errors.Is(err, errAgentCannot) {
			return st, err
		}
	}
	picked := func() { fyne.Do(func() { d.say(word(words.AppBringChecking), widget.MediumImportance) }) }
	return d.core.WatchClipboard(ctx, fyneClipboard{cb: d.clip}, picked)
}

// onKeep brings in what was pasted.
func (d *bringDialog) onKeep() {
	raw := d.paste.Text
	if raw == "" {
		return
	}
	d.stopWatch()
	d.say(word(words.AppBringChecking), widget.MediumImportance)
	setEnabled(d.keep, false)
	run(d.work, func(ctx context.Context) (companion.Status, error) {
		return d.core.Import(ctx, raw)
	}, d.done)
}

func (d *bringDialog) done(st companion.Status, err error) {
	setEnabled(d.keep, true)
	switch {
	case errors.Is(err, context.Canceled):
		return // closed, or the paste box took over
	case err != nil:
		d.cancel = nil
		var told reportedProblem
		if errors.As(err, &told) {
			d.say(told.text, widget.DangerImportance)
			return
		}
		p := companion.ExplainIn(say(), err)
		d.say(p.Message+" "+p.NextStep, widget.DangerImportance)
		return
	}
	d.cancel = nil
	d.paste.SetText("")
	d.Dismiss()
	d.kept(st)
}

// askRevokeOnWeb is revoke for a token brought in from the web app: the
// user revokes it there; the copy here goes only once the platform refuses
// it, after a confirmation.
func (u *UI) askRevokeOnWeb(bc bringCore) {
	if u.dialog != nil || u.doing != idle {
		return
	}
	_, _ = bc.OpenTokenPage()
	then := word(words.AppRevokeWebThen)
	u.confirm(word(words.AppRevokeWebTitle), []string{word(words.AppRevokeWebIntro), then}, word(words.AppRevokeWebDone), false, func() {
		u.confirm(word(words.AppRevokeWebConfirm), []string{then}, word(words.AppRemove), true, func() {
			u.doing = revoking
			u.render()
			run(u.work, func(ctx context.Context) (struct{}, error) {
				return struct{}{}, bc.ConfirmRevokedOnWeb(ctx)
			}, func(_ struct{}, err error) {
				u.doing = idle
				if err != nil {
					u.problem.showError(err)
					u.render()
					return
				}
				u.arb.changed()
				u.clip.clearIfOurs()
				u.problem.showNotice(word(words.AppRevokedNotice), word(words.AppRevokedNext))
				u.reload(false)
			})
		})
	})
}

// offerBring adds "Get a token from the iObeya web app…" to a page that
// has a token to get, when the core can bring tokens in. The button goes at
// the end of the page's column (each page is a scroll around a VBox).
func (u *UI) offerBring(s interface{ object() fyne.CanvasObject }) *actionButton {
	if _, ok := u.core.(bringCore); !ok {
		return nil
	}
	scroll, ok := s.object().(*container.Scroll)
	if !ok {
		return nil
	}
	box, ok := scroll.Content.(*fyne.Container)
	if !ok {
		return nil
	}
	b := newButton(u.escape, word(words.AppBringButton), theme.DownloadIcon(), widget.MediumImportance, u.showBringToken)
	box.Add(container.NewHBox(b))
	if nt, ok := s.(*noTokenScreen); ok {
		nt.bring = b
		b.Hide()
	}
	return b
}

// The real core has what bringing a token in needs: a signature drift would
// otherwise hide the feature without a word.
var _ bringCore = (*companion.Core)(nil)
