package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

func runLogin(ctx context.Context, r *run, args []string) int {
	fs := r.flags("login")
	platform := fs.String("platform", "", "your platform's `address`, e.g. acme.iobeya.com, or demo for the built-in demo platform (kept for next time)")
	noBrowser := fs.Bool("no-browser", false, "do not open a browser: print the sign-in link and wait")
	timeout := fs.Duration("timeout", 3*time.Minute, "how long to wait for you to sign in")
	clientID := fs.String("client-id", "", "the OAuth client `ID` your iObeya administrator registered (kept for next time; its secret goes to the keychain)")
	secretStdin := fs.Bool("client-secret-stdin", false, "read the OAuth client's secret from standard input (never give it as an argument)")
	redirectPort := fs.Int("redirect-port", 0, "the `port` of the redirect URI your administrator registered (http://127.0.0.1:PORT/callback); 0: any")
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	if (*secretStdin || isSet(fs, "redirect-port")) && !isSet(fs, "client-id") {
		return r.usageError(fs, "--client-secret-stdin and --redirect-port go with --client-id.")
	}
	if isSet(fs, "client-id") && strings.TrimSpace(*clientID) == "" {
		return r.usageError(fs, "The option -client-id is empty. Give the client ID your iObeya administrator registered.")
	}
	if *timeout <= 0 {
		return r.usageError(fs, "The timeout must be positive, like 3m or 90s.")
	}
	if isSet(fs, "platform") && strings.TrimSpace(*platform) == "" {
		// An empty value (a script's unset variable) must not quietly
		// mean "the remembered platform".
		return r.usageError(fs, "The option -platform is empty. Give your platform's address, like acme.iobeya.com, or leave the option out to use the one you used last time.")
	}
	core, err := r.openCore()
	if err != nil {
		return r.fail(err)
	}
	switch {
	case strings.EqualFold(strings.TrimSpace(*platform), DemoAddress):
		url, err := r.startDemo(ctx)
		if err != nil {
			return r.fail(err)
		}
		if err := core.SetPlatform(ctx, url, true); err != nil {
			return r.fail(err)
		}
	case *platform != "":
		if err := core.ValidateAddress(*platform); err != nil {
			p := companion.Explain(err)
			return r.usageError(fs, "%s\n%s\nOr try the built-in demo platform: --platform demo", p.Message, p.NextStep)
		}
		if err := core.SetPlatform(ctx, *platform, false); err != nil {
			return r.fail(err)
		}
	default:
		if _, err := r.openOnlineCore(ctx); err != nil {
			return r.fail(err)
		}
	}
	if core.Settings().Platform == "" {
		return r.fail(companion.ErrNotConfigured)
	}
	if isSet(fs, "client-id") {
		if err := r.setOAuthClient(ctx, core, strings.TrimSpace(*clientID), *secretStdin, *redirectPort); err != nil {
			return r.fail(err)
		}
	}
	acct, err := core.Login(ctx, companion.LoginOptions{
		NoBrowser: *noBrowser,
		Timeout:   *timeout,
		OnURL: func(link string, opened bool) {
			// The link holds no secret (the PKCE verifier never leaves
			// this process), so it can be shown for copying.
			if opened {
				fmt.Fprintf(r.io.Stderr, "Your browser is open to sign in. If it is not, open this link:\n  %s\n", link)
			} else {
				fmt.Fprintf(r.io.Stderr, "Open this link in your browser to sign in:\n  %s\n", link)
			}
			fmt.Fprintf(r.io.Stderr, "Waiting for you to sign in (up to %s)…\n", words(*timeout))
		},
	})
	if err != nil {
		return r.fail(err)
	}
	where := acct.Platform
	if core.Settings().Demo {
		where = "the demo platform"
	}
	if acct.Email == companion.AccountUnnamed {
		fmt.Fprintf(r.io.Stdout, "Signed in on %s (the platform does not say under which name)\n", where)
	} else {
		fmt.Fprintf(r.io.Stdout, "Signed in as %s on %s\n", acct.Email, where)
	}
	return ExitOK
}

// upperFirst starts a sentence with a capital letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func runLogout(ctx context.Context, r *run, args []string) int {
	fs := r.flags("logout")
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	core, err := r.openOnlineCore(ctx)
	if err != nil {
		return r.fail(err)
	}
	before, err := core.Status(ctx, true)
	if err != nil {
		return r.fail(err)
	}
	if !before.SignedIn {
		fmt.Fprintln(r.io.Stdout, "You were not signed in.")
		return ExitOK
	}
	res, err := core.Logout(ctx)
	if err != nil {
		return r.fail(err)
	}
	fmt.Fprintf(r.io.Stdout, "Signed out of %s.\n", place(before))
	if !res.RevokedOnPlatform {
		fmt.Fprintf(r.io.Stdout, "%s could not be reached to end the session there; it ends on its own.\n", upperFirst(place(before)))
	}
	if before.State != companion.StateNone {
		fmt.Fprintln(r.io.Stdout, "Your personal access token stays in the keychain and keeps working.")
	}
	return ExitOK
}
