package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

func runGenerate(ctx context.Context, r *run, args []string) int {
	fs := r.flags("generate")
	yes := fs.Bool("yes", false, r.say(words.CLIFlagYes, nil))
	replace := fs.Bool("replace", false, r.say(words.CLIFlagReplace, nil))
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	core, st, err := r.signedInCore(ctx)
	if err != nil {
		return r.fail(err)
	}
	if !*replace && (st.State == companion.StateValid || st.State == companion.StateExpiring) {
		// Say so before asking anything: the platform would refuse anyway.
		return r.fail(companion.ErrTokenExists)
	}
	who := words.Args{"Account": st.Account, "Platform": r.place(st)}
	question := r.say(words.CLIConfirmGenerate, who)
	if *replace {
		question = r.say(words.CLIConfirmReplace, who)
	}
	if code := r.confirm(*yes, question, r.say(words.CLINothingGenerated, nil)); code >= 0 {
		return code
	}

	var gen companion.Generated
	if *replace {
		gen, err = core.Regenerate(ctx, true)
	} else {
		gen, err = core.Generate(ctx, true)
	}
	var notStored *companion.NotStoredError
	if errors.As(err, &notStored) && gen.Unstored != "" {
		// Invariant 3: a new token is never lost. It is shown this once,
		// on standard output only, and written nowhere else.
		r.fail(err)
		fmt.Fprintln(r.io.Stderr, r.say(words.CLIShownOnce, nil))
		fmt.Fprintln(r.io.Stdout, gen.Unstored)
		return ExitError
	}
	if err != nil {
		return r.fail(err)
	}
	s := gen.Status
	fmt.Fprintln(r.io.Stdout, r.say(words.CLIGenerated, words.Args{"Account": s.Account, "Platform": r.place(s)}))
	if !s.ExpiresAt.IsZero() {
		t := now(r)
		fmt.Fprintln(r.io.Stdout, r.say(words.CLIItExpires, words.Args{"Date": r.w().Date(s.ExpiresAt, t), "Relative": r.w().Relative(s.ExpiresAt, t)}))
	}
	if gen.Warning != "" {
		fmt.Fprintln(r.io.Stderr, gen.Warning)
	}
	fmt.Fprintln(r.io.Stdout, r.say(words.CLICopyHint, nil))
	return ExitOK
}

func runRevoke(ctx context.Context, r *run, args []string) int {
	fs := r.flags("revoke")
	yes := fs.Bool("yes", false, r.say(words.CLIFlagYes, nil))
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	if core, err := r.openOnlineCore(ctx); err == nil {
		// A token brought in from the web app is revoked there; no
		// sign-in is needed for that.
		if st, err := core.Status(ctx, true); err == nil && st.BroughtIn && st.State != companion.StateNone {
			return r.revokeOnWeb(ctx, core, st, *yes)
		}
	}
	core, st, err := r.signedInCore(ctx)
	if err != nil {
		return r.fail(err)
	}
	who := words.Args{"Account": st.Account, "Platform": r.place(st)}
	if code := r.confirm(*yes, r.say(words.CLIConfirmRevoke, who), r.say(words.CLINothingRevoked, nil)); code >= 0 {
		return code
	}
	if err := core.Revoke(ctx); err != nil {
		return r.fail(err)
	}
	if st.State == companion.StateNone {
		fmt.Fprintln(r.io.Stdout, r.say(words.CLIRevokedNone, who))
	} else {
		fmt.Fprintln(r.io.Stdout, r.say(words.CLIRevoked, who))
	}
	return ExitOK
}

// place names the platform in a sentence: its host as users know it, or
// "the demo platform".
func (r *run) place(st companion.Status) string { return r.w().Place(st.Facts()) }

// signedInCore opens the core for an action on the token, and returns the
// local status, or why the action cannot run (no platform, not signed in).
func (r *run) signedInCore(ctx context.Context) (*companion.Core, companion.Status, error) {
	core, err := r.openOnlineCore(ctx)
	if err != nil {
		return nil, companion.Status{}, err
	}
	st, err := core.Status(ctx, true)
	if err != nil {
		return nil, st, err
	}
	return core, st, signedIn(st)
}

// signedIn says why an action that needs a session cannot run, or nil.
func signedIn(st companion.Status) error {
	switch {
	case st.PlatformURL == "":
		return companion.ErrNotConfigured
	case !st.SignedIn:
		return companion.ErrNotSignedIn
	}
	return nil
}

// confirm asks question on the terminal unless yes is set. It returns -1
// when confirmed, or the exit code: ExitUsage when there is no terminal to
// ask on, ExitError when the answer is not yes.
func (r *run) confirm(yes bool, question, declined string) int {
	if yes {
		return -1
	}
	if !r.io.IsTerminal {
		fmt.Fprintln(r.io.Stderr, r.say(words.CLINotATerminal, nil))
		return ExitUsage
	}
	fmt.Fprint(r.io.Stderr, r.say(words.CLIAskYesNo, words.Args{"Question": question}))
	line, err := bufio.NewReader(r.io.Stdin).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(r.io.Stderr)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "o", "oui": // either language's yes, whatever the prompt's
		return -1
	}
	fmt.Fprintln(r.io.Stderr, declined)
	return ExitError
}
