package companion

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/token"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// StateAt is the state to show at now for a status decided earlier. The
// core decided st.State at its last check; as time passes without a check,
// a valid token enters the warning window (warnDays; zero or less: never)
// and any token passes its expiry date, which the local clock knows without
// asking the platform. The window, the tray and the command line all ask
// this one function.
func StateAt(st Status, now time.Time, warnDays int) State {
	return token.At(st.State, st.ExpiresAt, now, time.Duration(warnDays)*24*time.Hour)
}

// Facts is what the words of a status need (words.Words' status lines).
func (st Status) Facts() words.Facts {
	return words.Facts{
		State:             st.State,
		Platform:          st.Platform,
		PlatformURL:       st.PlatformURL,
		Demo:              st.Demo,
		SignedIn:          st.SignedIn,
		Account:           st.Account,
		AccountName:       st.AccountName,
		ExpiresAt:         st.ExpiresAt,
		CheckedAt:         st.CheckedAt,
		CheckedWithServer: st.CheckedWithServer,
		BroughtIn:         st.BroughtIn,
	}
}
