package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/demo"
)

// serveDemoFlag is how the tray program starts this program as the demo
// platform's server: the tray program does not link the platform (it
// would double its size and its memory all day).
const serveDemoFlag = "--serve-demo"

// serveDemo serves the demo platform until standard input ends (the tray
// program that started it ended), then stops. It says "serving" on
// standard output once the platform answers. When another process serves
// it already, it ends at once: the Keeper of each process takes over when
// that one goes.
func serveDemo() int {
	dir, err := companion.DefaultSettingsDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token:", companion.Explain(err).Message)
		return 1
	}
	addr, err := demo.AddrFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token:", err, "- using", demo.Addr)
		addr = demo.Addr
	}
	k := demo.NewKeeper(dir, addr)
	if _, err := k.Start(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: the demo platform could not start:", err)
		return 1
	}
	defer k.Close()
	fmt.Println("serving")
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
}
