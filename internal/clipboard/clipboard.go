// Package clipboard drives the system clipboard, for the command line, the
// tray program (neither links a GUI toolkit) and, on Windows, the window:
// on Windows through user32, marking each copy so that clipboard history
// and the cloud clipboard leave it out; elsewhere through the desktop's
// own programs (xclip, wl-copy, pbcopy).
package clipboard

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Clipboard is the system clipboard as the copy commands need it.
type Clipboard interface {
	// Write puts text on the clipboard; an empty text clears it.
	Write(ctx context.Context, text string) error
	// Read returns what the clipboard holds now.
	Read(ctx context.Context) (string, error)
}

// ErrNoClipboard says no clipboard program was found for this desktop.
// The errors that match it are *NoClipboardError, which say why.
var ErrNoClipboard = errors.New("no clipboard program was found")

// NoClipboardError is ErrNoClipboard with the reason, as a field.
type NoClipboardError struct {
	Reason string // e.g. "install xclip (X11) or wl-clipboard (Wayland)"
}

func (e *NoClipboardError) Error() string { return ErrNoClipboard.Error() + ": " + e.Reason }

// Is makes errors.Is(err, ErrNoClipboard) work.
func (e *NoClipboardError) Is(target error) bool { return target == ErrNoClipboard }

// commandClipboard drives the desktop's clipboard programs (xclip, wl-copy,
// pbcopy). The text always goes through the child's standard input,
// never its arguments, because arguments are visible to every user of the
// machine (ps, /proc).
type commandClipboard struct {
	write []string // program and arguments that read the new content on stdin
	read  []string // program and arguments that print the content on stdout
	// background is true for programs that fork to keep serving the
	// selection (xclip, wl-copy): their stderr must not be a pipe, or
	// waiting for them would last as long as the clipboard holds our text.
	background bool
	// env is the display the programs talk to, as chosen (it may come
	// from IO.Env rather than the process environment).
	env []string
}

// System picks the clipboard programs for this system. env reads
// environment variables (DISPLAY, WAYLAND_DISPLAY).
func System(env func(string) string) (Clipboard, error) {
	if cb := native(); cb != nil {
		return cb, nil
	}
	if runtime.GOOS == "darwin" {
		return &commandClipboard{write: []string{"pbcopy"}, read: []string{"pbpaste"}}, nil
	}
	if env("WAYLAND_DISPLAY") != "" {
		if _, err := exec.LookPath("wl-copy"); err == nil {
			return &commandClipboard{write: []string{"wl-copy"}, read: []string{"wl-paste", "--no-newline"}, background: true,
				env: []string{"WAYLAND_DISPLAY=" + env("WAYLAND_DISPLAY")}}, nil
		}
	}
	if env("DISPLAY") != "" {
		if _, err := exec.LookPath("xclip"); err == nil {
			return &commandClipboard{
				write:      []string{"xclip", "-selection", "clipboard", "-in"},
				read:       []string{"xclip", "-selection", "clipboard", "-out"},
				background: true,
				env:        []string{"DISPLAY=" + env("DISPLAY")},
			}, nil
		}
	}
	if env("DISPLAY") == "" && env("WAYLAND_DISPLAY") == "" {
		return nil, &NoClipboardError{Reason: "there is no graphical session (DISPLAY and WAYLAND_DISPLAY are empty)"}
	}
	return nil, &NoClipboardError{Reason: "install xclip (X11) or wl-clipboard (Wayland)"}
}

// Write puts text on the clipboard through the program's standard input.
func (c *commandClipboard) Write(ctx context.Context, text string) error {
	cmd := c.command(ctx, c.write)
	cmd.Stdin = strings.NewReader(text)
	var stderr bytes.Buffer
	if !c.background {
		cmd.Stderr = &stderr
	}
	if err := cmd.Run(); err != nil {
		// stderr of these programs never echoes the input, so it is safe
		// to show; it is cut short all the same.
		return fmt.Errorf("%s failed: %v %s", c.write[0], err, firstLine(stderr.String()))
	}
	if c.background {
		return c.settle(ctx, text)
	}
	return nil
}

// settleWithin bounds how long Write waits for a forked program to own
// the clipboard.
const settleWithin = 2 * time.Second

// settle waits until the clipboard holds text. xclip and wl-copy return
// before their background child has taken the selection, so a read (ours
// when clearing, or the user's paste) could still see the previous
// content for a moment.
func (c *commandClipboard) settle(ctx context.Context, text string) error {
	ctx, cancel := context.WithTimeout(ctx, settleWithin)
	defer cancel()
	delay := 5 * time.Millisecond
	for {
		if got, err := c.Read(ctx); err == nil && subtle.ConstantTimeCompare([]byte(got), []byte(text)) == 1 {
			return nil
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s did not take the new content within %s", c.write[0], settleWithin)
		case <-t.C:
		}
		delay *= 2
	}
}

// Read returns what the clipboard holds now.
func (c *commandClipboard) Read(ctx context.Context) (string, error) {
	cmd := c.command(ctx, c.read)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s failed: %v %s", c.read[0], err, firstLine(stderr.String()))
	}
	return stdout.String(), nil
}

func (c *commandClipboard) command(ctx context.Context, argv []string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	if len(c.env) > 0 {
		cmd.Env = append(os.Environ(), c.env...)
	}
	return cmd
}

// ClearIfUnchanged empties the clipboard only if it still holds value:
// whatever the user copied since is theirs. It reports whether it cleared.
func ClearIfUnchanged(ctx context.Context, cb Clipboard, value string) (bool, error) {
	cur, err := cb.Read(ctx)
	if err != nil {
		return false, err
	}
	if subtle.ConstantTimeCompare([]byte(cur), []byte(value)) != 1 {
		return false, nil
	}
	if err := cb.Write(ctx, ""); err != nil {
		return false, err
	}
	return true, nil
}

// firstLine returns the first line of s, at most 200 bytes.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
