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
	"github.com/iobeya-token/iobeya-token/internal/words"
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
		secret, err = r.readSecret(r.say(words.CLIPromptClientSecret, words.Args{"ID": id}))
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
	raw, err := r.readSecret(r.say(words.CLIPromptToken, nil))
	if err != nil {
		return r.fail(err)
	}
	if raw == "" {
		return r.usageError(fs, "%s", r.say(words.CLINoTokenOnStdin, nil))
	}
	st, err := core.Import(ctx, raw)
	if err != nil {
		return r.fail(err)
	}
	who := r.w().Place(st.Facts())
	if st.Account != companion.AccountUnnamed && st.Account != "" {
		who = st.Account + " · " + who
	}
	fmt.Fprintln(r.io.Stdout, r.say(words.CLIImported, words.Args{"Who": who}))
	fmt.Fprintln(r.io.Stdout, r.w().CLILine(st.Facts(), now(r)))
	if st.Message != "" {
		fmt.Fprintln(r.io.Stdout, st.Message)
	}
	if st.State != companion.StateNoAccess {
		fmt.Fprintln(r.io.Stdout, r.say(words.CLICopyHint, nil))
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
			fmt.Fprintln(r.io.Stderr, r.say(words.CLIRevokeOnWebFirst, words.Args{"Link": link}))
			return ExitUsage
		}
		if _, err := core.OpenTokenPage(); err != nil {
			fmt.Fprintln(r.io.Stderr, r.say(words.CLIOpenThisPage, words.Args{"Link": link}))
		} else {
			fmt.Fprintln(r.io.Stderr, r.say(words.CLIBrowserOpenOn, words.Args{"Link": link}))
		}
		if !direct {
			fmt.Fprintln(r.io.Stderr, r.say(words.CLITokenPageSteps, nil))
		}
		fmt.Fprintln(r.io.Stderr, r.say(words.CLIRevokeThere, nil))
		if code := r.confirm(false, r.say(words.CLIAskRevokedOnWeb, nil), r.say(words.CLINothingRemoved, nil)); code >= 0 {
			return code
		}
	}
	if err := core.ConfirmRevokedOnWeb(ctx); err != nil {
		return r.fail(err)
	}
	fmt.Fprintln(r.io.Stdout, r.say(words.CLIRevokedOnWeb, words.Args{"Platform": r.w().Place(st.Facts())}))
	return ExitOK
}
