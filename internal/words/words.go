// Package words is the one catalogue of what iObeya Token says to people:
// state names, status lines, relative times, dates, copy formats, errors'
// messages and next steps, confirmations, tray labels and the command line's
// messages. The window, the tray and the command line all word things
// through it, so one state reads the same everywhere. It does not import
// Fyne: the command line and a tray process without Fyne use it too.
//
// Every message has an ID and an English default in code (go-i18n's
// Message); translations are embedded files under locales/, one per
// language, named for its tag (fr.toml), that give other languages' text for
// the same IDs.
package words

import (
	"embed"
	"io/fs"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// locales holds the translation files: locales/fr.toml and so on. English
// needs none: its text is the default of each message.
//
//go:embed locales
var locales embed.FS

// Message is a message of the catalogue: an ID and its English default.
type Message = i18n.Message

// Args are a message's named placeholders: {{.Host}} takes Args{"Host": h}.
type Args map[string]any

// Words says things in one language.
type Words struct {
	tag language.Tag
	loc *i18n.Localizer
}

var (
	bundleOnce sync.Once
	bundle     *i18n.Bundle
	english    *Words
)

// load builds the bundle: the catalogue's English defaults plus every
// embedded translation file.
func load() {
	bundle = i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, _ := fs.Glob(locales, "locales/*.toml")
	for _, f := range files {
		data, err := locales.ReadFile(f)
		if err == nil {
			_, err = bundle.ParseMessageFileBytes(data, f)
		}
		if err != nil {
			// The files are embedded and tested; a broken one is a build mistake.
			panic("words: " + f + ": " + err.Error())
		}
	}
	english = &Words{tag: language.English, loc: i18n.NewLocalizer(bundle, "en")}
}

// New returns the words for a language; a language without a translation
// file, or a message missing from it, falls back to English.
func New(tag language.Tag) *Words {
	bundleOnce.Do(load)
	if tag == language.English {
		return english
	}
	return &Words{tag: tag, loc: i18n.NewLocalizer(bundle, tag.String(), "en")}
}

// English is the words in English, the default language.
func English() *Words { return New(language.English) }

// Tag is the language these words are in.
func (w *Words) Tag() language.Tag { return w.tag }

// used records each message said, for the catalogue test; nil otherwise.
var used func(id string)

// Say puts a message in words with its named placeholders.
func (w *Words) Say(m *i18n.Message, args Args) string {
	return w.localize(m, args, nil)
}

// Count puts a message with plural forms in words for n, which its text
// reads as {{.Count}}.
func (w *Words) Count(m *i18n.Message, n int, args Args) string {
	a := Args{"Count": n}
	for k, v := range args {
		a[k] = v
	}
	return w.localize(m, a, n)
}

func (w *Words) localize(m *i18n.Message, args Args, count any) string {
	if used != nil {
		used(m.ID)
	}
	var data any
	if args != nil {
		data = map[string]any(args)
	}
	s, err := w.loc.Localize(&i18n.LocalizeConfig{DefaultMessage: m, TemplateData: data, PluralCount: count})
	if err != nil {
		// A translation that does not parse: say it in English rather than nothing.
		s, _ = english.loc.Localize(&i18n.LocalizeConfig{DefaultMessage: m, TemplateData: data, PluralCount: count})
	}
	return s
}

// catalogue is every message, in the order they are declared.
var catalogue []*i18n.Message

// msg declares a message with one form.
func msg(id, other string) *i18n.Message {
	m := &i18n.Message{ID: id, Other: other}
	catalogue = append(catalogue, m)
	return m
}

// plural declares a message with a singular and a plural form.
func plural(id, one, other string) *i18n.Message {
	m := &i18n.Message{ID: id, One: one, Other: other}
	catalogue = append(catalogue, m)
	return m
}

// Catalogue returns every message of the catalogue, for tools and tests.
func Catalogue() []*i18n.Message {
	return append([]*i18n.Message(nil), catalogue...)
}

// join puts the parts of a one-line summary together: "Valid · expires in 3 days".
func join(parts ...string) string {
	kept := parts[:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " · ")
}
