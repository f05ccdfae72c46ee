package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
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
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	offline := fs.Bool("offline", false, "do not ask the platform; read the keychain only")
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
		fmt.Fprintln(r.io.Stdout, statusLine(st, t))
		if st.Message != "" {
			fmt.Fprintln(r.io.Stdout, st.Message)
		}
		if hint := statusHint(st); hint != "" {
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

// statusLine is the one-line human status, e.g.
// "Valid · expires 12 Jun 2027 (in 197 days) · alice@example.com on acme.iobeya.com · checked with the platform just now".
func statusLine(st companion.Status, now time.Time) string {
	if st.PlatformURL == "" {
		return "Not set up · no platform chosen yet"
	}
	who := place(st)
	if st.Account != "" {
		who = st.Account + " on " + place(st)
	}
	parts := []string{stateWord(st.State)}
	if st.State != companion.StateNone {
		switch {
		case st.ExpiresAt.IsZero():
			parts = append(parts, "no expiry date")
		case !st.ExpiresAt.After(now):
			parts = append(parts, fmt.Sprintf("expired %s (%s)", day(st.ExpiresAt), relative(st.ExpiresAt, now)))
		default:
			parts = append(parts, fmt.Sprintf("expires %s (%s)", day(st.ExpiresAt), relative(st.ExpiresAt, now)))
		}
	}
	parts = append(parts, who)
	if !st.SignedIn {
		parts = append(parts, "signed out")
	}
	if st.State != companion.StateNone {
		switch {
		case st.CheckedWithServer:
			parts = append(parts, "checked with the platform "+ago(st.CheckedAt, now))
		case st.State == companion.StateUnknown:
			parts = append(parts, "could not be checked with the platform")
		default:
			parts = append(parts, "not checked with the platform")
		}
	}
	return strings.Join(parts, " · ")
}

// statusHint is the next step a status calls for, on the command line.
func statusHint(st companion.Status) string {
	switch {
	case st.PlatformURL == "":
		return "Sign in first: iobeya-token login --platform acme.iobeya.com (your platform's address)"
	case st.BroughtIn && (st.State == companion.StateExpired || st.State == companion.StateRevoked):
		return "Get a new token in the iObeya web app (avatar menu → Personal access token), then: iobeya-token import"
	case !st.SignedIn && (st.State == companion.StateNone || st.State == companion.StateRevoked || st.State == companion.StateExpired):
		return "Sign in first: iobeya-token login"
	case st.State == companion.StateNone:
		return "Generate one: iobeya-token generate"
	case st.State == companion.StateExpired, st.State == companion.StateRevoked:
		return "Generate a new one: iobeya-token generate --replace"
	case st.State == companion.StateNoAccess:
		return "Ask your iObeya administrator to give your account access to the API; the token itself is fine."
	}
	return ""
}

func stateWord(s companion.State) string {
	switch s {
	case companion.StateNone:
		return "No token"
	case companion.StateValid:
		return "Valid"
	case companion.StateExpiring:
		return "Expiring soon"
	case companion.StateExpired:
		return "Expired"
	case companion.StateRevoked:
		return "Revoked"
	case companion.StateNoAccess:
		return "No API access"
	}
	return "Unknown"
}

// day formats a date the way people read it: "12 Jun 2027", in local time.
func day(t time.Time) string { return t.Local().Format("2 Jan 2006") }

// relative says how far t is from now: "in 197 days", "3 hours ago".
func relative(t, now time.Time) string {
	d := t.Sub(now)
	if d >= 0 {
		return "in " + companion.Until(d)
	}
	return companion.InWords(-d) + " ago"
}

// ago says how long ago t was: "just now", "5 minutes ago".
func ago(t, now time.Time) string {
	if t.IsZero() || now.Sub(t) < time.Minute {
		return "just now"
	}
	return companion.InWords(now.Sub(t)) + " ago"
}

// words says a delay the user chose: "20 seconds", "3 minutes".
func words(d time.Duration) string {
	if d < time.Minute {
		s := int64(d.Round(time.Second) / time.Second)
		if s == 1 {
			return "1 second"
		}
		return fmt.Sprintf("%d seconds", s)
	}
	return companion.InWords(d)
}

// now is the run's clock: the core's when a test set one.
func now(r *run) time.Time {
	if r.io.Core.Now != nil {
		return r.io.Core.Now()
	}
	return time.Now()
}
