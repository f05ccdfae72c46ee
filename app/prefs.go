package app

// Keys of the fyne Preferences the app keeps: only the memory of which
// notification was sent when, never anything about the token but its id.
const (
	prefNotifiedAt    = "notified.%s.at"    // unix seconds of the last notification of a kind
	prefNotifiedToken = "notified.%s.token" // which token that notification was about
)
