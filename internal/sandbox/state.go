package sandbox

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrStateDamaged is returned by Start when the state file cannot be read
// back. The sandbox never silently starts afresh over it.
var ErrStateDamaged = errors.New("the state file is damaged")

const stateVersion = 1

// stateFile is what survives a restart: the signing key, the PATs and the
// sessions. Sessions are kept as SHA-256 hashes only; PATs as their
// metadata, never the token itself.
type stateFile struct {
	Version       int          `json:"version"`
	Issuer        string       `json:"issuer"` // for people reading the file; PATs name it as iss
	SigningKey    string       `json:"signingKey"`
	PATs          []statePAT   `json:"pats"`
	Grants        []stateGrant `json:"grants"`
	AccessTokens  []stateToken `json:"accessTokens"`
	RefreshTokens []stateToken `json:"refreshTokens"`
}

type statePAT struct {
	ID         string     `json:"id"`
	Sub        string     `json:"sub"`
	IssuedAt   time.Time  `json:"issuedAt"`
	ExpiresAt  time.Time  `json:"expiresAt"`
	Revoked    bool       `json:"revoked"`
	LastUsedAt *time.Time `json:"lastUsedAt"`
}

type stateGrant struct {
	ID       string `json:"id"`
	ClientID string `json:"clientId,omitempty"` // absent in older files: the public client
	Sub      string `json:"sub"`
	Scope    string `json:"scope"`
}

type stateToken struct {
	SHA256    string    `json:"sha256"`
	Grant     string    `json:"grant"`
	ExpiresAt time.Time `json:"expiresAt"`
	Rotated   bool      `json:"rotated,omitempty"`
}

// loadState reads cfg.StateFile, or makes a fresh signing key when there is
// none yet.
func (s *Server) loadState() error {
	path := s.cfg.StateFile
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		s.key, err = newSigningKey()
		return err
	}
	if err != nil {
		return fmt.Errorf("read the state file %s: %w", path, err)
	}
	key, st, err := decodeState(data)
	if err != nil {
		return fmt.Errorf("%w: %s (%v); move it away or delete it to start afresh, which ends every session and invalidates every token it issued", ErrStateDamaged, path, err)
	}
	s.key, s.st = key, st
	return nil
}

func decodeState(data []byte) (*signingKey, *store, error) {
	var f stateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("not the expected JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errors.New("unexpected data after the JSON document")
	}
	if f.Version != stateVersion {
		return nil, nil, fmt.Errorf("version %d, expected %d", f.Version, stateVersion)
	}
	key, err := parseKeyPEM(f.SigningKey)
	if err != nil {
		return nil, nil, err
	}
	st := newStore()
	for _, p := range f.PATs {
		if p.ID == "" || accountByID(p.Sub) == nil || p.IssuedAt.IsZero() || !p.ExpiresAt.After(p.IssuedAt) {
			return nil, nil, fmt.Errorf("token record %q is incomplete", p.ID)
		}
		rec := &patRecord{ID: p.ID, UserID: p.Sub, IssuedAt: p.IssuedAt.UTC(), ExpiresAt: p.ExpiresAt.UTC(), Revoked: p.Revoked}
		if p.LastUsedAt != nil {
			rec.LastUsedAt = p.LastUsedAt.UTC()
		}
		st.pats = append(st.pats, rec)
	}
	for _, g := range f.Grants {
		if g.ID == "" || accountByID(g.Sub) == nil {
			return nil, nil, fmt.Errorf("session record %q is incomplete", g.ID)
		}
		if g.ClientID == "" {
			g.ClientID = ClientID
		}
		st.grants[g.ID] = &grant{ID: g.ID, ClientID: g.ClientID, UserID: g.Sub, Scope: g.Scope}
	}
	for _, list := range []struct {
		toks    []stateToken
		refresh bool
	}{{f.AccessTokens, false}, {f.RefreshTokens, true}} {
		for _, t := range list.toks {
			if b, err := hex.DecodeString(t.SHA256); err != nil || len(b) != 32 || st.grants[t.Grant] == nil {
				return nil, nil, errors.New("a session token record is incomplete")
			}
			if list.refresh {
				st.refresh[t.SHA256] = &refreshRecord{Grant: t.Grant, Expires: t.ExpiresAt, Rotated: t.Rotated}
			} else {
				st.access[t.SHA256] = &accessRecord{Grant: t.Grant, Expires: t.ExpiresAt}
			}
		}
	}
	return key, st, nil
}

// saveOrLog saves the state when there is a state file; the caller holds
// s.mu. A failure is logged: the platform goes on from memory.
func (s *Server) saveOrLog() {
	if s.cfg.StateFile == "" {
		return
	}
	if err := s.saveLocked(); err != nil {
		s.logf("sandbox: %v", err)
	}
}

// saveLocked writes the state file atomically (a temporary file in the same
// directory, then a rename), readable by its owner only.
func (s *Server) saveLocked() error {
	keyPEM, err := s.key.marshalPEM()
	if err != nil {
		return fmt.Errorf("save the state file: %w", err)
	}
	now := s.now()
	st := s.st
	st.pruneTokens(now)
	f := stateFile{Version: stateVersion, Issuer: s.issuer(), SigningKey: keyPEM,
		PATs: []statePAT{}, Grants: []stateGrant{}, AccessTokens: []stateToken{}, RefreshTokens: []stateToken{}}
	for _, p := range st.pats {
		sp := statePAT{ID: p.ID, Sub: p.UserID, IssuedAt: p.IssuedAt, ExpiresAt: p.ExpiresAt, Revoked: p.Revoked}
		if !p.LastUsedAt.IsZero() {
			t := p.LastUsedAt
			sp.LastUsedAt = &t
		}
		f.PATs = append(f.PATs, sp)
	}
	for _, g := range st.grants {
		f.Grants = append(f.Grants, stateGrant{ID: g.ID, ClientID: g.ClientID, Sub: g.UserID, Scope: g.Scope})
	}
	for h, a := range st.access {
		f.AccessTokens = append(f.AccessTokens, stateToken{SHA256: h, Grant: a.Grant, ExpiresAt: a.Expires})
	}
	for h, r := range st.refresh {
		f.RefreshTokens = append(f.RefreshTokens, stateToken{SHA256: h, Grant: r.Grant, ExpiresAt: r.Expires, Rotated: r.Rotated})
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("save the state file: %w", err)
	}
	if err := writeFileAtomic(s.cfg.StateFile, append(data, '\n')); err != nil {
		return fmt.Errorf("save the state file %s: %w", s.cfg.StateFile, err)
	}
	return nil
}

func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp") // mode 0600
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
