package app

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
		return "Generating your token…"
	case regenerating:
		return "Revoking the old token and generating a new one…"
	case revoking:
		return "Revoking your token…"
	}
	return ""
}
