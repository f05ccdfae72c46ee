package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

func runGenerate(ctx context.Context, r *run, args []string) int {
	fs := r.flags("generate")
	yes := fs.Bool("yes", false, "confirm without being asked (needed when not on a terminal)")
	replace := fs.Bool("replace", false, "revoke the current token first, then generate a new one")
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
	question := fmt.Sprintf("Generate a personal access token for %s on %s? It carries all your permissions.", st.Account, place(st))
	if *replace {
		question = fmt.Sprintf("Revoke your current token and generate a new one for %s on %s? Tools using the current token stop working; the new one carries all your permissions.", st.Account, place(st))
	}
	if code := r.confirm(*yes, question, "Nothing was generated."); code >= 0 {
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
		fmt.Fprintln(r.io.Stderr, "Your new token follows; it is shown only this once:")
		fmt.Fprintln(r.io.Stdout, gen.Unstored)
		return ExitError
	}
	if err != nil {
		return r.fail(err)
	}
	s := gen.Status
	fmt.Fprintf(r.io.Stdout, "Generated a personal access token for %s on %s. It is kept in the keychain.\n", s.Account, place(s))
	if !s.ExpiresAt.IsZero() {
		fmt.Fprintf(r.io.Stdout, "It expires %s (%s).\n", day(s.ExpiresAt), relative(s.ExpiresAt, now(r)))
	}
	if gen.Warning != "" {
		fmt.Fprintln(r.io.Stderr, gen.Warning)
	}
	fmt.Fprintln(r.io.Stdout, "Copy it for Power Automate with: iobeya-token copy")
	return ExitOK
}

func runRevoke(ctx context.Context, r *run, args []string) int {
	fs := r.flags("revoke")
	yes := fs.Bool("yes", false, "confirm without being asked (needed when not on a terminal)")
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
	question := fmt.Sprintf("Revoke the personal access token of %s on %s? Tools using it stop working.", st.Account, place(st))
	if code := r.confirm(*yes, question, "Nothing was revoked."); code >= 0 {
		return code
	}
	if err := core.Revoke(ctx); err != nil {
		return r.fail(err)
	}
	if st.State == companion.StateNone {
		fmt.Fprintf(r.io.Stdout, "There was no token in the keychain; %s has no active token for %s now.\n", place(st), st.Account)
	} else {
		fmt.Fprintf(r.io.Stdout, "Revoked the token of %s on %s and removed it from the keychain.\n", st.Account, place(st))
	}
	return ExitOK
}

// place names the platform in a sentence: its host as users know it, or
// "the demo platform".
func place(st companion.Status) string {
	if st.Demo {
		return "the demo platform"
	}
	return st.Platform
}

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
		fmt.Fprintln(r.io.Stderr, "Not confirmed: this is not a terminal, so nothing can be asked.")
		fmt.Fprintln(r.io.Stderr, "Add --yes to confirm.")
		return ExitUsage
	}
	fmt.Fprintf(r.io.Stderr, "%s [y/N] ", question)
	line, err := bufio.NewReader(r.io.Stdin).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(r.io.Stderr)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return -1
	}
	fmt.Fprintln(r.io.Stderr, declined)
	return ExitError
}
