package app

import (
	"fyne.io/fyne/v2/container"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

// speak makes the window, and Fyne's own widgets in it, speak the language
// of a preference (words.PrefSystem, "en" or "fr"), and returns its words.
func speak(pref string) *words.Words {
	w := words.Choose(pref)
	spoken.Store(w)
	fyneSpeaks(w)
	return w
}

// wordsSetter is the core's way of changing the language of its messages
// (statuses, errors); the real core has it, the screens' fakes need not.
type wordsSetter interface{ SetWords(*words.Words) }

// speakPref makes the window and the core speak the language of pref.
func (u *UI) speakPref(pref string) {
	u.lang = pref
	w := speak(pref)
	if ws, ok := u.core.(wordsSetter); ok {
		ws.SetWords(w)
	}
}

// build makes the window's frame: the header, the problem box and the
// loading page, around the body that holds the current page.
func (u *UI) build() {
	u.top = newHeaderBar(u.escape, func() { u.setPage(pageSettings) })
	u.problem = newProblemBox()
	u.problem.changed = u.relayout
	u.problem.clock = u.clock
	u.loading = newLoadingScreen(u.chrome(), func() {
		u.problem.clear()
		u.reload(false)
	})
	u.current = u.loading
	u.body = container.NewStack(u.loading.object())
	u.win.SetContent(container.NewBorder(
		container.NewVBox(u.top.object(), container.NewPadded(u.problem.obj)),
		nil, nil, nil, container.NewPadded(u.body)))
}

// relanguage follows a change of the language setting: the window is built
// again in the new words, on the page it was on. What was said in the old
// words goes with it: the news and problems shown, a sign-in in progress
// (its page would be rebuilt idle); the status is asked for again in the
// new words (afterUserChange does it).
func (u *UI) relanguage(pref string) {
	u.speakPref(pref)
	if u.signIn != nil {
		u.signIn.stop()
	}
	if l, ok := u.current.(leaver); ok {
		l.left()
	}
	if u.card != nil {
		u.clip.dropLabel(u.card.clipNote)
	}
	u.platform, u.signIn, u.noToken, u.card, u.prefs = nil, nil, nil, nil, nil
	u.clip.reword()
	u.build()
	u.trayKey = "" // the tray's menu is said again
	if u.arb.loaded {
		u.render()
	}
	if u.prefs != nil && u.current == u.prefs {
		u.prefs.focusLanguage()
	}
}

// languageChoices are the settings' language menu: the system's language in
// the current words, then each language in its own ("English", "Français").
func languageChoices() (labels []string, prefs map[string]string) {
	prefs = map[string]string{}
	for _, p := range words.Prefs() {
		l := say().PrefName(p)
		labels = append(labels, l)
		prefs[l] = p
	}
	return labels, prefs
}

// focusLanguage puts the keyboard back on the language menu, where it was
// when the page was built again.
func (s *settingsScreen) focusLanguage() { s.canvas.Focus(s.lang) }
