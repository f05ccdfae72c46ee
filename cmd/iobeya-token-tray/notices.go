package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/glance"
	"github.com/iobeya-token/iobeya-token/internal/notify"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// noticesFile keeps, per kind, when the last expiry notice was sent and
// about which token (its id or expiry, never the token), so a restart does
// not repeat one.
const noticesFile = "tray-notices.json"

// notices sends the agent's notifications: the expiry notices glance
// decides, once per token, and passing ones (a copy, a failure).
type notices struct {
	path   string
	sent   map[string]glance.Sent
	expiry sender // replaces its previous notice: one warning at a time
	other  sender // copies and failures, so they do not replace a warning
}

// sender is the part of internal/notify the agent uses.
type sender interface {
	Send(ctx context.Context, title, body string) error
}

func newNotices(dir string) *notices {
	n := &notices{path: filepath.Join(dir, noticesFile), sent: map[string]glance.Sent{}}
	if data, err := os.ReadFile(n.path); err == nil {
		if err := json.Unmarshal(data, &n.sent); err != nil {
			logf("%s is damaged; it is started again: %v", n.path, err)
			n.sent = map[string]glance.Sent{}
		}
	}
	n.expiry, n.other = newSender(), newSender()
	return n
}

func newSender() sender {
	s, err := notify.New()
	if err != nil {
		logf("notifications are off: %v", err)
		return nil
	}
	return s
}

// maybe sends the notice a shown status calls for, in w, if it is due.
func (n *notices) maybe(w *words.Words, st companion.Status, now time.Time) {
	note, ok := glance.NoticeFor(w, st, now)
	if !ok {
		return
	}
	id := glance.TokenKey(st)
	if !glance.Due(n.sent[note.Kind], id, now) {
		return
	}
	n.sent[note.Kind] = glance.Sent{At: now, Token: id}
	if err := n.save(); err != nil {
		logf("could not remember the notification: %v", err)
	}
	sendOff(n.expiry, note.Title, note.Body)
}

// send shows a passing notice.
func (n *notices) send(title, body string) { sendOff(n.other, title, body) }

func sendOff(s sender, title, body string) {
	if s == nil {
		return
	}
	go func() {
		if err := s.Send(context.Background(), title, body); err != nil && !errors.Is(err, notify.ErrUnsupported) {
			logf("%v", err)
		}
	}()
}

func (n *notices) save() error {
	data, err := json.MarshalIndent(n.sent, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(n.path), 0o700); err != nil {
		return err
	}
	tmp := n.path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, n.path)
}
