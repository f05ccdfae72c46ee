// Package clipwatch picks up a token the user copies in the iObeya web app:
// for a short window the user started, it reads the clipboard every half
// second, takes only a text the caller accepts (a JWT of the platform in
// use), then clears the clipboard and stops. It knows nothing of Fyne or of
// any clipboard program: the front end hands it a Clipboard.
package clipwatch

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Defaults of Config.
const (
	DefaultWindow      = 2 * time.Minute
	DefaultEvery       = 500 * time.Millisecond
	DefaultCallTimeout = 2 * time.Second
)

// ErrWindowPassed: the window ended without a token on the clipboard.
var ErrWindowPassed = errors.New("no token was copied in time")

// Clipboard is the system clipboard: Read returns its text, Write replaces
// it ("" clears it). Both respect ctx's deadline.
type Clipboard interface {
	Read(ctx context.Context) (string, error)
	Write(ctx context.Context, text string) error
}

// Config configures Watch.
type Config struct {
	Clipboard Clipboard // required
	// Accept says whether a text is the token to take (the core's
	// IsPlatformToken); required. Anything else is left alone.
	Accept func(text string) bool
	Window time.Duration // how long to watch; default DefaultWindow
	Every  time.Duration // how often to read; default DefaultEvery
	// CallTimeout bounds each clipboard call; default DefaultCallTimeout.
	CallTimeout time.Duration
	// Now and Tick are the clock; default time.Now and a time.Ticker.
	// Tick returns the ticks (each carrying the time it was sent) and how
	// to stop them.
	Now  func() time.Time
	Tick func(every time.Duration) (ticks <-chan time.Time, stop func())
}

// Watch reads the clipboard now and at every tick until it holds a text
// Accept takes, the window passes (ErrWindowPassed) or ctx ends. It returns
// the text, trimmed, after clearing the clipboard (a token left there
// would be pasted by mistake later); a failure to clear is returned with
// the text, which the caller keeps. Errors reading the clipboard do not
// stop the watch: the next tick tries again.
func Watch(ctx context.Context, cfg Config) (string, error) {
	if cfg.Clipboard == nil || cfg.Accept == nil {
		return "", errors.New("clipwatch: Config.Clipboard and Config.Accept are required")
	}
	if cfg.Window <= 0 {
		cfg.Window = DefaultWindow
	}
	if cfg.Every <= 0 {
		cfg.Every = DefaultEvery
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = DefaultCallTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Tick == nil {
		cfg.Tick = func(d time.Duration) (<-chan time.Time, func()) {
			t := time.NewTicker(d)
			return t.C, t.Stop
		}
	}
	now := cfg.Now()
	end := now.Add(cfg.Window)
	// The window also ends on the wall clock, whatever the ticks do.
	ctx, cancel := context.WithTimeout(ctx, cfg.Window+cfg.CallTimeout)
	defer cancel()
	ticks, stop := cfg.Tick(cfg.Every)
	defer stop()
	for {
		if text, ok := look(ctx, cfg); ok {
			cctx, ccancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.CallTimeout)
			defer ccancel()
			return text, cfg.Clipboard.Write(cctx, "")
		}
		if !now.Before(end) {
			return "", ErrWindowPassed
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) && !cfg.Now().Before(end) {
				return "", ErrWindowPassed
			}
			return "", ctx.Err()
		case now = <-ticks: // the tick's time: the window ends on the clock's ticks
		}
	}
}

// look reads the clipboard once and says whether it holds the token.
func look(ctx context.Context, cfg Config) (string, bool) {
	rctx, cancel := context.WithTimeout(ctx, cfg.CallTimeout)
	defer cancel()
	text, err := cfg.Clipboard.Read(rctx)
	if err != nil {
		return "", false
	}
	text = strings.TrimSpace(text)
	if text == "" || !cfg.Accept(text) {
		return "", false
	}
	return text, true
}
