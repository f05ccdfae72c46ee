package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// usageHeader and usageFooter frame the command list in help.
const usageHeader = `iobeya-token keeps your iObeya personal access token in the system keychain.

Usage:
  iobeya-token                     open the desktop app
  iobeya-token COMMAND [OPTIONS]   use it from the command line

Commands:
`

const usageFooter = `
Formats (header, copy):
%s
Every command also takes --verbose: say what happens on standard error
(tokens, codes and keys are never shown).

header prints exactly the value, with a line break at the end only when the
output is a terminal, so "$(iobeya-token header)" and pipes get the bare value.

Exit codes:
  0  done
  1  something went wrong; the message says what to do next
  2  the command line is wrong
  3  no token yet, or not signed in
  4  the token has expired or was revoked
  5  the token works but has no access to the API (ask your iObeya administrator)

Get started:
  iobeya-token login --platform acme.iobeya.com
  iobeya-token generate
  iobeya-token copy        (then paste into Power Automate's header value)

No account at hand? "--platform demo" uses the built-in demo platform
(sign in as alice@example.com, password demo-alice).
`

// printUsage writes the whole help text.
func printUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString(usageHeader)
	for _, c := range commands {
		line := "  " + c.name
		if c.args != "" {
			line += " " + c.args
		}
		if len(line) > 28 {
			fmt.Fprintf(&b, "%s\n  %-28s%s\n", line, "", c.summary)
		} else {
			fmt.Fprintf(&b, "%-30s%s\n", line, c.summary)
		}
	}
	var f strings.Builder
	for _, format := range companion.Formats() {
		fmt.Fprintf(&f, "  %-15s%s\n", format, format.Describe())
	}
	fmt.Fprintf(&b, usageFooter, f.String())
	io.WriteString(w, b.String())
}

// printCommandUsage writes one command's synopsis and options.
func printCommandUsage(w io.Writer, fs *flag.FlagSet) {
	c := findCommand(fs.Name())
	if c == nil {
		return
	}
	fmt.Fprintf(w, "Usage: iobeya-token %s %s\n  %s\n", c.name, c.args, c.summary)
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintln(w, "Options:")
			first = false
		}
		name, usage := flag.UnquoteUsage(f)
		opt := "--" + f.Name
		if name != "" {
			opt += " " + strings.ToUpper(name)
		}
		fmt.Fprintf(w, "  %-24s%s\n", opt, usage)
	})
}

func runHelp(_ context.Context, r *run, args []string) int {
	if len(args) == 0 {
		printUsage(r.io.Stdout)
		return ExitOK
	}
	c := findCommand(args[0])
	if c == nil || c.name == "help" {
		return r.usageError(nil, "%q is not a command of iobeya-token.", args[0])
	}
	// Each command prints its own options on --help.
	return c.exec(context.Background(), r, []string{"--help"})
}

func runVersion(_ context.Context, r *run, args []string) int {
	fs := r.flags("version")
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	v := r.io.Version
	if v == "" {
		v = "devel"
	}
	fmt.Fprintf(r.io.Stdout, "iobeya-token %s (%s, %s/%s)\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return ExitOK
}
