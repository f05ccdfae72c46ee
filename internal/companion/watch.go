package companion

import (
	"context"

	"github.com/iobeya-token/iobeya-token/internal/clipwatch"
)

// WatchClipboard is the pick-up of a token the user copies in the web app
// (after OpenTokenPage): for two minutes of real time it watches cb for a
// JWT of the platform in use, clears the clipboard once it holds one, calls
// picked (when not nil: the front end says the token is being checked) and
// brings the token in with Import. Whatever else the clipboard holds,
// including another platform's token, is left alone. The user starts it;
// ctx stops it. The window passing is clipwatch.ErrWindowPassed.
func (c *Core) WatchClipboard(ctx context.Context, cb clipwatch.Clipboard, picked func()) (Status, error) {
	c.log.printf("import: watching the clipboard for a token of the platform (two minutes)")
	raw, err := clipwatch.Watch(ctx, clipwatch.Config{Clipboard: cb, Accept: c.IsPlatformToken})
	if raw == "" {
		c.log.printf("import: the clipboard watch ended without a token: %v", err)
		return Status{}, err
	}
	if err != nil {
		// Kept anyway: the user copied it to bring it in.
		c.log.printf("import: the clipboard could not be cleared: %v", err)
	}
	if picked != nil {
		picked()
	}
	return c.Import(ctx, raw)
}
