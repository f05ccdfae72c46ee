//go:build !windows && !darwin

package words

import "golang.org/x/text/language"

// systemTag: on Linux and the BSDs the language is the environment's.
func systemTag(getenv func(string) string) language.Tag { return envTag(getenv) }
