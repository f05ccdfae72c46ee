package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// oauthFake is the fake core with the OAuth client choice.
type oauthFake struct {
	*fakeCore
	info   companion.OAuthClientInfo
	setID  string
	secret companion.ClientSecret
	sets   int
}

func (o *oauthFake) OAuthClientChoice() companion.OAuthClientInfo { return o.info }

func (o *oauthFake) SetOAuthClient(ctx context.Context, id string, secret companion.ClientSecret, port int) error {
	if err := o.pass(ctx); err != nil {
		return err
	}
	o.setID, o.secret = id, secret
	o.sets++
	return nil
}

func withOAuth(o *oauthFake) option {
	return func(h *harness, d *Deps) {
		o.fakeCore = h.core
		d.Core = o
	}
}

// The client ID and secret typed in "Advanced" are set after the platform;
// the secret leaves the entry once kept.
func TestAdvancedOAuthClient(t *testing.T) {
	o := &oauthFake{}
	h := newHarness(t, companion.Status{State: companion.StateNone}, withOAuth(o))
	h.core.validateErr = nil
	h.start()
	a := h.ui.platform.advanced
	if a == nil {
		t.Fatal("no Advanced part")
	}
	test.Type(h.ui.platform.entry, "acme")
	test.Type(a.id, "acme-desktop")
	test.Type(a.secret, "s3cr3t-typed")
	h.tap("Continue")
	h.settle()
	if h.core.count("SetPlatform(acme") != 1 || o.sets != 1 || o.setID != "acme-desktop" || o.secret.Reveal() != "s3cr3t-typed" {
		t.Fatalf("calls %v, SetOAuthClient %d (%q)", h.core.callList(), o.sets, o.setID)
	}
	if a.secret.Text != "" {
		t.Error("the secret stays in the entry")
	}
}

// What IT's machine-wide file sets is shown, disabled, and never set.
func TestAdvancedSetByIT(t *testing.T) {
	o := &oauthFake{info: companion.OAuthClientInfo{ID: "acme-desktop", HasSecret: true, SetByIT: true}}
	h := newHarness(t, companion.Status{State: companion.StateNone}, withOAuth(o))
	h.core.validateErr = nil
	h.start()
	a := h.ui.platform.advanced
	if a.id.Text != "acme-desktop" || !a.id.Disabled() || !a.secret.Disabled() || a.note.Text != word(words.AppClientSetByIT) {
		t.Fatalf("id %q disabled %v/%v note %q", a.id.Text, a.id.Disabled(), a.secret.Disabled(), a.note.Text)
	}
	test.Type(h.ui.platform.entry, "acme")
	h.tap("Continue")
	h.settle()
	if o.sets != 0 {
		t.Error("IT's client was set over")
	}
}

// Continuing with the client in use and an empty secret box keeps the
// kept secret: nothing is set.
func TestAdvancedUnchangedKeepsTheSecret(t *testing.T) {
	o := &oauthFake{info: companion.OAuthClientInfo{ID: "acme-desktop"}}
	h := newHarness(t, companion.Status{State: companion.StateNone}, withOAuth(o))
	h.core.validateErr = nil
	h.start()
	test.Type(h.ui.platform.entry, "acme")
	h.tap("Continue")
	h.settle()
	if o.sets != 0 {
		t.Errorf("SetOAuthClient was called (%q): the kept secret would be dropped", o.setID)
	}
}
