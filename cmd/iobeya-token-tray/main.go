// Command iobeya-token-tray is iObeya Token's tray program: the long-lived
// agent that owns the tray icon and its menu, checks the token now and then,
// copies it for Power Automate, clears the clipboard again and sends the
// notifications. It does not link Fyne, so a day in the tray costs what a
// bare tray icon costs; the window (iobeya-token) is started on demand and
// ends when it is closed. See the README's layout section for which program
// starts which.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/systray"

	"github.com/iobeya-token/iobeya-token/internal/autostart"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/instance"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	background := false
	for _, a := range args {
		switch a {
		case autostart.BackgroundFlag:
			background = true
		default:
			fmt.Fprintf(os.Stderr, "iobeya-token-tray: unknown argument %q. It takes only %s.\n", a, autostart.BackgroundFlag)
			return 2
		}
	}
	a, err := newAgent(background)
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token-tray:", err)
		return 1
	}
	srv, err := instance.Listen(context.Background(), a.handle, instance.WithLog(logf))
	if errors.Is(err, instance.ErrRunning) {
		// One agent per user: ask the running one to open its window,
		// unless this start is the session's autostart.
		if !background {
			openRunning()
		}
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token-tray: could not open the endpoint for the window:", err)
		return 1
	}
	a.srv = srv
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-signals
		a.post(a.quit)
	}()
	go a.loop()
	// Without a tray host the item is simply not shown: the agent goes on
	// with its checks and notifications, and registers if a panel appears
	// later.
	systray.SetTitle(glance.AppName)
	runTray(func() { a.post(a.trayReady) })
	<-a.done
	return 0
}

// openRunning asks the running agent to open the window.
func openRunning() {
	ctx, cancel := context.WithTimeout(context.Background(), instance.DefaultTimeout)
	defer cancel()
	c, err := instance.Dial(ctx, nil)
	if err != nil {
		logf("could not reach the running agent: %v", err)
		return
	}
	defer c.Close()
	if _, err := c.Request(ctx, instance.Message{Kind: instance.KindOpen}); err != nil {
		logf("the running agent did not open the window: %v", err)
	}
}

// logf writes a diagnostic line to stderr (never a token: nothing logged
// here holds one).
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "iobeya-token-tray: %s %s\n", time.Now().Format(time.TimeOnly), fmt.Sprintf(format, args...))
}
