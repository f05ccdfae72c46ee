// Command iobeya-token is iObeya Token: without arguments the desktop app,
// with a command (login, generate, status, copy, …) the command line. Both
// sit on the same core, internal/companion.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/iobeya-token/iobeya-token/app"
	"github.com/iobeya-token/iobeya-token/internal/autostart"
	"github.com/iobeya-token/iobeya-token/internal/cli"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/demo"
	"github.com/iobeya-token/iobeya-token/internal/trayhost"
	"github.com/iobeya-token/iobeya-token/internal/version"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// appID matches FyneApp.toml; plain `go build` does not read that file.
const appID = "io.github.iobeya_token.iobeya_token"

func main() {
	if len(os.Args) == 2 && os.Args[1] == autostart.BackgroundFlag {
		os.Exit(runBackground())
	}
	if len(os.Args) == 2 && os.Args[1] == serveDemoFlag {
		os.Exit(serveDemo())
	}
	if len(os.Args) > 1 {
		os.Exit(runCLI(os.Args[1:]))
	}
	os.Exit(runDesktop())
}

func runCLI(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	io := cli.Std(version.Version)
	d := demo.NewCommand(os.Getenv)
	io.StartDemo, io.Core.HTTPClient = d.Start, d.HTTPClient()
	return cli.Run(ctx, args, io)
}

func runDesktop() int {
	// The language the user chose in Settings, else the system's: for what
	// is said before the window can say it.
	w := words.Choose(companion.StoredLanguage(""))
	if msg := noDisplay(w, os.Getenv); msg != "" {
		fmt.Fprintln(os.Stderr, msg)
		return 1
	}
	// The tray program first: it owns the tray and the one-instance rule.
	// When another window runs, it was raised: this start is done.
	agent, shown := joinAgent()
	if shown {
		return 0
	}
	if agent != nil {
		defer agent.Close()
	}
	// No app icon yet: the main window would decode it as it is made, on
	// the start-up path; app.New sets it, and ShowFatal its window's.
	a := fyneapp.NewWithID(appID)

	dir, err := companion.DefaultSettingsDir()
	if err != nil {
		app.ShowFatal(a, w, companion.ExplainIn(w, err))
		runApp(a, nil)
		return 1
	}
	keeper, err := demo.KeeperFromEnv(dir, os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token:", err, "- using", demo.Addr)
	}
	defer keeper.Close()
	core, err := companion.New(companion.Config{SettingsDir: dir, HTTPClient: keeper.HTTPClient(), Words: w})
	if err != nil {
		// The settings file is damaged or the config folder unusable:
		// say so in a window, since a desktop user sees no terminal.
		app.ShowFatal(a, w, companion.ExplainIn(w, err))
		runApp(a, nil)
		return 1
	}

	if core.Settings().Demo {
		// Only in demo mode: nothing else on the start-up path needs it.
		if _, err := keeper.Start(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "iobeya-token: the demo platform could not start:", err)
		}
	}

	deps := app.Deps{Core: core, StartDemo: keeper.Start, HasTray: trayhost.Present, Autostart: sessionStart{}, Settled: releaseStartupMemory,
		Clipboard: windowClipboard()}
	if agent != nil {
		deps.Agent, deps.Changed, deps.Watch = true, agent.changed, agent
	}
	ui := app.New(a, deps)
	ui.Start()
	if agent != nil {
		go agent.serve(ui)
	}
	// Fyne's clipboard ends with the loop: a copy still counting down is
	// cleared through the system's.
	runApp(a, func() { ui.Stopped(systemClipboard()) })
	return 0
}
