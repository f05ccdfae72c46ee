package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"github.com/iobeya-token/iobeya-token/internal/clipboard"
)

// systemClipboard is the desktop's clipboard as the command line and the
// tray program reach it (on Windows with the marks that keep a copy out of
// clipboard history and the cloud clipboard), as Fyne's interface; nil
// when there is none.
func systemClipboard() fyne.Clipboard {
	cb, err := clipboard.System(os.Getenv)
	if err != nil {
		return nil
	}
	return systemBoard{cb}
}

// systemBoard is a clipboard.Clipboard as Fyne's interface. Each call has a
// deadline: another program may hold the clipboard open.
type systemBoard struct{ cb clipboard.Clipboard }

// clipboardWithin bounds one call, on the UI goroutine.
const clipboardWithin = 2 * time.Second

func (m systemBoard) Content() string {
	ctx, cancel := context.WithTimeout(context.Background(), clipboardWithin)
	defer cancel()
	s, err := m.cb.Read(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: reading the clipboard:", err)
	}
	return s
}

func (m systemBoard) SetContent(text string) {
	ctx, cancel := context.WithTimeout(context.Background(), clipboardWithin)
	defer cancel()
	if err := m.cb.Write(ctx, text); err != nil {
		fmt.Fprintln(os.Stderr, "iobeya-token: writing the clipboard:", err)
	}
}
