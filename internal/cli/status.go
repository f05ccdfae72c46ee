package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// statusJSON is the output of status --json. Field names are part of the
// command line's contract: they never change once released.
type statusJSON struct {
	Platform          string     `json:"platform"`
	Account           string     `json:"account"`
	State             string     `json:"state"`
	IssuedAt          *time.Time `json:"issuedAt"`
	ExpiresAt         *time.Time `json:"expiresAt"`
	ExpiresInSeconds  *int64     `json:"expiresInSeconds"`
	LastUsedAt        *time.Time `json:"lastUsedAt"`
	CheckedWithServer bool       `json:"checkedWithServer"`
	Message           string     `json:"message"`
}

func runStatus(ctx context.Context, r *run, args []string) int {
	fs := r.flags("status")
	asJSON := fs.Bool("json", false, r.say(words.CLIFlagJSON, nil))
	offline := fs.Bool("offline", false, r.say(words.CLIFlagOffline, nil))
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	open := r.openCore
	if !*offline {
		open = func() (*companion.Core, error) { return r.openOnlineCore(ctx) }
	}
	core, err := open()
	if err != nil {
		return r.fail(err)
	}
	st, err := core.Status(ctx, *offline)
	if err != nil {
		return r.fail(err)
	}
	t := now(r)
	if *asJSON {
		out, _ := json.MarshalIndent(toJSON(st, t), "", "  ")
		fmt.Fprintf(r.io.Stdout, "%s\n", out)
	} else {
		fmt.Fprintln(r.io.Stdout, r.w().CLILine(st.Facts(), t))
		if st.Message != "" {
			fmt.Fprintln(r.io.Stdout, st.Message)
		}
		if hint := r.w().CLIHint(st.Facts()); hint != "" {
			fmt.Fprintln(r.io.Stdout, hint)
		}
	}
	if st.State == companion.StateNone && !st.SignedIn {
		return ExitNoToken
	}
	return stateExit(st)
}

func toJSON(st companion.Status, now time.Time) statusJSON {
	j := statusJSON{
		Platform:          st.Platform,
		Account:           jsonAccount(st.Account),
		State:             string(st.State),
		IssuedAt:          utc(st.IssuedAt),
		ExpiresAt:         utc(st.ExpiresAt),
		LastUsedAt:        utc(st.LastUsed),
		CheckedWithServer: st.CheckedWithServer,
		Message:           st.Message,
	}
	if !st.ExpiresAt.IsZero() {
		n := int64(st.ExpiresAt.Sub(now) / time.Second)
		j.ExpiresInSeconds = &n
	}
	return j
}

// jsonAccount is the account for scripts: empty when the platform did not
// name it.
func jsonAccount(a string) string {
	if a == companion.AccountUnnamed {
		return ""
	}
	return a
}

func utc(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC().Truncate(time.Second)
	return &u
}

// now is the run's clock: the core's when a test set one.
func now(r *run) time.Time {
	if r.io.Core.Now != nil {
		return r.io.Core.Now()
	}
	return time.Now()
}
