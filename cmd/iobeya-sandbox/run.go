package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

const defaultAddr = "127.0.0.1:8080"

// run is the whole command; it returns the exit status: 0 after a clean
// stop, 1 when the platform cannot start, 2 for a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("iobeya-sandbox", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported below, in one plain line
	addr := fs.String("addr", defaultAddr, "listen `address`; only loopback unless --public")
	public := fs.Bool("public", false, "allow a non-loopback --addr")
	ttl := days(sandbox.DefaultTokenTTL)
	fs.Var(&ttl, "token-ttl", "lifetime of personal access tokens: whole days like 90d, or a `duration` like 12h or 2s")
	autoApprove := fs.String("auto-approve", "", "approve sign-ins at once for this demo account (`email`), for automation")
	var latency delay
	fs.Var(&latency, "latency", "`delay` added before every answer, like 250ms")
	var faults faultList
	fs.Var(&faults, "fail", "`endpoint=status[:rate]`: answer that error status to that share of requests, like token=500 or me=503:0.5; repeatable.\nEndpoints: discovery, authorize, token, revoke, jwks, pat.get, pat.create, pat.delete, me")
	state := fs.String("state", "", "keep tokens, sessions and the signing key in this `file` across restarts")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: iobeya-sandbox [flags]\n\nRuns a local demo iObeya platform for iObeya Token.\n\nFlags:\n")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return 0
		}
		return usageError(stderr, err.Error())
	}
	if fs.NArg() > 0 {
		return usageError(stderr, fmt.Sprintf("unexpected argument %q: iobeya-sandbox takes flags only", fs.Arg(0)))
	}

	s, err := sandbox.Start(sandbox.Config{
		Addr:        *addr,
		Public:      *public,
		TokenTTL:    time.Duration(ttl),
		AutoApprove: *autoApprove,
		Latency:     time.Duration(latency),
		Faults:      faults,
		StateFile:   *state,
		Log:         stderr,
	})
	switch {
	case errors.Is(err, sandbox.ErrNotLoopback):
		return usageError(stderr, err.Error()+" (add --public to allow it)")
	case errors.Is(err, sandbox.ErrConfig):
		return usageError(stderr, err.Error())
	case err != nil:
		fmt.Fprintf(stderr, "iobeya-sandbox: %v\n", err)
		return 1
	}

	printHowTo(stdout, s.URL(), *autoApprove, *state, faults)
	<-ctx.Done()
	fmt.Fprintln(stderr, "iobeya-sandbox: stopping")
	if err := s.Close(); err != nil {
		fmt.Fprintf(stderr, "iobeya-sandbox: stopping: %v\n", err)
		return 1
	}
	return 0
}

func usageError(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "iobeya-sandbox: %s\nRun iobeya-sandbox -h to see the flags.\n", msg)
	return 2
}

// printHowTo writes the base URL first (scripts read that line), then how
// to use the platform.
func printHowTo(w io.Writer, url, autoApprove, state string, faults []sandbox.Fault) {
	fmt.Fprintf(w, "iObeya sandbox platform listening on %s\n", url)
	fmt.Fprintln(w, "Demo platform — not a real iObeya platform.")
	fmt.Fprintf(w, "  Point iObeya Token at %s\n", url)
	var accounts []string
	for _, a := range sandbox.DemoAccounts() {
		accounts = append(accounts, fmt.Sprintf("%s (password %s)", a.Email, a.Password))
	}
	fmt.Fprintf(w, "  Sign in as %s.\n", strings.Join(accounts, " or "))
	if autoApprove != "" {
		fmt.Fprintf(w, "  Sign-ins are approved at once for %s.\n", autoApprove)
	}
	fmt.Fprintf(w, "  Discovery: %s/.well-known/oauth-authorization-server\n", url)
	fmt.Fprintf(w, "  API:       %s/v1\n", url)
	if state != "" {
		fmt.Fprintf(w, "  Tokens and sessions are kept in %s.\n", state)
	} else {
		fmt.Fprintln(w, "  Nothing is saved: tokens stop working when it stops (--state FILE keeps them).")
	}
	for _, f := range faults {
		fmt.Fprintf(w, "  Failing %s with %d for %g%% of requests.\n", f.Endpoint, f.Status, f.Rate*100)
	}
	fmt.Fprintln(w, "  Requests are logged to standard error. Stop with Ctrl+C.")
}

// days is a duration flag that also accepts whole days, like 90d.
type days time.Duration

func (d *days) String() string {
	if time.Duration(*d)%(24*time.Hour) == 0 && *d != 0 {
		return strconv.FormatInt(int64(time.Duration(*d)/(24*time.Hour)), 10) + "d"
	}
	return time.Duration(*d).String()
}

func (d *days) Set(s string) error {
	var v time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i <= 0 || i > 100*365 {
			return errors.New("write whole days like 90d, or a duration like 12h or 2s")
		}
		v = time.Duration(i) * 24 * time.Hour
	} else {
		var err error
		if v, err = time.ParseDuration(s); err != nil {
			return errors.New("write whole days like 90d, or a duration like 12h or 2s")
		}
	}
	if v < time.Second {
		return errors.New("a token must live at least one second")
	}
	*d = days(v)
	return nil
}

// delay is a duration flag that cannot be negative.
type delay time.Duration

func (d *delay) String() string { return time.Duration(*d).String() }

func (d *delay) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return errors.New("write a delay like 250ms or 2s")
	}
	*d = delay(v)
	return nil
}

// faultList collects repeated --fail flags.
type faultList []sandbox.Fault

func (l *faultList) String() string {
	var parts []string
	for _, f := range *l {
		parts = append(parts, fmt.Sprintf("%s=%d:%g", f.Endpoint, f.Status, f.Rate))
	}
	return strings.Join(parts, ",")
}

func (l *faultList) Set(s string) error {
	f, err := sandbox.ParseFault(s)
	if err != nil {
		return err
	}
	*l = append(*l, f)
	return nil
}
