package companion

import (
	"context"

	"github.com/iobeya-token/iobeya-token/internal/clipwatch"
)

// WatchClipboard is the pick-up of a token the user copies in the web app
// (after OpenTokenPage): for two minutes of real time it watches cb for a
// JWT of the platform in use, clears the clipboard once it holds one, calls
// picked (when not nil: the front end says the token is being checked) and
// brings the token in with Import, which ctx no longer stops. Whatever else the clipboard holds,
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
	// The clipboard no longer holds the token: ending the watch now (the
	// user closed the dialog) would lose it. Import's own deadlines bound
	// it.
	return c.Import(context.WithoutCancel(ctx), raw)
}

// ReloadSettings reads the settings file again, for a change another
// process made: the tray program keeps a token picked up from the
// clipboard with its own core, which writes the account and that the token
// was brought in; the window's core reads them here before its next
// status. IT's machine-wide file still wins.
func (c *Core) ReloadSettings() error {
	s, err := loadSettings(c.cfg.SettingsDir)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.enforceMachine(&s)
	c.settings = s
	return nil
}
