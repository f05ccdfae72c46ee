package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// oauthCore is what the "Advanced" part uses of the core. The real core
// has it; a core without it (the screens' fakes) shows no Advanced part.
type oauthCore interface {
	// OAuthClientChoice answers from memory: the screen calls it as it is
	// built.
	OAuthClientChoice() companion.OAuthClientInfo
	SetOAuthClient(ctx context.Context, id string, secret companion.ClientSecret, port int) error
}

// advancedPart is the platform screen's "Advanced" part: the OAuth client
// an administrator registered. What IT's machine-wide file sets is shown,
// disabled.
type advancedPart struct {
	id     *escEntry
	secret *widget.Entry
	note   *widget.Label
	byIT   bool
	shown  string // the client ID in use when the screen was built
	obj    *widget.Accordion
}

func newAdvancedPart(escape func()) *advancedPart {
	a := &advancedPart{id: newEntry(escape), secret: widget.NewPasswordEntry(), note: wrapped(word(words.AppClientHint))}
	a.id.SetPlaceHolder("iobeya-token")
	a.obj = widget.NewAccordion(widget.NewAccordionItem(word(words.AppAdvanced), container.NewVBox(
		widget.NewLabel(word(words.AppClientIDLabel)), a.id,
		widget.NewLabel(word(words.AppClientSecret)), a.secret,
		a.note)))
	return a
}

func (a *advancedPart) show(info companion.OAuthClientInfo) {
	a.byIT, a.shown = info.SetByIT, info.ID
	a.id.SetText(info.ID)
	if info.HasSecret {
		a.secret.SetPlaceHolder("••••••••")
	}
	if a.byIT {
		a.id.Disable()
		a.secret.Disable()
		a.note.SetText(word(words.AppClientSetByIT))
	}
}

// applied records the client now in use.
func (a *advancedPart) applied(id string) { a.shown = id }

// values are what the user typed, read on the UI goroutine; ok is false
// when there is nothing to apply: IT's client, or the client in use left
// as it was with no new secret (an empty secret box keeps the kept one).
func (a *advancedPart) values() (id, secret string, ok bool) {
	id, secret = strings.TrimSpace(a.id.Text), a.secret.Text
	return id, secret, !a.byIT && (id != a.shown || secret != "")
}

// clearSecret forgets the typed secret once it is in the keychain.
func (a *advancedPart) clearSecret() {
	if a.secret.Text != "" {
		a.secret.SetText("")
		a.secret.SetPlaceHolder("••••••••")
	}
}

// The real core offers the OAuth client choice (see bringtoken.go's twin).
var _ oauthCore = (*companion.Core)(nil)
