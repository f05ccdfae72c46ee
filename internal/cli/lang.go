package cli

import (
	"strings"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// langArg finds --lang (or --lang=, -lang) anywhere before a "--" in args:
// the language has to be known before any flag set is built, since their
// help texts are in it. The flag sets accept the option too, so it can
// stand before or after the command.
func langArg(args []string) (value string, given bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return "", true // the flag set says a value is missing
			}
			i++
			v = args[i]
		}
		value, given = v, true
	}
	return value, given
}

// chooseWords picks the run's language: --lang, then the language stored
// in the settings unless it is "follow the system", then the environment.
func (r *run) chooseWords(args []string) {
	pref, given := langArg(args)
	if given {
		if p, ok := words.Pref(pref); ok {
			r.words = words.ChooseFrom(p, r.io.Env)
			return
		}
		r.badLang = pref
	}
	r.words = words.ChooseFrom(companion.StoredLanguage(r.io.Core.SettingsDir), r.io.Env)
}
