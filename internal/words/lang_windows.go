package words

import (
	"github.com/jeandeaual/go-locale"
	"golang.org/x/sys/windows"
	"golang.org/x/text/language"
)

// systemTag: on Windows the language is the user's display language (the
// one Windows itself speaks to them); when it cannot be read, the user's
// locale, as go-locale (Fyne's detection) reads it.
func systemTag(func(string) string) language.Tag {
	if ls, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME); err == nil && len(ls) > 0 {
		return Match(tagOf(ls[0]))
	}
	if l, err := locale.GetLocale(); err == nil {
		return Match(tagOf(l))
	}
	return language.English
}
