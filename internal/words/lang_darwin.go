package words

import (
	"github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"
)

// systemTag: on macOS the language is the first of the user's preferred
// languages (AppleLanguages), read by go-locale as Fyne reads it; a
// program started from a terminal is not told otherwise by LANG.
func systemTag(func(string) string) language.Tag {
	ls, err := locale.GetLocales()
	if err != nil || len(ls) == 0 {
		return language.English
	}
	return Match(tagOf(ls[0]))
}
