package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// maxSecretInput bounds what import and --client-secret-stdin read: a
// token is at most companion's limit, with room for a "Bearer " and
// whitespace.
const maxSecretInput = 512 << 10

// readSecret reads one secret from standard input: without echo after
// prompt on a terminal, else all of it (a pipe or a file). Never from an
// argument: arguments are visible to every user of the machine.
func (r *run) readSecret(prompt string) (string, error) {
	if f, ok := r.io.Stdin.(*os.File); ok && r.io.IsTerminal && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(r.io.Stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(r.io.Stderr)
		return strings.TrimSpace(string(b)), err
	}
	if r.io.IsTerminal {
		// A terminal the tests simulate: one line.
		fmt.Fprint(r.io.Stderr, prompt)
		line, err := bufio.NewReader(io.LimitReader(r.io.Stdin, maxSecretInput)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		return strings.TrimSpace(line), nil
	}
	b, err := io.ReadAll(io.LimitReader(r.io.Stdin, maxSecretInput+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxSecretInput {
		return "", errTooMuchInput
	}
	return strings.TrimSpace(string(b)), nil
}

var errTooMuchInput = errors.New("standard input holds more than a token")

// setOAuthClient applies login's --client-id: the secret comes from
// standard input (--client-secret-stdin) or, on a terminal, from a prompt
// where an empty answer means none.
func (r *run) setOAuthClient(ctx context.Context, core *companion.Core, id string, fromStdin bool, port int) error {
	var secret string
	var err error
	switch {
	case fromStdin:
		secret, err = r.readSecret("")
	case r.io.IsTerminal:
		secret, err = r.readSecret("Client secret for " + id + " (leave empty if it has none): ")
	}
	if err != nil {
		return err
	}
	return core.SetOAuthClient(ctx, id, client.ClientSecret(secret), port)
}

func runImport(ctx context.Context, r *run, args []string) int {
	fs := r.flags("import")
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	core, err := r.openOnlineCore(ctx)
	if err != nil {
		return r.fail(err)
	}
	if core.Settings().Platform == "" {
		return r.fail(companion.ErrNotConfigured)
	}
	raw, err := r.readSecret("Paste your token from the iObeya web app, then press Enter: ")
	if err != nil {
		return r.fail(err)
	}
	if raw == "" {
		return r.usageError(fs, "No token on standard input. Copy your token in the iObeya web app (avatar menu → Personal access token), then run:\n  iobeya-token import   (and paste it)\nor pipe it in from your password manager.")
	}
	st, err := core.Import(ctx, raw)
	if err != nil {
		return r.fail(err)
	}
	who := place(st)
	if st.Account != companion.AccountUnnamed && st.Account != "" {
		who = st.Account + " on " + place(st)
	}
	fmt.Fprintf(r.io.Stdout, "Kept your token for %s in the keychain.\n", who)
	fmt.Fprintln(r.io.Stdout, statusLine(st, now(r)))
	if st.Message != "" {
		fmt.Fprintln(r.io.Stdout, st.Message)
	}
	if st.State != companion.StateNoAccess {
		fmt.Fprintln(r.io.Stdout, "Copy it for Power Automate with: iobeya-token copy")
	}
	return ExitOK
}

// revokeOnWeb revokes a token brought in from the web app: the user
// revokes it there, then the platform must refuse it before the copy here
// goes.
func (r *run) revokeOnWeb(ctx context.Context, core *companion.Core, st companion.Status, yes bool) int {
	link, direct, err := core.TokenPage()
	if err != nil {
		return r.fail(err)
	}
	if !yes {
		if !r.io.IsTerminal {
			fmt.Fprintln(r.io.Stderr, "This token was brought in from the iObeya web app: revoke it there first, at "+link)
			fmt.Fprintln(r.io.Stderr, "Then run iobeya-token revoke --yes: it checks that the platform refuses the token before removing it here.")
			return ExitUsage
		}
		if _, err := core.OpenTokenPage(); err != nil {
			fmt.Fprintf(r.io.Stderr, "Open this page in your browser: %s\n", link)
		} else {
			fmt.Fprintf(r.io.Stderr, "Your browser is open on %s\n", link)
		}
		if !direct {
			fmt.Fprintln(r.io.Stderr, companion.TokenPageSteps)
		}
		fmt.Fprintln(r.io.Stderr, "Revoke your token there (Revoke this token… then confirm).")
		if code := r.confirm(false, "Have you revoked it in the web app? iObeya Token then checks it and removes its copy", "Nothing was removed."); code >= 0 {
			return code
		}
	}
	if err := core.ConfirmRevokedOnWeb(ctx); err != nil {
		return r.fail(err)
	}
	fmt.Fprintf(r.io.Stdout, "The platform no longer accepts the token; it was removed from the keychain (%s).\n", place(st))
	return ExitOK
}
