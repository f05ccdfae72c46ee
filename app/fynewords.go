package app

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

// fyneOwn are the words Fyne itself looks up in this app: the edit menu of
// a text box (a right click on the address or the paste box) and of a
// selectable label, and Quit, which its tray menu looks for (ours is marked
// IsQuit, so Fyne adds none; it still asks for the word). Fyne looks them up by their English text in its package
// lang, in the language it guessed from the system; it cannot be told which
// language to use.
var fyneOwn = map[string]*words.Message{
	"Cut":        words.AppEditCut,
	"Copy":       words.AppEditCopy,
	"Paste":      words.AppEditPaste,
	"Select all": words.AppEditSelectAll,
	"Undo":       words.AppEditUndo,
	"Redo":       words.AppEditRedo,
	"Quit":       words.AppQuit,
}

// fyneSpeaks makes Fyne's own words follow w. Fyne translates into the
// language of the system it matched; a translation added for the system's
// locale ("en-US", "fr-CA") becomes the one it matches, so ours go there,
// and to English, which Fyne falls back on. Every word Fyne asks for must
// then be in fyneOwn: a missing one is logged as a translation failure
// (the Wine window tests, whose locale is en-US, catch it). Nothing is lost: Fyne
// says nothing else in this window (its stock dialogs, with their OK and
// Cancel, are not used).
func fyneSpeaks(w *words.Words) {
	texts := map[string]string{}
	for id, m := range fyneOwn {
		texts[id] = w.Say(m, nil)
	}
	data, err := json.Marshal(texts)
	if err != nil {
		return // a map of strings always marshals
	}
	system := fyne.Locale(lang.SystemLocale().LanguageString())
	for _, l := range []fyne.Locale{system, "en"} {
		if err := lang.AddTranslationsForLocale(data, l); err != nil {
			fyne.LogError("Fyne's edit menu stays in its own language", err)
		}
	}
}
