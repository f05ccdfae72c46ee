package app

import (
	"crypto/sha256"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// clipKeeper puts tokens on the clipboard and takes them off again after
// the delay of the settings, showing the countdown. It clears the clipboard
// only while it still holds what was put there: something the user copied
// since is theirs. It remembers a hash of what it put, not the token.
type clipKeeper struct {
	board   func() fyne.Clipboard
	clock   Clock
	delay   func() int // seconds before clearing, from the settings; 0: never
	labels  []*widget.Label
	line    func() string // what the labels say, in the words of the moment; nil: nothing
	current string        // line() as last said
	held    [sha256.Size]byte
	holds   bool
	left    int // seconds until clearing
	stop    func() bool
	gen     int             // bumped by every put, so a late tick of an old countdown is ignored
	passing bool            // "Clipboard cleared." is shown, until it passes
	stateOf companion.State // the state shown when it was said
}

func newClipKeeper(board func() fyne.Clipboard, clock Clock, delay func() int) *clipKeeper {
	return &clipKeeper{board: board, clock: clock, delay: delay}
}

// newLabel returns a label that shows the countdown. It keeps its room
// while empty, so copying does not move the buttons under the mouse.
func (k *clipKeeper) newLabel() *widget.Label {
	l := wrapped(k.current) // a long line ("Copié : les en-têtes en JSON — …") must not widen the window
	l.Importance = widget.SuccessImportance
	k.labels = append(k.labels, l)
	return l
}

// dropLabel forgets a label whose dialog has closed.
func (k *clipKeeper) dropLabel(l *widget.Label) {
	k.labels = slices.DeleteFunc(k.labels, func(o *widget.Label) bool { return o == l })
}

func (k *clipKeeper) say(text string) {
	k.show(func() string { return text })
}

// show makes the labels say line(), which puts it in the words of the
// moment: reword says it again after a change of language.
func (k *clipKeeper) show(line func() string) {
	k.line, k.passing = line, false
	k.reword()
}

// reword says the labels' line again, in the window's language now.
func (k *clipKeeper) reword() {
	k.current = ""
	if k.line != nil {
		k.current = k.line()
	}
	for _, l := range k.labels {
		l.SetText(k.current)
	}
}

// stateShown takes "Clipboard cleared." away at the next change of the
// shown state.
func (k *clipKeeper) stateShown(s companion.State) {
	switch {
	case !k.passing:
	case k.stateOf == "":
		k.stateOf = s
	case k.stateOf != s:
		k.say("")
	}
}

// put copies text and starts the countdown. f names the copy in the
// label ("" for the plain "Copied").
func (k *clipKeeper) put(text string, f companion.Format) {
	k.cancel()
	k.board().SetContent(text)
	delay := k.delay()
	if delay <= 0 {
		k.holds = false
		k.show(func() string { return say().Say(words.AppCopiedNotCleared, words.Args{"Copied": copiedWords(f)}) })
		return
	}
	k.held, k.holds, k.left = sha256.Sum256([]byte(text)), true, delay
	k.tick(f)
}

// copiedWords is "Copied", or "Copied the token only" for another format
// than the usual one.
func copiedWords(f companion.Format) string {
	if what := formatWhat(f); what != "" {
		return say().Say(words.AppCopiedWhat, words.Args{"What": what})
	}
	return word(words.AppCopied)
}

// tick shows the seconds left and wakes once a second until it clears.
func (k *clipKeeper) tick(f companion.Format) {
	if k.left <= 0 {
		k.stop = nil
		if k.clearIfOurs() {
			k.show(func() string { return word(words.AppClipboardCleared) })
			k.passing, k.stateOf = true, ""
			gen := k.gen
			k.stop = k.clock.AfterFunc(noticeLasts, func() {
				fyne.Do(func() {
					if gen == k.gen && k.passing {
						k.say("")
					}
				})
			})
		} else {
			k.say("")
		}
		return
	}
	left := k.left
	k.show(func() string {
		return say().Say(words.AppCopiedClearsIn, words.Args{"Copied": copiedWords(f), "In": seconds(left)})
	})
	gen := k.gen
	k.stop = k.clock.AfterFunc(time.Second, func() {
		fyne.Do(func() {
			if gen != k.gen {
				return
			}
			k.left--
			k.tick(f)
		})
	})
}

// clearIfOurs empties the clipboard if it still holds what was put there,
// and reports whether it did.
func (k *clipKeeper) clearIfOurs() bool {
	if !k.holds {
		return false
	}
	k.holds = false
	cb := k.board()
	if sha256.Sum256([]byte(cb.Content())) != k.held {
		return false
	}
	cb.SetContent("")
	return true
}

func (k *clipKeeper) cancel() {
	k.gen++
	if k.stop != nil {
		k.stop()
		k.stop = nil
	}
}

// quit clears what is still ours as the app ends, and reports whether it
// did.
func (k *clipKeeper) quit() bool {
	k.cancel()
	return k.clearIfOurs()
}

// seconds is a countdown's length, as the tray's notification says it.
func seconds(n int) string { return glance.Seconds(say(), n) }
