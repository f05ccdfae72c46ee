package app

import (
	"context"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/clipwatch"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// bringFake is the fake core with what bringing a token in needs. The
// clipboard watch is the real one (clipwatch), on the test app's clipboard.
type bringFake struct {
	*fakeCore
	want string // the platform's token: the only text the watch takes

	mu       sync.Mutex
	opened   int
	imported []string
	revoked  int
	reloaded int
}

func (b *bringFake) OpenTokenPage() (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.opened++
	return true, nil
}

func (b *bringFake) Import(ctx context.Context, raw string) (companion.Status, error) {
	if err := b.pass(ctx); err != nil {
		return companion.Status{}, err
	}
	b.mu.Lock()
	b.imported = append(b.imported, raw)
	b.mu.Unlock()
	st := statusWith(companion.StateValid)
	st.BroughtIn = true
	return st, nil
}

func (b *bringFake) WatchClipboard(ctx context.Context, cb clipwatch.Clipboard, picked func()) (companion.Status, error) {
	if err := b.pass(ctx); err != nil {
		return companion.Status{}, err
	}
	raw, err := clipwatch.Watch(ctx, clipwatch.Config{Clipboard: cb, Accept: func(s string) bool { return s == b.want }})
	if raw == "" {
		return companion.Status{}, err
	}
	if picked != nil {
		picked()
	}
	return b.Import(ctx, raw)
}

// ReloadSettings counts the readings of the settings another process wrote.
func (b *bringFake) ReloadSettings() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.reloaded++
	return nil
}

func (b *bringFake) ConfirmRevokedOnWeb(ctx context.Context) error {
	if err := b.pass(ctx); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.revoked++
	return nil
}

func withBring(b *bringFake) option {
	return func(h *harness, d *Deps) {
		b.fakeCore = h.core
		d.Core = b
	}
}

// On a platform without a token API the no-token page offers the web app
// instead of Generate; the token the user copies there is picked up from
// the clipboard, which is then cleared.
func TestBringTokenFromTheClipboard(t *testing.T) {
	st := statusWith(companion.StateNone)
	st.NoTokenAPI = true
	b := &bringFake{}
	h := newHarness(t, st, withBring(b))
	b.want = h.jwt
	h.start()
	if h.hasButton("Generate token…") {
		t.Error("Generate is offered on a platform without a token API")
	}
	h.tap(word(words.AppBringButton))
	h.app.Clipboard().SetContent(h.jwt) // the user clicked Copy in the web app
	h.tap(word(words.AppBringOpen))
	h.settle()
	if b.opened != 1 || len(b.imported) != 1 || b.imported[0] != h.jwt {
		t.Fatalf("opened %d, imported %d", b.opened, len(b.imported))
	}
	if got := h.app.Clipboard().Content(); got != "" {
		t.Error("the clipboard still holds the token")
	}
	if h.ui.dialog != nil {
		t.Error("the dialog is still open")
	}
}

func TestBringTokenByPasting(t *testing.T) {
	st := statusWith(companion.StateNone)
	st.NoTokenAPI = true
	b := &bringFake{}
	h := newHarness(t, st, withBring(b)).start()
	h.tap(word(words.AppBringButton))
	d, ok := h.ui.dialog.(*bringDialog)
	if !ok {
		t.Fatalf("dialog %T", h.ui.dialog)
	}
	test.Type(d.paste, h.jwt)
	h.tap(word(words.AppBringKeep))
	h.settle()
	if len(b.imported) != 1 || b.imported[0] != h.jwt || b.opened != 0 {
		t.Fatalf("imported %d, opened %d", len(b.imported), b.opened)
	}
}

// Revoking a brought-in token opens the web app; the copy goes only after
// the user says it is revoked there and confirms.
func TestRevokeBroughtInToken(t *testing.T) {
	st := statusWith(companion.StateValid)
	st.BroughtIn = true
	b := &bringFake{}
	h := newHarness(t, st, withBring(b)).start()
	h.tap("Revoke…")
	if b.opened != 1 {
		t.Fatal("the web app was not opened")
	}
	h.confirmation().Confirm() // "I have revoked it"
	if b.revoked != 0 {
		t.Fatal("removed before the second confirmation")
	}
	h.confirmation().Confirm() // "Remove the token from this computer?"
	h.settle()
	if b.revoked != 1 || h.core.count("Revoke") != 0 {
		t.Fatalf("ConfirmRevokedOnWeb %d, Revoke %d", b.revoked, h.core.count("Revoke"))
	}
}

// A brought-in token can be revoked without a sign-in, from the card and
// the tray; it is not regenerated here.
func TestBroughtInTokenCard(t *testing.T) {
	st := statusWith(companion.StateValid)
	st.BroughtIn, st.SignedIn = true, false
	b := &bringFake{}
	h := newHarness(t, st, withBring(b)).start()
	if h.button("Revoke…").Disabled() {
		t.Error("Revoke is off for a brought-in token")
	}
	if h.hasButton("Revoke and generate new…") {
		t.Error("regenerate is offered for a brought-in token")
	}
	menu := TrayMenu(st, testNow, TrayActions{})
	for _, it := range menu.Items {
		if it.Label == "Revoke…" && it.Disabled {
			t.Error("the tray's Revoke is off")
		}
	}
}

// An expiring token that was brought in is renewed in the web app: the
// main action opens the bring dialog, never the generate confirmation.
func TestRenewBroughtInToken(t *testing.T) {
	st := statusWith(companion.StateExpiring)
	st.BroughtIn = true
	b := &bringFake{}
	h := newHarness(t, st, withBring(b)).start()
	h.tap("Generate a new token…")
	if _, ok := h.ui.dialog.(*bringDialog); !ok {
		t.Fatalf("the main action opened %T, not the web app's way", h.ui.dialog)
	}
}
