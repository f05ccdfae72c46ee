package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
)

// windowClipboard is the window's clipboard on Windows: the one the
// command line and the tray program use, which marks each copy so that
// clipboard history (Win+V) and the cloud clipboard leave it out. Fyne's
// own does not.
func windowClipboard() fyne.Clipboard {
	cb, err := clipboard.System(os.Getenv)
	if err != nil {
		return nil
	}
	return markedClipboard{cb}
}

// markedClipboard is a clipboard.Clipboard as Fyne's interface. Each call
// has a deadline: another program may hold the clipboard open.
type markedClipboard struct{ cb clipboard.Clipboard }

// clipboardWithin bounds one call, on the UI goroutine.
const clipboardWithin = 2 * time.Second

func (m markedClipboard) Content() string {
	ctx, cancel := context.WithTimeout(context.Background(), clipboardWithin)
	defer cancel()
	s, err := m.cb.Read(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: reading the clipboard:", err)
	}
	return s
}

func (m markedClipboard) SetContent(text string) {
	ctx, cancel := context.WithTimeout(context.Background(), clipboardWithin)
	defer cancel()
	if err := m.cb.Write(ctx, text); err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: writing the clipboard:", err)
	}
}
