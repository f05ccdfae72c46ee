package companion

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/signin"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// Keychain is the OS keychain as the core uses it; *keychain.Store
// satisfies it. Get of a missing entry must match keychain.ErrNotFound.
type Keychain interface {
	Get(ctx context.Context, service, account string) (string, error)
	Set(ctx context.Context, service, account, secret string) error
	Delete(ctx context.Context, service, account string) error
}

// keychainHealth is what Doctor asks of a keychain that can tell more.
type keychainHealth interface {
	Check(ctx context.Context) error
	BackendName() string
}

// Config configures a Core. The zero value is the real thing.
type Config struct {
	// SettingsDir holds settings.json; default os.UserConfigDir()/iobeya-token.
	SettingsDir string
	// MachineConfigPath is IT's machine-wide file (MachineConfig); default
	// DefaultMachineConfigPath(). Only tests change it: the user's settings
	// never can.
	MachineConfigPath string
	// Keychain keeps every token; default keychain.New().
	Keychain Keychain
	// HTTPClient carries every request to the platform; default a client
	// that honours the proxy environment variables.
	HTTPClient *http.Client
	// Opener opens the sign-in page; default the system browser.
	Opener signin.Opener
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Log receives a verbose, redacted account of what happens; nil: none.
	Log io.Writer
	// Env reads environment variables for Doctor's proxy report; default os.Getenv.
	Env func(string) string
	// CallTimeout bounds each call to the platform; default
	// DefaultCallTimeout (deadlines.go).
	CallTimeout time.Duration
	// StatusTimeout bounds the platform checks of Status, which run in
	// parallel; default 10 s. Past it the state is unknown.
	StatusTimeout time.Duration
	// KeychainTimeout bounds each of the core's keychain steps, on top of
	// the keychain's own deadlines; default 15 s.
	KeychainTimeout time.Duration
	// LockTimeout bounds the wait for another iObeya Token process to
	// finish a write or a refresh; default DefaultLockTimeout. Past it a
	// write fails with ErrBusy.
	LockTimeout time.Duration
	// Words says the status messages, errors and reports at the start;
	// default English. Front ends pass the language the user chose
	// (words.Choose of Settings.Language, or the command line's --lang);
	// SetWords and UpdateSettings change it later.
	Words *words.Words
}

// Core is the one implementation of the use cases both front ends offer.
// It is safe for concurrent use; every method that does I/O takes a ctx,
// which front ends make cancellable and nothing more: the core sets the
// deadlines itself (deadlines.go).
type Core struct {
	cfg   Config
	log   *logger
	words atomic.Pointer[words.Words] // the language of messages (SetWords)

	op opLock // taken by every operation that changes state
	// lock keeps writes and refreshes of other processes out (writelock.go).
	lock *crossLock

	mu        sync.Mutex // guards the fields below
	settings  Settings
	machine   MachineConfig // IT's file; wins over settings
	checkedAt time.Time     // when the platform last answered a status check
	seen      string        // the token the front end last showed (seenToken), for Regenerate
	seenSet   bool
	clients   map[string]*client.Client
	sessions  map[string]*signin.Session
	subs      map[int]func(Status)
	nextSub   int
}

// DefaultSettingsDir is where settings.json lives unless Config says
// otherwise: os.UserConfigDir()/iobeya-token.
func DefaultSettingsDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("%w: %v", errNoConfigDir, err)
	}
	return filepath.Join(dir, "iobeya-token"), nil
}

// New returns a Core. A settings file that exists but cannot be read is an
// error naming the file (a *SettingsError): it is never silently reset.
func New(cfg Config) (*Core, error) {
	if cfg.SettingsDir == "" {
		dir, err := DefaultSettingsDir()
		if err != nil {
			return nil, err
		}
		cfg.SettingsDir = dir
	}
	if cfg.MachineConfigPath == "" {
		cfg.MachineConfigPath = DefaultMachineConfigPath()
	}
	if cfg.Keychain == nil {
		cfg.Keychain = keychain.New()
	}
	if cfg.HTTPClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.Proxy = http.ProxyFromEnvironment
		cfg.HTTPClient = &http.Client{Transport: t}
	}
	if cfg.Opener == nil {
		cfg.Opener = signin.BrowserOpener{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Env == nil {
		cfg.Env = os.Getenv
	}
	if cfg.Words == nil {
		cfg.Words = words.English()
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = DefaultCallTimeout
	}
	if cfg.StatusTimeout <= 0 {
		cfg.StatusTimeout = DefaultStatusTimeout
	}
	if cfg.KeychainTimeout <= 0 {
		cfg.KeychainTimeout = DefaultKeychainTimeout
	}
	if cfg.LockTimeout <= 0 {
		cfg.LockTimeout = DefaultLockTimeout
	}
	c := &Core{
		cfg:     cfg,
		op:      newOpLock(),
		log:     newLogger(cfg.Log, cfg.Now),
		clients: map[string]*client.Client{},
		subs:    map[int]func(Status){},
		lock:    &crossLock{dir: cfg.SettingsDir},
	}
	if c.log.on() {
		hc := *cfg.HTTPClient
		hc.Transport = &logTransport{base: hc.Transport, log: c.log}
		c.cfg.HTTPClient = &hc
	}
	m, err := loadMachineConfig(cfg.MachineConfigPath)
	if err != nil {
		return nil, err
	}
	c.machine = m
	if m.path != "" {
		c.log.printf("machine-wide configuration: %s (platform set: %v, OAuth client set: %v, secret set: %v, redirect port: %d)",
			m.path, m.origin != "", m.ClientID != "", m.ClientSecret != "", m.RedirectPort)
	}
	s, err := loadSettings(cfg.SettingsDir)
	if err != nil {
		return nil, err
	}
	c.enforceMachine(&s)
	c.settings = s
	c.words.Store(cfg.Words)
	return c, nil
}

// Words are the words the core says its messages in: statuses, errors,
// the doctor report.
func (c *Core) Words() *words.Words { return c.words.Load() }

// SetWords changes the language of the core's messages from now on; a
// status already said keeps its words. Nil is ignored. UpdateSettings calls
// it when the stored language changes.
func (c *Core) SetWords(w *words.Words) {
	if w != nil {
		c.words.Store(w)
	}
}

var errNoConfigDir = errors.New("the folder for settings could not be found")

// Settings returns the current settings.
func (c *Core) Settings() Settings {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.settings
}

// UpdateSettings changes the settings with f and saves them. Changing the
// platform or the account this way does not move or delete any token.
// Changing Language changes the core's words to words.Choose of it; an
// unknown language is refused.
func (c *Core) UpdateSettings(f func(*Settings)) error {
	c.mu.Lock()
	s := c.settings
	f(&s)
	c.enforceMachine(&s)
	if s.ExpiryWarningDays < 0 || s.ClipboardClearSeconds < 0 {
		c.mu.Unlock()
		return fmt.Errorf("%w: a number of days or seconds cannot be negative", errBadSetting)
	}
	lang, ok := words.Pref(s.Language)
	if !ok {
		c.mu.Unlock()
		return fmt.Errorf("%w: iObeya Token speaks English and French only", errBadSetting)
	}
	s.Language = lang
	if err := saveSettings(c.cfg.SettingsDir, s); err != nil {
		c.mu.Unlock()
		return err
	}
	changed := s.Language != c.settings.Language
	c.settings = s
	c.mu.Unlock()
	if changed {
		c.SetWords(words.Choose(s.Language))
	}
	c.notifyOffline()
	return nil
}

var errBadSetting = errors.New("this setting is not possible")

// SettingsPath is where the settings file is, for diagnostics.
func (c *Core) SettingsPath() string {
	return filepath.Join(c.cfg.SettingsDir, settingsFile)
}

// Subscribe calls f with the new status after every change of state
// (sign-in, sign-out, generate, revoke, a status check). f runs on the
// goroutine that made the change: a UI hands it to its own thread. The
// returned function stops the notifications.
func (c *Core) Subscribe(f func(Status)) (cancel func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.nextSub
	c.nextSub++
	c.subs[id] = f
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.subs, id)
	}
}

// notify sends st to every subscriber.
func (c *Core) notify(st Status) {
	c.mu.Lock()
	if st.PlatformURL != "" {
		c.seen, c.seenSet = seenToken(st), true
	}
	fs := make([]func(Status), 0, len(c.subs))
	for _, f := range c.subs {
		fs = append(fs, f)
	}
	c.mu.Unlock()
	for _, f := range fs {
		f(st)
	}
}

// notifyOffline sends the keychain-only status after a change made here,
// when there is anyone to tell.
func (c *Core) notifyOffline() {
	c.mu.Lock()
	n := len(c.subs)
	c.mu.Unlock()
	if n == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.KeychainTimeout)
	defer cancel()
	st, err := c.localStatus(ctx)
	if err != nil {
		st.State = StateUnknown
		st.Message = Explain(err).Message
	}
	c.notify(st)
}

// platformClient returns the client of the configured platform.
func (c *Core) platformClient() (*client.Client, Settings, error) {
	s := c.Settings()
	if s.Platform == "" {
		return nil, s, ErrNotConfigured
	}
	key := s.Platform + " " + s.APIBase + " " + s.ClientID
	c.mu.Lock()
	cl, ok := c.clients[key]
	c.mu.Unlock()
	if ok {
		return cl, s, nil
	}
	oc, err := c.oauthClient(s)
	if err != nil {
		return nil, s, err
	}
	cl, err = c.newClient(s.Platform, s.APIBase, oc)
	if err != nil {
		return nil, s, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.clients[key]; ok {
		return prev, s, nil
	}
	c.clients[key] = cl
	return cl, s, nil
}

// newClient returns a client of platform; oc nil: the default public
// OAuth client.
func (c *Core) newClient(platform, apiBase string, oc *client.OAuthClient) (*client.Client, error) {
	opts := []client.Option{client.WithHTTPClient(c.cfg.HTTPClient), client.WithTimeout(c.cfg.CallTimeout)}
	if apiBase != "" {
		opts = append(opts, client.WithAPIBase(apiBase))
	}
	if oc != nil {
		opts = append(opts, client.WithOAuthClient(*oc))
	}
	return client.New(platform, opts...)
}

// service is the keychain service of a platform client.
func service(cl *client.Client) string { return keychain.ServiceFor(cl.Host()) }

// Keychain accounts under a platform's service.
func sessionAccount(email string) string { return email + "/session" }
func patAccount(email string) string     { return email + "/pat" }
