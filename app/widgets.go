package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// actionButton is a button that also answers Enter (Fyne's answers Space
// only) and passes Escape to the app, so the keyboard reaches every action.
type actionButton struct {
	widget.Button
	escape  func()
	focused bool // draws the focus ring
}

// CreateRenderer adds the focus ring to the button's own drawing.
func (b *actionButton) CreateRenderer() fyne.WidgetRenderer {
	return newFocusRing(b.Button.CreateRenderer(), &b.focused, func() fyne.ThemeColorName { return ringOn(b.Importance) })
}

// FocusGained shows the focus ring.
func (b *actionButton) FocusGained() {
	b.focused = true
	b.Button.FocusGained()
}

// FocusLost hides the focus ring.
func (b *actionButton) FocusLost() {
	b.focused = false
	b.Button.FocusLost()
}

// newButton makes a button; escape is what Escape does from it.
func newButton(escape func(), label string, icon fyne.Resource, imp widget.Importance, tapped func()) *actionButton {
	b := &actionButton{escape: escape}
	b.Text, b.Icon, b.Importance, b.OnTapped = label, icon, imp, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey taps on Enter and Return, and hands Escape to the app.
func (b *actionButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		if b.escape != nil {
			b.escape()
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// escEntry is an entry that passes Escape to the app, so Escape leaves a
// page even while typing.
type escEntry struct {
	widget.Entry
	escape func()
}

func newEntry(escape func()) *escEntry {
	e := &escEntry{escape: escape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Escape to the app and the rest to the entry.
func (e *escEntry) TypedKey(ev *fyne.KeyEvent) { passEscape(ev, e.escape, e.Entry.TypedKey) }

// passEscape hands Escape to the app and any other key to the widget's own
// handler.
func passEscape(ev *fyne.KeyEvent, escape func(), own func(*fyne.KeyEvent)) {
	if ev.Name == fyne.KeyEscape {
		escape()
		return
	}
	own(ev)
}

// escCheck and escSelect pass Escape to the app like escEntry.
type escCheck struct {
	widget.Check
	escape  func()
	focused bool // draws the focus ring
}

// CreateRenderer adds the focus ring to the check box's own drawing.
func (c *escCheck) CreateRenderer() fyne.WidgetRenderer {
	return newFocusRing(c.Check.CreateRenderer(), &c.focused, func() fyne.ThemeColorName { return colorNameFocusRing })
}

// FocusGained shows the focus ring.
func (c *escCheck) FocusGained() {
	c.focused = true
	c.Check.FocusGained()
}

// FocusLost hides the focus ring.
func (c *escCheck) FocusLost() {
	c.focused = false
	c.Check.FocusLost()
}

func newCheck(escape func(), label string, changed func(bool)) *escCheck {
	c := &escCheck{escape: escape}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey hands Escape to the app and the rest to the check box.
func (c *escCheck) TypedKey(ev *fyne.KeyEvent) { passEscape(ev, c.escape, c.Check.TypedKey) }

type escSelect struct {
	widget.Select
	escape func()
}

func newSelect(escape func(), changed func(string)) *escSelect {
	s := &escSelect{escape: escape}
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey hands Escape to the app and the rest to the select.
func (s *escSelect) TypedKey(ev *fyne.KeyEvent) { passEscape(ev, s.escape, s.Select.TypedKey) }

func setVisible(o fyne.CanvasObject, v bool) {
	if v {
		o.Show()
	} else {
		o.Hide()
	}
}

func setEnabled(d fyne.Disableable, v bool) {
	if v {
		d.Enable()
	} else {
		d.Disable()
	}
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// problemBox shows a companion.Problem: what happened, in bold, and the next
// step. It is hidden while there is nothing to say, and built the first time
// there is: Fyne lays out hidden content too, and its bold text alone made
// the start-up load the bold fonts before the window could appear.
type problemBox struct {
	obj      *fyne.Container
	icon     *widget.Icon
	message  *widget.Label
	nextStep *widget.Label
	bg       *canvas.Rectangle
	content  fyne.CanvasObject
	hold     *canvas.Rectangle // keeps a faded notice's room
	changed  func()            // called when the box appears or goes, to make room
	notice   bool              // what is shown is news, not a problem
	faded    bool              // news that has passed; its room is kept
	clock    Clock             // nil: news stays until cleared
	stopFade func() bool
	gen      int             // bumped by every show, so a late fade of older news is ignored
	noticeOf companion.State // the state shown with the news; "" until rendered
}

// noticeLasts is how long news stays on screen: time to read two sentences
// at a slow pace. It then fades (see fade) or goes at the next change.
const noticeLasts = 15 * time.Second

var (
	problemColour = color.NRGBA{R: 0xD9, G: 0x30, B: 0x25, A: 0x33}
	noticeColour  = color.NRGBA{R: 0x1A, G: 0x73, B: 0xE8, A: 0x26}
	demoColour    = color.NRGBA{R: 0xF9, G: 0xAB, B: 0x00, A: 0x40}
)

func newProblemBox() *problemBox {
	p := &problemBox{obj: container.NewStack()}
	p.obj.Hide()
	return p
}

func (p *problemBox) build() {
	p.icon = widget.NewIcon(theme.ErrorIcon())
	p.message, p.nextStep = wrapped(""), wrapped("")
	p.message.TextStyle.Bold = true
	p.bg = canvas.NewRectangle(problemColour)
	p.bg.CornerRadius = theme.InputRadiusSize()
	p.hold = canvas.NewRectangle(color.Transparent)
	p.content = container.NewBorder(nil, nil,
		container.NewPadded(p.icon), nil,
		container.NewVBox(p.message, p.nextStep))
	p.obj.Objects = []fyne.CanvasObject{p.hold, p.bg, p.content}
}

// showProblem shows an error; showNotice shows news that is not an error.
func (p *problemBox) showProblem(message, nextStep string) {
	p.show(theme.ErrorIcon(), problemColour, message, nextStep)
	p.notice = false
}

func (p *problemBox) showNotice(message, nextStep string) {
	p.show(theme.InfoIcon(), noticeColour, message, nextStep)
	p.notice = true
	p.noticeOf = ""
	if p.clock == nil {
		return
	}
	gen := p.gen
	p.stopFade = p.clock.AfterFunc(noticeLasts, func() {
		fyne.Do(func() {
			if gen == p.gen {
				p.fade()
			}
		})
	})
}

// fade takes passing news off the screen but keeps its room, so nothing
// moves under the mouse; the room goes at the next change of page or state.
func (p *problemBox) fade() {
	if !p.notice || p.faded || !p.obj.Visible() {
		return
	}
	p.faded = true
	p.hold.SetMinSize(p.obj.Size())
	p.bg.Hide()
	p.content.Hide()
	p.message.SetText("")
	p.nextStep.SetText("")
	if p.changed != nil {
		p.changed()
	}
}

// stateShown ends news at the next change of the shown state: "Your new
// token is ready" does not outlive the token's expiry.
func (p *problemBox) stateShown(s companion.State) {
	switch {
	case !p.notice || !p.obj.Visible():
	case p.noticeOf == "":
		p.noticeOf = s
	case p.noticeOf != s:
		p.clear()
	}
}

// showError puts an error in words; err.Error() is never shown.
func (p *problemBox) showError(err error) {
	pr := companion.ExplainIn(say(), err)
	p.showProblem(pr.Message, pr.NextStep)
}

// clearNotice takes away news once the user moves on; a problem stays
// until it is solved.
func (p *problemBox) clearNotice() {
	if p.notice {
		p.clear()
	}
}

func (p *problemBox) show(icon fyne.Resource, bg color.Color, message, nextStep string) {
	if p.message == nil {
		p.build()
	}
	p.stopFading()
	p.gen++
	p.icon.SetResource(icon)
	p.bg.FillColor = bg
	p.bg.Refresh()
	p.message.SetText(message)
	p.nextStep.SetText(nextStep)
	setVisible(p.nextStep, nextStep != "")
	p.obj.Show()
	if p.changed != nil {
		p.changed()
	}
}

// stopFading cancels a pending fade and gives the box its content back.
func (p *problemBox) stopFading() {
	if p.stopFade != nil {
		p.stopFade()
		p.stopFade = nil
	}
	if p.faded {
		p.faded = false
		p.hold.SetMinSize(fyne.NewSize(0, 0))
		p.bg.Show()
		p.content.Show()
	}
}

func (p *problemBox) clear() {
	p.notice = false
	p.gen++
	if p.message != nil {
		p.stopFading()
		p.message.SetText("")
		p.nextStep.SetText("")
	}
	if p.obj.Visible() {
		p.obj.Hide()
		if p.changed != nil {
			p.changed()
		}
	}
}

// busyBar is an infinite progress bar that animates only while run(true)
// says so. Fyne's own starts its animation whenever it is refreshed after
// being drawn once, seen or not, and the animation then wakes the app every
// frame for as long as the app runs: in a tray app idle all day, that is
// most of its CPU time.
type busyBar struct {
	widget.ProgressBarInfinite
	on bool
}

func newBusyBar(on bool) *busyBar {
	b := &busyBar{on: on}
	b.ExtendBaseWidget(b)
	return b
}

// run starts or stops the animation; the bar's own visibility is the
// caller's, as is that of the box it is in.
func (b *busyBar) run(on bool) {
	b.on = on
	b.Refresh()
}

// Refresh brings the animation back to what run asked, whatever drawing or
// showing the bar did to it.
func (b *busyBar) Refresh() {
	switch {
	case b.on && !b.Running():
		b.ProgressBarInfinite.Start()
	case !b.on && b.Running():
		b.ProgressBarInfinite.Stop()
	default:
		b.BaseWidget.Refresh()
	}
}
