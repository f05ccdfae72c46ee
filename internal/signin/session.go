package signin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
)

// refreshBefore is how long before its expiry an access token is renewed,
// so it does not expire on its way to the platform.
const refreshBefore = 60 * time.Second

// SessionConfig configures a Session.
type SessionConfig struct {
	Client *client.Client // the platform; required
	Store  SecretStore    // where the session lives: the OS keychain; required
	Key    string         // the session's name in Store; required (e.g. per platform and account)
	Now    func() time.Time
	// Lock serialises refreshes with other processes using the same
	// session (the desktop app and a command, say): a refresh token is
	// rotated by each use, and a platform that sees a rotated one used
	// again ends the whole session (RFC 9700 §4.14.2). Nil: refreshes are
	// serialised within this process only.
	Lock func(ctx context.Context) (unlock func(), err error)
}

// Session is the signed-in state of one platform: access token, refresh
// token and expiry, kept together as one secret in a SecretStore and never
// anywhere else. It is safe for concurrent use; refreshes are serialised so
// a rotated refresh token is never used twice.
type Session struct {
	cfg SessionConfig

	mu      sync.Mutex
	unsaved *storedSession // a rotated session that could not be stored yet
}

// storedSession is the secret's JSON.
type storedSession struct {
	Version  int       `json:"v"`
	Platform string    `json:"platform"` // origin the tokens belong to
	Access   string    `json:"access"`
	Refresh  string    `json:"refresh,omitempty"`
	Type     string    `json:"type,omitempty"`
	Expiry   time.Time `json:"expiry,omitzero"`
}

const sessionVersion = 1

// NewSession returns the session of cfg.Client's platform stored under
// cfg.Key.
func NewSession(cfg SessionConfig) (*Session, error) {
	switch {
	case cfg.Client == nil:
		return nil, errors.New("signin: SessionConfig.Client is nil")
	case cfg.Store == nil:
		return nil, errors.New("signin: SessionConfig.Store is nil")
	case strings.TrimSpace(cfg.Key) == "":
		return nil, errors.New("signin: SessionConfig.Key is empty")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Session{cfg: cfg}, nil
}

// SignIn signs in through the browser (see the package function SignIn,
// whose Client defaults to the session's) and stores the new session. On
// any failure the stored session is left as it was: a failed attempt never
// leaves part of a session behind.
func (s *Session) SignIn(ctx context.Context, cfg Config) (*oauth2.Token, error) {
	if cfg.Client == nil {
		cfg.Client = s.cfg.Client
	}
	tok, err := SignIn(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Save(ctx, tok); err != nil {
		return nil, err
	}
	return tok, nil
}

// Save stores tok as the session, replacing any previous one. If the store
// fails, whatever it may have kept is deleted.
func (s *Session) Save(ctx context.Context, tok *oauth2.Token) error {
	if tok == nil || tok.AccessToken == "" {
		return errors.New("signin: no token to save")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unsaved = nil
	return s.store(ctx, s.fromToken(tok))
}

// AccessToken returns an access token that is valid for at least another
// minute, refreshing it (and storing the rotated refresh token) when needed.
// It is ErrNotSignedIn when no session is stored, and ErrSessionEnded when
// the platform refused the refresh token — the stored session is then
// deleted and the user has to sign in again.
func (s *Session) AccessToken(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.unsaved
	if cur == nil {
		var err error
		if cur, err = s.load(ctx); err != nil {
			return "", err
		}
	} else if err := s.store(ctx, cur); err != nil {
		// Still cannot keep the rotated session: the next call tries again.
		return "", err
	} else {
		s.unsaved = nil
	}
	if s.fresh(cur) {
		return cur.Access, nil
	}
	if s.cfg.Lock != nil {
		unlock, err := s.cfg.Lock(ctx)
		if err != nil {
			return "", err
		}
		defer unlock()
		// Another process may have refreshed while this one waited: its
		// rotated session is in the store.
		if cur, err = s.load(ctx); err != nil {
			return "", err
		}
		if s.fresh(cur) {
			return cur.Access, nil
		}
	}
	if cur.Refresh == "" {
		return "", s.end(ctx, "the sign-in has expired and cannot be renewed")
	}
	next, err := s.refresh(ctx, cur)
	if err != nil {
		return "", err
	}
	if err := s.store(ctx, next); err != nil {
		// The old refresh token is spent: keep the new one in memory so this
		// program goes on working, and retry storing it next time.
		s.unsaved = next
		return "", err
	}
	return next.Access, nil
}

// fresh reports whether cur's access token is good for at least another
// refreshBefore.
func (s *Session) fresh(cur *storedSession) bool {
	return cur.Expiry.IsZero() || s.cfg.Now().Add(refreshBefore).Before(cur.Expiry)
}

// SignedIn reports whether a session is stored (without asking the
// platform).
func (s *Session) SignedIn(ctx context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unsaved != nil {
		return true, nil
	}
	_, err := s.load(ctx)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrNotSignedIn), errors.Is(err, ErrSessionEnded):
		return false, nil
	}
	return false, err
}

// SignOut deletes the stored session, then asks the platform to revoke its
// refresh token (which also ends its access tokens). revokedOnPlatform is
// false when the platform could not be reached or refused; the local session
// is gone either way. err is only about the local deletion. Signing out
// with no session stored does nothing.
func (s *Session) SignOut(ctx context.Context) (revokedOnPlatform bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.unsaved
	s.unsaved = nil
	if cur == nil {
		cur, err = s.load(ctx)
		switch {
		case errors.Is(err, ErrNotSignedIn), errors.Is(err, ErrSessionEnded):
			return false, nil
		case err != nil:
			return false, err
		}
	}
	delErr := s.delete(ctx)
	tok, hint := cur.Refresh, "refresh_token"
	if tok == "" {
		tok, hint = cur.Access, "access_token"
	}
	revokedOnPlatform = s.cfg.Client.RevokeToken(ctx, tok, hint) == nil
	return revokedOnPlatform, delErr
}

// load reads and checks the stored session. A damaged secret, or one of
// another platform, is deleted and reported as ErrSessionEnded.
func (s *Session) load(ctx context.Context) (*storedSession, error) {
	raw, err := s.cfg.Store.Get(ctx, s.cfg.Key)
	switch {
	case errors.Is(err, ErrSecretNotFound):
		return nil, ErrNotSignedIn
	case err != nil:
		return nil, err
	}
	var cur storedSession
	if json.Unmarshal([]byte(raw), &cur) != nil || cur.Version != sessionVersion || cur.Access == "" {
		return nil, s.end(ctx, "the stored sign-in could not be read")
	}
	if cur.Platform != s.cfg.Client.Platform().String() {
		return nil, s.end(ctx, "the stored sign-in belongs to another platform")
	}
	return &cur, nil
}

// end deletes the stored session and reports ErrSessionEnded.
func (s *Session) end(ctx context.Context, why string) error {
	if err := s.delete(ctx); err != nil {
		return &Error{Kind: ErrSessionEnded, Detail: why, Err: err}
	}
	return &Error{Kind: ErrSessionEnded, Detail: why}
}

func (s *Session) store(ctx context.Context, cur *storedSession) error {
	b, err := json.Marshal(cur)
	if err != nil {
		return err
	}
	if err := s.cfg.Store.Set(ctx, s.cfg.Key, string(b)); err != nil {
		// Whatever the store may have kept of a failed write must not
		// pass for a session.
		_ = s.delete(ctx)
		return fmt.Errorf("the sign-in could not be kept in the keychain: %w", err)
	}
	return nil
}

func (s *Session) delete(ctx context.Context) error {
	if err := s.cfg.Store.Delete(ctx, s.cfg.Key); err != nil && !errors.Is(err, ErrSecretNotFound) {
		return err
	}
	return nil
}

// refresh trades cur's refresh token for new tokens. invalid_grant ends the
// session; any other failure leaves it stored for the next try.
func (s *Session) refresh(ctx context.Context, cur *storedSession) (*storedSession, error) {
	m, err := s.cfg.Client.Discover(ctx)
	if err != nil {
		return nil, err
	}
	// The same OAuth client as at sign-in: a refresh token is bound to
	// the client it was issued to (RFC 6749 §6).
	conf := oauthConfig(s.cfg.Client, m, nil)
	hctx := context.WithValue(ctx, oauth2.HTTPClient, s.cfg.Client.HTTPClient())
	tok, err := conf.TokenSource(hctx, &oauth2.Token{RefreshToken: cur.Refresh}).Token()
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.ErrorCode == "invalid_grant" {
			return nil, s.end(ctx, "the platform ended the sign-in")
		}
		return nil, tokenError(m.TokenEndpoint, err)
	}
	next := s.fromToken(tok)
	if next.Refresh == "" {
		next.Refresh = cur.Refresh // the platform did not rotate it
	}
	return next, nil
}

// fromToken is tok as stored. The expiry is counted on the session's clock
// from expires_in when the platform sent it (x/oauth2 counts on the wall
// clock).
func (s *Session) fromToken(tok *oauth2.Token) *storedSession {
	expiry := tok.Expiry
	if tok.ExpiresIn > 0 {
		expiry = s.cfg.Now().Add(time.Duration(tok.ExpiresIn) * time.Second)
	}
	return &storedSession{
		Version:  sessionVersion,
		Platform: s.cfg.Client.Platform().String(),
		Access:   tok.AccessToken,
		Refresh:  tok.RefreshToken,
		Type:     tok.TokenType,
		Expiry:   expiry.UTC(),
	}
}
