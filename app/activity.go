package app

import "github.com/iobeya-token/iobeya-token/internal/words"

// activity is what the app is doing to the token; one thing at a time, so a
// double click never sends a second request.
type activity int

const (
	idle activity = iota
	generating
	regenerating
	revoking
)

// activityWords says what the app is doing, under the progress bar.
func activityWords(a activity) string {
	switch a {
	case generating:
		return word(words.WindowGenerating)
	case regenerating:
		return word(words.WindowRegenerating)
	case revoking:
		return word(words.WindowRevoking)
	}
	return ""
}
