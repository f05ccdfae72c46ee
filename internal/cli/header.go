package cli

import (
	"context"
	"crypto/subtle"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// formatFlag adds --format to fs and returns the parsed value's holder.
func (r *run) formatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", string(companion.FormatBearer), r.say(words.CLIFlagFormat, words.Args{"Formats": companion.FormatNamesIn(r.w())}))
}

// parseFormat checks --format; an unknown one is a usage error listing the formats.
func (r *run) parseFormat(fs *flag.FlagSet, s string) (companion.Format, int) {
	f, err := companion.ParseFormat(s)
	if err != nil {
		return "", r.usageError(fs, "%s", r.say(words.CLIBadFormat, words.Args{"Format": strconv.Quote(s), "Formats": companion.FormatNamesIn(r.w())}))
	}
	return f, -1
}

func runHeader(ctx context.Context, r *run, args []string) int {
	fs := r.flags("header")
	format := r.formatFlag(fs)
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	f, code := r.parseFormat(fs, *format)
	if code >= 0 {
		return code
	}
	core, err := r.openCore()
	if err != nil {
		return r.fail(err)
	}
	value, err := core.Header(ctx, f)
	if err != nil {
		return r.fail(err)
	}
	// Exactly the value for pipes and $(…); a line break only for a
	// person reading a terminal.
	io.WriteString(r.io.Stdout, value)
	if r.io.IsTerminal {
		io.WriteString(r.io.Stdout, "\n")
	}
	return ExitOK
}

func runCopy(ctx context.Context, r *run, args []string) int {
	fs := r.flags("copy")
	format := r.formatFlag(fs)
	clearAfter := fs.Duration("clear-after", 0, r.say(words.CLIFlagClearAfter, nil))
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	f, code := r.parseFormat(fs, *format)
	if code >= 0 {
		return code
	}
	if *clearAfter < 0 {
		return r.usageError(fs, "%s", r.say(words.CLIBadDelay, nil))
	}
	core, err := r.openCore()
	if err != nil {
		return r.fail(err)
	}
	delay := *clearAfter
	if !isSet(fs, "clear-after") {
		delay = time.Duration(core.Settings().ClipboardClearSeconds) * time.Second
	}
	cb := r.io.Clipboard
	if cb == nil {
		if cb, err = systemClipboard(r.io.Env); err != nil {
			return r.fail(err)
		}
	}
	value, err := core.Header(ctx, f)
	if err != nil {
		return r.fail(err)
	}
	if err := writeClipboard(ctx, cb, value); err != nil {
		return r.fail(err)
	}
	st, _ := core.Status(ctx, true) // for the masked token in the message only
	fmt.Fprintln(r.io.Stdout, r.say(words.CLICopied, words.Args{"What": r.w().FormatWhat(string(f)), "Masked": st.Masked}))
	if delay == 0 {
		return ExitOK
	}
	fmt.Fprintln(r.io.Stdout, r.say(words.CLIWillClear, words.Args{"Delay": r.w().Delay(delay)}))
	after := r.io.After
	if after == nil {
		after = time.After
	}
	// Ctrl+C during the wait, or closing the terminal (SIGHUP; on Windows
	// os/signal delivers the console's close event as SIGTERM), clears at
	// once rather than leaving the token on the clipboard.
	wait, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	select {
	case <-after(delay):
	case <-wait.Done():
	}
	stop()
	// The wait may have been cut short: clearing gets its own deadline.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), clipboardTimeout)
	defer cancel()
	cleared, err := clearIfUnchanged(cctx, cb, value)
	switch {
	case err != nil:
		return r.fail(err)
	case cleared:
		fmt.Fprintln(r.io.Stdout, r.say(words.CLICleared, nil))
	default:
		fmt.Fprintln(r.io.Stdout, r.say(words.CLILeftAsIs, nil))
	}
	return ExitOK
}

// clipboardTimeout bounds each call to a clipboard program.
const clipboardTimeout = 5 * time.Second

func writeClipboard(ctx context.Context, cb Clipboard, value string) error {
	ctx, cancel := context.WithTimeout(ctx, clipboardTimeout)
	defer cancel()
	if err := cb.Write(ctx, value); err != nil {
		return &clipboardError{err}
	}
	return nil
}

// clearIfUnchanged empties the clipboard only if it still holds value:
// whatever the user copied since is theirs.
func clearIfUnchanged(ctx context.Context, cb Clipboard, value string) (bool, error) {
	cur, err := cb.Read(ctx)
	if err != nil {
		return false, &clipboardError{err}
	}
	if subtle.ConstantTimeCompare([]byte(cur), []byte(value)) != 1 {
		return false, nil
	}
	if err := cb.Write(ctx, ""); err != nil {
		return false, &clipboardError{err}
	}
	return true, nil
}

func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// clipboardError is a failure of the clipboard program.
type clipboardError struct{ err error }

func (e *clipboardError) Error() string { return "the clipboard could not be used: " + e.err.Error() }

func (e *clipboardError) Unwrap() error { return e.err }
