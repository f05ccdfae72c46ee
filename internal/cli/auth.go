package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

func runLogin(ctx context.Context, r *run, args []string) int {
	fs := r.flags("login")
	platform := fs.String("platform", "", r.say(words.CLIFlagPlatform, nil))
	noBrowser := fs.Bool("no-browser", false, r.say(words.CLIFlagNoBrowser, nil))
	timeout := fs.Duration("timeout", 3*time.Minute, r.say(words.CLIFlagTimeout, nil))
	clientID := fs.String("client-id", "", r.say(words.CLIFlagClientID, nil))
	secretStdin := fs.Bool("client-secret-stdin", false, r.say(words.CLIFlagSecretStdin, nil))
	redirectPort := fs.Int("redirect-port", 0, r.say(words.CLIFlagRedirectPort, nil))
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	if (*secretStdin || isSet(fs, "redirect-port")) && !isSet(fs, "client-id") {
		return r.usageError(fs, "%s", r.say(words.CLIClientOptions, nil))
	}
	if isSet(fs, "client-id") && strings.TrimSpace(*clientID) == "" {
		return r.usageError(fs, "%s", r.say(words.CLIEmptyClientID, nil))
	}
	if *timeout <= 0 {
		return r.usageError(fs, "%s", r.say(words.CLIBadTimeout, nil))
	}
	if isSet(fs, "platform") && strings.TrimSpace(*platform) == "" {
		// An empty value (a script's unset variable) must not quietly
		// mean "the remembered platform".
		return r.usageError(fs, "%s", r.say(words.CLIEmptyPlatform, nil))
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
		using, err := core.ValidateAddress(*platform)
		if err != nil {
			p := companion.ExplainIn(r.w(), err)
			return r.usageError(fs, "%s\n%s\n%s", p.Message, p.NextStep, r.say(words.CLITryDemo, nil))
		}
		if using != "" {
			fmt.Fprintln(r.io.Stderr, r.say(words.CLIUsing, words.Args{"Host": using}))
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
				fmt.Fprintln(r.io.Stderr, r.say(words.CLIBrowserOpen, words.Args{"Link": link}))
			} else {
				fmt.Fprintln(r.io.Stderr, r.say(words.CLIOpenLink, words.Args{"Link": link}))
			}
			fmt.Fprintln(r.io.Stderr, r.say(words.CLIWaitingSignIn, words.Args{"Delay": r.w().Delay(*timeout)}))
		},
	})
	if err != nil {
		return r.fail(err)
	}
	where := r.w().Place(words.Facts{Platform: acct.Platform, Demo: core.Settings().Demo})
	if acct.Email == companion.AccountUnnamed {
		fmt.Fprintln(r.io.Stdout, r.say(words.CLISignedInUnnamed, words.Args{"Platform": where}))
	} else {
		fmt.Fprintln(r.io.Stdout, r.say(words.CLISignedIn, words.Args{"Account": acct.Email, "Platform": where}))
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
		fmt.Fprintln(r.io.Stdout, r.say(words.CLINotSignedIn, nil))
		return ExitOK
	}
	res, err := core.Logout(ctx)
	if err != nil {
		return r.fail(err)
	}
	fmt.Fprintln(r.io.Stdout, r.say(words.CLISignedOutOf, words.Args{"Platform": r.place(before)}))
	if !res.RevokedOnPlatform {
		fmt.Fprintln(r.io.Stdout, r.say(words.CLISessionLeft, words.Args{"Platform": upperFirst(r.place(before))}))
	}
	if before.State != companion.StateNone {
		fmt.Fprintln(r.io.Stdout, r.say(words.CLITokenStays, nil))
	}
	return ExitOK
}
