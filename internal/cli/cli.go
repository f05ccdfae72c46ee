// Package cli is iobeya-token's command line: login, logout, generate,
// status, header, copy, revoke, doctor. It is a thin front end over
// internal/companion, which enforces every rule about tokens; this package
// only parses arguments, asks for confirmation on a terminal and prints.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// Exit codes, documented in the help text and README.
const (
	ExitOK      = 0 // done
	ExitError   = 1 // something went wrong; the message says what to do
	ExitUsage   = 2 // the command line is wrong
	ExitNoToken = 3 // no token yet, or not signed in
	ExitExpired = 4 // the token has expired or was revoked
	// ExitNoAccess: the token works but has no access to the API (403).
	// Not 4: a new token would not help, only the administrator can.
	ExitNoAccess = 5
)

// IO is what one run of the command line talks to. Std returns the real
// one; tests fill in buffers and fakes.
type IO struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// IsTerminal is true when standard input and output are both a
	// terminal: only then are questions asked, and does header end its
	// output with a line break.
	IsTerminal bool
	Env        func(string) string // nil: os.Getenv
	Version    string              // what `version` prints; empty: the stamped internal/version

	// Core is the base configuration of the core. The zero value is the
	// real thing (system keychain, settings under the user's config
	// directory, the default browser); --verbose sets its Log.
	Core companion.Config
	// Clipboard is used by copy; nil picks the system's clipboard program.
	Clipboard Clipboard
	// After waits before copy clears the clipboard; nil is time.After.
	After func(time.Duration) <-chan time.Time
	// StartDemo serves the built-in demo platform (or finds it served by
	// another iObeya Token process) and returns its address and how to stop
	// it. settingsDir is where the demo platform keeps its state. Nil: the
	// demo platform is not available.
	StartDemo func(ctx context.Context, settingsDir string) (url string, stop func() error, err error)
}

// DemoAddress is what users type to choose the built-in demo platform.
const DemoAddress = "demo"

// Std returns the IO of a real process: the standard streams, the
// environment and the default core configuration.
func Std(version string) IO {
	return IO{
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		IsTerminal: isTerminal(os.Stdin) && isTerminal(os.Stdout),
		Env:        os.Getenv,
		Version:    version,
	}
}

// isTerminal reports whether f is a terminal or a console. Being a
// character device is not enough: /dev/null is one too.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// run is the state of one command-line run.
type run struct {
	io       IO
	verbose  bool
	words    *words.Words // the run's language (chooseWords)
	badLang  string       // a --lang the catalogue does not speak
	core     *companion.Core
	stopDemo func() error // set once this run serves the demo platform
}

// command is one subcommand.
type command struct {
	name    string
	args    *words.Message // synopsis of the options; nil: none
	summary *words.Message
	exec    func(ctx context.Context, r *run, args []string) int
}

// commands in the order help lists them.
var commands []command

func init() {
	// Set in init: the help command prints this very table.
	commands = []command{
		{"login", words.CLIArgsLogin, words.CLISummaryLogin, runLogin},
		{"logout", nil, words.CLISummaryLogout, runLogout},
		{"generate", words.CLIArgsGenerate, words.CLISummaryGenerate, runGenerate},
		{"import", nil, words.CLISummaryImport, runImport},
		{"status", words.CLIArgsStatus, words.CLISummaryStatus, runStatus},
		{"header", words.CLIArgsHeader, words.CLISummaryHeader, runHeader},
		{"copy", words.CLIArgsCopy, words.CLISummaryCopy, runCopy},
		{"revoke", words.CLIArgsRevoke, words.CLISummaryRevoke, runRevoke},
		{"doctor", nil, words.CLISummaryDoctor, runDoctor},
		{"version", nil, words.CLISummaryVersion, runVersion},
		{"help", words.CLIArgsHelp, words.CLISummaryHelp, runHelp},
	}
}

// Run runs the command line with args (without the program name) and
// returns the exit code. It never panics on user input and never prints a
// token except where the user asked for it (header, or a new token that
// could not be stored).
func Run(ctx context.Context, args []string, stdio IO) int {
	if stdio.Stdin == nil {
		stdio.Stdin = strings.NewReader("")
	}
	if stdio.Stdout == nil {
		stdio.Stdout = io.Discard
	}
	if stdio.Stderr == nil {
		stdio.Stderr = io.Discard
	}
	if stdio.Env == nil {
		stdio.Env = os.Getenv
	}
	// The verbose log writes to stderr from the HTTP goroutines too.
	stdio.Stdout = &lockedWriter{w: stdio.Stdout}
	stdio.Stderr = &lockedWriter{w: stdio.Stderr}
	r := &run{io: stdio}
	defer r.closeDemo()
	r.chooseWords(args)

	if len(args) > 0 && args[0] == "--version" { // the flag set would refuse it
		args = append([]string{"version"}, args[1:]...)
	}
	// Global options come before the command; --verbose is also accepted
	// after it (every command's flag set knows it).
	global := flag.NewFlagSet("iobeya-token", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.BoolVar(&r.verbose, "verbose", false, "")
	global.BoolVar(&r.verbose, "v", false, "")
	global.String("lang", "", "") // read by chooseWords
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdio.Stdout, r.w())
			return ExitOK
		}
		return r.usageError(nil, "%s", r.flagMessage(err))
	}
	if r.badLang != "" {
		return r.usageError(nil, "%s", r.say(words.CLIBadLang, words.Args{"Lang": strconv.Quote(r.badLang)}))
	}
	rest := global.Args()
	if len(rest) == 0 {
		printUsage(stdio.Stderr, r.w())
		return ExitUsage
	}
	cmd := findCommand(rest[0])
	if cmd == nil {
		return r.usageError(nil, "%s", r.say(words.CLINotACommand, words.Args{"Name": strconv.Quote(rest[0])}))
	}
	return cmd.exec(ctx, r, rest[1:])
}

func findCommand(name string) *command {
	switch name {
	case "-h", "--help":
		name = "help"
	case "--version":
		name = "version"
	}
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// flags returns the flag set of a command, with --verbose and --lang added.
func (r *run) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&r.verbose, "verbose", r.verbose, r.say(words.CLIFlagVerbose, nil))
	fs.String("lang", "", r.say(words.CLIFlagLang, nil)) // read by chooseWords, before any flag set
	return fs
}

// parse parses args into fs. It returns -1 when the command should go on,
// or the exit code to return (help asked, or a usage error printed).
func (r *run) parse(fs *flag.FlagSet, args []string) int {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printCommandUsage(r.io.Stdout, r.w(), fs)
		return ExitOK
	case err != nil:
		return r.usageError(fs, "%s", r.flagMessage(err))
	case fs.NArg() > 0:
		return r.usageError(fs, "%s", r.say(words.CLINoArgument, words.Args{"Command": fs.Name(), "Arg": strconv.Quote(fs.Arg(0))}))
	}
	return -1
}

// usageError prints a usage problem, then how to use the command, and
// returns ExitUsage.
func (r *run) usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(r.io.Stderr, format+"\n", args...)
	if fs != nil {
		printCommandUsage(r.io.Stderr, r.w(), fs)
	} else {
		fmt.Fprintln(r.io.Stderr, r.say(words.CLIRunHelp, nil))
	}
	return ExitUsage
}

// badValue reads the flag package's errors about a value: `invalid value
// "x" for flag -timeout: …` and `invalid boolean value "x" for -yes: …`.
var badValue = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?(-[\w-]+)`)

// flagMessage rewrites the flag package's terse errors as sentences in the
// run's words.
func (r *run) flagMessage(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return r.say(words.CLINoOption, words.Args{"Option": name})
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return r.say(words.CLIOptionNeedsValue, words.Args{"Option": name})
	}
	if m := badValue.FindStringSubmatch(msg); m != nil {
		return r.say(words.CLIBadOptionValue, words.Args{"Value": m[1], "Option": m[2]})
	}
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

// openCore creates the core on first use, with the verbose log if asked.
func (r *run) openCore() (*companion.Core, error) {
	if r.core != nil {
		return r.core, nil
	}
	cfg := r.io.Core
	if r.verbose && cfg.Log == nil {
		cfg.Log = r.io.Stderr
	}
	if cfg.Env == nil {
		cfg.Env = r.io.Env
	}
	if cfg.Words == nil {
		cfg.Words = r.w()
	}
	c, err := companion.New(cfg)
	if err != nil {
		return nil, err
	}
	r.core = c
	return c, nil
}

// openOnlineCore is openCore for commands that talk to the platform: when
// the platform is the built-in demo platform, it is started first.
func (r *run) openOnlineCore(ctx context.Context) (*companion.Core, error) {
	core, err := r.openCore()
	if err != nil {
		return nil, err
	}
	if core.Settings().Demo {
		if _, err := r.startDemo(ctx); err != nil {
			return nil, err
		}
	}
	return core, nil
}

// startDemo serves the demo platform for the rest of this run and returns
// its address.
func (r *run) startDemo(ctx context.Context) (string, error) {
	if r.io.StartDemo == nil {
		return "", errDemoUnavailable
	}
	core, err := r.openCore()
	if err != nil {
		return "", err
	}
	url, stop, err := r.io.StartDemo(ctx, filepath.Dir(core.SettingsPath()))
	if err != nil {
		return "", &demoError{err}
	}
	r.closeDemo()
	r.stopDemo = stop
	return url, nil
}

func (r *run) closeDemo() {
	if r.stopDemo != nil {
		_ = r.stopDemo()
		r.stopDemo = nil
	}
}

// errDemoUnavailable: this build was given no demo platform.
var errDemoUnavailable = errors.New("the demo platform is not available in this program")

// demoError says the demo platform could not be started.
type demoError struct{ err error }

func (e *demoError) Error() string { return "the demo platform could not start: " + e.err.Error() }
func (e *demoError) Unwrap() error { return e.err }

// fail prints err in plain language with one next step, and returns the
// exit code that goes with it. A raw Go error is never printed.
func (r *run) fail(err error) int {
	p := r.explain(err)
	next := p.NextStep
	if step := r.commandStep(err); step != "" {
		next = step
	}
	fmt.Fprintln(r.io.Stderr, p.Message)
	if next != "" {
		fmt.Fprintln(r.io.Stderr, next)
	}
	return exitCode(err)
}

// commandStep is the next step on the command line, for the errors whose
// general next step ("Sign in with your browser") names a button.
func (r *run) commandStep(err error) string {
	switch {
	case errors.Is(err, companion.ErrNotConfigured):
		return r.say(words.CLIStepSetUp, nil)
	case errors.Is(err, companion.ErrNotSignedIn), errors.Is(err, companion.ErrSessionEnded):
		return r.say(words.CLIStepSignIn, nil)
	case errors.Is(err, companion.ErrNoToken):
		return r.say(words.CLIStepGenerate, nil)
	case errors.Is(err, companion.ErrTokenExists):
		return r.say(words.CLIStepRevokeFirst, nil)
	case errors.Is(err, companion.ErrExpired):
		return r.say(words.CLIStepRegenerate, nil)
	case errors.Is(err, companion.ErrDamaged):
		return r.say(words.CLIStepDamaged, nil)
	}
	return ""
}

// exitCode maps an error to the documented exit codes.
func exitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, companion.ErrBadFormat):
		return ExitUsage
	case errors.Is(err, companion.ErrNotConfigured), errors.Is(err, companion.ErrNotSignedIn),
		errors.Is(err, companion.ErrSessionEnded), errors.Is(err, companion.ErrNoToken):
		return ExitNoToken
	case errors.Is(err, companion.ErrExpired):
		return ExitExpired
	}
	return ExitError
}

// stateExit is the exit code of status for a token state.
func stateExit(st companion.Status) int {
	switch st.State {
	case companion.StateValid, companion.StateExpiring:
		return ExitOK
	case companion.StateExpired, companion.StateRevoked:
		return ExitExpired
	case companion.StateNone:
		return ExitNoToken
	case companion.StateNoAccess:
		return ExitNoAccess
	}
	return ExitError
}

// explain is companion.Explain plus the errors of this package.
func (r *run) explain(err error) companion.Problem {
	var ce *clipboardError
	var de *demoError
	var nc *NoClipboardError
	var t words.Trouble
	var args words.Args
	switch {
	case errors.Is(err, errDemoUnavailable):
		t = words.CLIDemoMissing
	case errors.As(err, &de):
		t = words.CLIDemoBusy
	case errors.As(err, &nc):
		t, args = words.CLINoClipboard, words.Args{"Reason": nc.Reason}
	case errors.As(err, &ce):
		t, args = words.CLIClipboardFailed, words.Args{"Reason": ce.err.Error()}
	default:
		return companion.ExplainIn(r.w(), err)
	}
	m, n := r.w().Problem(t, args)
	return companion.Problem{Message: m, NextStep: n}
}

// w is the run's words, in the language chooseWords picked.
func (r *run) w() *words.Words {
	if r.words == nil {
		return words.English()
	}
	return r.words
}

// say is a message of the catalogue in the run's words.
func (r *run) say(m *words.Message, args words.Args) string { return r.w().Say(m, args) }

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
