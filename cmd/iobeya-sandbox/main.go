// Command iobeya-sandbox runs a local stand-in iObeya platform: sign-in and
// consent pages, the OAuth endpoints, the API facade's rooms and boards, the
// personal-access-token API of docs/platform-api.md and its web page. It is
// for trying iObeya Token and for tests.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
