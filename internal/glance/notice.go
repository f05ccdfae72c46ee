package glance

import (
	"strconv"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// Kinds of notification. Each is sent once per token, and never twice in a
// day, so a restart or a flapping network does not repeat it.
const (
	NoticeWarning = "warning" // entered the warning window
	NoticeLastDay = "lastday" // less than a day left
	NoticeExpired = "expired"
	NoticeRevoked = "revoked"
	NoticeNoAPI   = "no-api-access" // the token works but has no API access
)

// Notice is a notification to send.
type Notice struct {
	Kind, Title, Body string
}

// NoticeFor is what to say, in w, about a status whose State is the state
// to show; ok is false when it calls for no notification.
func NoticeFor(w *words.Words, st companion.Status, now time.Time) (n Notice, ok bool) {
	switch st.State {
	case companion.StateExpiring:
		lastDay := st.ExpiresAt.Sub(now) <= Day
		n.Kind = NoticeWarning
		if lastDay {
			n.Kind = NoticeLastDay
		}
	case companion.StateExpired:
		n.Kind = NoticeExpired
	case companion.StateRevoked:
		n.Kind = NoticeRevoked
	case companion.StateNoAccess:
		n.Kind = NoticeNoAPI
	default:
		return Notice{}, false
	}
	n.Title, n.Body = w.Notification(st.Facts(), now)
	return n, true
}

// Sent records the last notice of one kind: when, and about which token
// (TokenKey's answer).
type Sent struct {
	At    time.Time `json:"at"`
	Token string    `json:"token"`
}

// Due says whether a notice of a kind about the token with key id is due,
// given the last one of that kind: never twice for one token, never twice
// in a day.
func Due(last Sent, id string, now time.Time) bool {
	if last.Token == id {
		return false
	}
	return last.At.IsZero() || now.Sub(last.At) >= Day
}

// TokenKey tells tokens apart without holding them: the id, or else the
// expiry instant.
func TokenKey(st companion.Status) string {
	if st.TokenID != "" {
		return st.TokenID
	}
	return "exp:" + strconv.FormatInt(st.ExpiresAt.Unix(), 10)
}
