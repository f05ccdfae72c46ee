package app

import (
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/version"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// The walk over a French window: every text it shows must be a French
// message of the catalogue, its placeholders filled with data or with
// other French messages, or data itself. An English sentence left on a
// French screen, a message the French file lacks (it falls back to
// English), or a Fyne word in Fyne's own language all fail it.

// catalogueText is a message's text cut at its placeholders: literal parts
// and holes.
type catalogueText []textPart

type textPart struct {
	lit  string
	hole bool
}

// marker stands for a placeholder while a message is said.
const marker = "\x00"

var (
	frenchOnce  sync.Once
	frenchTexts []catalogueText
)

// frenchCatalogue is every message the catalogue says in French, cut at
// its placeholders. A message the French files lack, which would come out
// in English, is left out.
func frenchCatalogue() []catalogueText {
	frenchOnce.Do(func() {
		fr := words.New(language.French)
		name := regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)
		translated := frenchIDs()
		for _, m := range words.Catalogue() {
			if !translated[m.ID] {
				continue
			}
			args := words.Args{}
			for _, p := range name.FindAllStringSubmatch(m.One+m.Other, -1) {
				args[p[1]] = marker
			}
			if m.One == "" {
				frenchTexts = append(frenchTexts, cut(fr.Say(m, args)))
				continue
			}
			for _, n := range []int{1, 2} {
				frenchTexts = append(frenchTexts, cut(fr.Count(m, n, args)))
			}
		}
	})
	return frenchTexts
}

// frenchIDs are the IDs the catalogue's French files translate.
func frenchIDs() map[string]bool {
	files, _ := filepath.Glob("../internal/words/locales/*fr.toml")
	ids := map[string]bool{}
	for _, f := range files {
		var file map[string]any
		if _, err := toml.DecodeFile(f, &file); err != nil {
			panic(f + ": " + err.Error()) // the words tests say more
		}
		for id := range file {
			ids[id] = true
		}
	}
	if len(ids) == 0 {
		panic("no French translation file under ../internal/words/locales")
	}
	return ids
}

// cut cuts a said message at its markers.
func cut(s string) catalogueText {
	var t catalogueText
	for i, lit := range strings.Split(s, marker) {
		if i > 0 {
			t = append(t, textPart{hole: true})
		}
		if lit != "" {
			t = append(t, textPart{lit: lit})
		}
	}
	return t
}

// explainer says whether a text is French from the catalogue or data.
type explainer struct {
	data  map[string]bool
	known map[string]bool // texts already explained
}

// numbers are counts, times and clock readings: "3", "1:30", "2027".
var numbers = regexp.MustCompile(`^[0-9][0-9:.,\s]*$`)

func (e *explainer) explain(s string, depth int) bool {
	if strings.TrimSpace(s) == "" || e.data[s] || e.known[s] || numbers.MatchString(s) {
		return true
	}
	if depth > 4 {
		return false
	}
	// Sentences said one after the other: a problem and its next step.
	for i := strings.Index(s, " "); i > 0; i = nextSpace(s, i) {
		if strings.ContainsAny(s[i-1:i], ".?!:") && e.explain(s[:i], depth+1) && e.explain(s[i+1:], depth+1) {
			e.known[s] = true
			return true
		}
	}
	for _, t := range frenchCatalogue() {
		if len(t) == 1 && t[0].hole {
			continue
		}
		if e.match(t, s, depth) {
			e.known[s] = true
			return true
		}
	}
	return false
}

// nextSpace is the index of the next space in s after i, or -1.
func nextSpace(s string, i int) int {
	j := strings.Index(s[i+1:], " ")
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// match says whether s is t with each hole filled by an explained text.
func (e *explainer) match(t catalogueText, s string, depth int) bool {
	if len(t) == 0 {
		return s == ""
	}
	if !t[0].hole {
		return strings.HasPrefix(s, t[0].lit) && e.match(t[1:], s[len(t[0].lit):], depth)
	}
	if len(t) == 1 {
		return s != "" && e.explain(s, depth+1)
	}
	next := t[1].lit
	for i := 1; i < len(s); i++ {
		if strings.HasPrefix(s[i:], next) && e.explain(s[:i], depth+1) && e.match(t[1:], s[i:], depth) {
			return true
		}
	}
	return false
}

// testData is what the harness's statuses and fakes show that is not
// words: names, addresses, the masked token, the version.
func testData(extra ...string) map[string]bool {
	data := map[string]bool{}
	for _, d := range append([]string{
		appName, "Ada Lovelace", "ada@acme.example", "acme.iobeya.com", "https://acme.iobeya.com",
		"127.0.0.1:47001", "127.0.0.1:47613", "eyJhbGci…Xy12", "—", "••••••••", "iobeya-token", "acme iobeya",
		version.Title(""), client.ContractVersion, filepath.Dir(fakeSettingsPath),
		// Each language named in its own, in the language menu.
		words.English().PrefName(words.PrefEnglish), words.English().PrefName(words.PrefFrench),
	}, extra...) {
		data[d] = true
	}
	return data
}

// visibleTexts is every text the window and its overlays show.
func (h *harness) visibleTexts() []string { return canvasTexts(h.ui.win.Canvas()) }

// canvasTexts is every text a canvas and its overlays show: a label's or
// a button's whole text, an entry's text or else its placeholder, a
// select's choice or else its placeholder, and any other drawn text (menu
// items).
func canvasTexts(c fyne.Canvas) []string {
	var texts []string
	either := func(text, placeholder string) {
		if text == "" {
			text = placeholder
		}
		texts = append(texts, text)
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *actionButton:
			texts = append(texts, v.Text)
		case *widget.Button:
			texts = append(texts, v.Text)
		case *escCheck:
			texts = append(texts, v.Text)
		case *widget.Check:
			texts = append(texts, v.Text)
		case *escSelect:
			either(v.Selected, v.PlaceHolder)
		case *widget.Select:
			either(v.Selected, v.PlaceHolder)
		case *escEntry:
			either(v.Text, v.PlaceHolder)
		case *widget.Entry:
			either(v.Text, v.PlaceHolder)
		case *canvas.Text:
			texts = append(texts, v.Text)
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(v).Objects() {
				walk(k)
			}
		}
	}
	walk(c.Content())
	for _, o := range c.Overlays().List() {
		walk(o)
	}
	return texts
}

// notFrench lists the texts shown that are neither French from the
// catalogue nor data.
func (h *harness) notFrench(extra ...string) []string {
	return notFrench(h.ui.win, testData(extra...))
}

// notFrench lists the texts a window shows, its title included, that are
// neither French from the catalogue nor data.
func notFrench(w fyne.Window, data map[string]bool) []string {
	e := &explainer{data: data, known: map[string]bool{}}
	var bad []string
	for _, s := range canvasTexts(w.Canvas()) {
		if !e.explain(s, 0) {
			bad = append(bad, s)
		}
	}
	if title := w.Title(); !e.explain(title, 0) {
		bad = append(bad, "window title: "+title)
	}
	return bad
}

// assertFrench fails the test on any text not in French (see notFrench),
// and on French too long for the window's width.
func (h *harness) assertFrench(extra ...string) {
	h.t.Helper()
	for _, s := range h.notFrench(extra...) {
		h.t.Errorf("not French on the screen: %q", s)
	}
	h.assertFitsWidth()
}

// TestFrenchWalkCatchesEnglish: the walk fails on an English sentence, an
// English button and a Fyne word left in English, and passes French.
func TestFrenchWalkCatchesEnglish(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid), withLanguage(words.PrefFrench)).start()
	if bad := h.notFrench(); len(bad) != 0 {
		t.Logf("(the French card itself has %d texts not in French: %q)", len(bad), bad)
	}
	for _, english := range []string{"Check now", "Your token expires in 3 days (4 December 2026). Generate a new one soon.", "Select all", "Copié\u00a0: the token only"} {
		l := widget.NewLabel(english)
		h.ui.problem.obj.Add(l)
		h.ui.problem.obj.Show()
		found := false
		for _, s := range h.notFrench() {
			found = found || s == english
		}
		if !found {
			t.Errorf("the walk lets %q pass on a French screen", english)
		}
		h.ui.problem.obj.Remove(l)
	}
}
