package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// printUsage writes the whole help text.
func printUsage(w io.Writer, ws *words.Words) {
	var b strings.Builder
	b.WriteString(ws.Say(words.CLIUsageHeader, nil))
	for _, c := range commands {
		line := "  " + c.name
		if c.args != nil {
			line += " " + ws.Say(c.args, nil)
		}
		if len(line) > 28 {
			fmt.Fprintf(&b, "%s\n  %-28s%s\n", line, "", ws.Say(c.summary, nil))
		} else {
			fmt.Fprintf(&b, "%-30s%s\n", line, ws.Say(c.summary, nil))
		}
	}
	var f strings.Builder
	for _, format := range companion.Formats() {
		fmt.Fprintf(&f, "  %-15s%s\n", format, ws.FormatDescription(string(format)))
	}
	b.WriteString(ws.Say(words.CLIUsageFooter, words.Args{"Formats": f.String()}))
	io.WriteString(w, b.String())
}

// printCommandUsage writes one command's synopsis and options.
func printCommandUsage(w io.Writer, ws *words.Words, fs *flag.FlagSet) {
	c := findCommand(fs.Name())
	if c == nil {
		return
	}
	args := ""
	if c.args != nil {
		args = ws.Say(c.args, nil)
	}
	fmt.Fprintf(w, "%s\n  %s\n", strings.TrimSpace(ws.Say(words.CLICommandUsage, words.Args{"Command": c.name, "Args": args})), ws.Say(c.summary, nil))
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintln(w, ws.Say(words.CLIOptions, nil))
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
		printUsage(r.io.Stdout, r.w())
		return ExitOK
	}
	c := findCommand(args[0])
	if c == nil || c.name == "help" {
		return r.usageError(nil, "%s", r.say(words.CLINotACommand, words.Args{"Name": strconv.Quote(args[0])}))
	}
	// Each command prints its own options on --help.
	return c.exec(context.Background(), r, []string{"--help"})
}
