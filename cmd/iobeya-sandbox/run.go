package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

const defaultAddr = "127.0.0.1:8080"

// secretEnv holds the confidential client's secret, as an alternative to
// --client-secret-file: never a flag's value, which ps would show.
const secretEnv = "IOBEYA_SANDBOX_CLIENT_SECRET"

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
	fs.Var(&faults, "fail", "`endpoint=status[:rate]`: answer that error status to that share of requests, like token=500 or me=503:0.5; repeatable.\nEndpoints: discovery, authorize, token, revoke, jwks, pat.get, pat.create, pat.delete, me, rooms, boards")
	state := fs.String("state", "", "keep tokens, sessions and the signing key in this `file` across restarts")
	noDiscovery := fs.Bool("no-discovery", false, "serve no discovery document (both well-known addresses answer 404), like a platform offering only the public facts")
	noPATAPI := fs.Bool("no-pat-api", false, "no personal-access-token API (/v1/personal-access-token answers 404); the token web page still works")
	noMe := fs.Bool("no-me", false, "no /v1/me (it answers 404)")
	clientID := fs.String("confidential-client", "", "register a confidential OAuth client with this `id`, as an administrator would; its secret comes from --client-secret-file or "+secretEnv)
	secretFile := fs.String("client-secret-file", "", "read the confidential client's secret from this `file` (its first line)")
	redirectPort := fs.Int("client-redirect-port", 0, "the only loopback `port` the confidential client's redirect may use; 0: any port")
	noPublicClient := fs.Bool("no-public-client", false, "do not know the public client iobeya-token, as a real platform: only the --confidential-client signs in")
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

	secret, err := clientSecret(*clientID, *secretFile, os.Getenv(secretEnv))
	if err != nil {
		return usageError(stderr, err.Error())
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

		NoDiscovery:          *noDiscovery,
		NoPATAPI:             *noPATAPI,
		NoMe:                 *noMe,
		ConfidentialClientID: *clientID,
		ClientSecret:         secret,
		ClientRedirectPort:   *redirectPort,
		NoPublicClient:       *noPublicClient,
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

	printHowTo(stdout, s.URL(), howTo{
		autoApprove: *autoApprove, state: *state, faults: faults, clientID: *clientID, redirectPort: *redirectPort,
		noDiscovery: *noDiscovery, noPATAPI: *noPATAPI, noMe: *noMe, noPublicClient: *noPublicClient,
	})
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

// clientSecret answers the confidential client's secret from the file or
// the environment variable, exactly one of them, and only with a client.
func clientSecret(clientID, file, env string) (string, error) {
	switch {
	case clientID == "" && (file != "" || env != ""):
		return "", fmt.Errorf("a client secret was given (--client-secret-file or %s) without --confidential-client", secretEnv)
	case clientID == "":
		return "", nil
	case file != "" && env != "":
		return "", fmt.Errorf("give the client secret one way: --client-secret-file or %s, not both", secretEnv)
	case file == "" && env == "":
		return "", fmt.Errorf("the confidential client needs a secret: put it in a file for --client-secret-file, or in %s", secretEnv)
	case env != "":
		return env, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("the client secret file could not be read: %v", err)
	}
	secret, _, _ := strings.Cut(string(data), "\n")
	secret = strings.TrimRight(secret, "\r")
	if secret == "" {
		return "", fmt.Errorf("the client secret file %s is empty: write the secret on its first line", file)
	}
	return secret, nil
}

// howTo is what printHowTo tells beyond the URL.
type howTo struct {
	autoApprove, state, clientID string
	redirectPort                 int
	faults                       []sandbox.Fault
	noDiscovery, noPATAPI, noMe  bool
	noPublicClient               bool
}

// printHowTo writes the base URL first (scripts read that line), then how
// to use the platform.
func printHowTo(w io.Writer, url string, h howTo) {
	fmt.Fprintf(w, "iObeya sandbox platform listening on %s\n", url)
	fmt.Fprintln(w, "Demo platform — not a real iObeya platform.")
	fmt.Fprintf(w, "  Point iObeya Token at %s\n", url)
	var accounts []string
	for _, a := range sandbox.DemoAccounts() {
		note := ""
		if !a.APIAccess {
			note = ", no API access"
		}
		accounts = append(accounts, fmt.Sprintf("%s (password %s%s)", a.Email, a.Password, note))
	}
	fmt.Fprintf(w, "  Sign in as %s.\n", strings.Join(accounts, " or "))
	if h.autoApprove != "" {
		fmt.Fprintf(w, "  Sign-ins are approved at once for %s.\n", h.autoApprove)
	}
	if h.noDiscovery {
		fmt.Fprintln(w, "  Discovery: none (--no-discovery)")
	} else {
		fmt.Fprintf(w, "  Discovery: %s/.well-known/oauth-authorization-server\n", url)
	}
	fmt.Fprintf(w, "  OAuth:     %s/s/oauth/authorize and %s/s/oauth/token, scope \"api offline_access\"\n", url, url)
	api := []string{"rooms", "boards"}
	if !h.noMe {
		api = append(api, "me")
	}
	if !h.noPATAPI {
		api = append(api, "personal-access-token")
	}
	fmt.Fprintf(w, "  API:       %s/v1 (%s)\n", url, strings.Join(api, ", "))
	fmt.Fprintf(w, "  Token page: %s/s/personal-access-token\n", url)
	if h.clientID != "" {
		port := "any port"
		if h.redirectPort != 0 {
			port = fmt.Sprintf("port %d", h.redirectPort)
		}
		fmt.Fprintf(w, "  Confidential client %q registered (its secret is not shown), redirect http://127.0.0.1:{%s}/callback.\n", h.clientID, port)
	}
	if h.noPublicClient {
		fmt.Fprintln(w, "  The public client iobeya-token is not known here (--no-public-client).")
	}
	if h.state != "" {
		fmt.Fprintf(w, "  Tokens and sessions are kept in %s.\n", h.state)
	} else {
		fmt.Fprintln(w, "  Nothing is saved: tokens stop working when it stops (--state FILE keeps them).")
	}
	for _, f := range h.faults {
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
