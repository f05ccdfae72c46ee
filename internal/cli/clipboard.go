package cli

import "github.com/iobeya-token/iobeya-token/internal/clipboard"

// Clipboard is the system clipboard as the copy command needs it.
type Clipboard = clipboard.Clipboard

// ErrNoClipboard says no clipboard program was found for this desktop.
var ErrNoClipboard = clipboard.ErrNoClipboard

// NoClipboardError is ErrNoClipboard with the reason, as a field.
type NoClipboardError = clipboard.NoClipboardError
