package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// oauthCore is what the "Advanced" part uses of the core. The real core
// has it; a core without it (the screens' fakes) shows no Advanced part.
type oauthCore interface {
	OAuthClient(ctx context.Context) (companion.OAuthClientInfo, error)
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
	obj    *widget.Accordion
}

func newAdvancedPart(escape func()) *advancedPart {
	a := &advancedPart{id: newEntry(escape), secret: widget.NewPasswordEntry(), note: wrapped(wordClientHint)}
	a.id.SetPlaceHolder("iobeya-token")
	a.obj = widget.NewAccordion(widget.NewAccordionItem(wordAdvanced, container.NewVBox(
		widget.NewLabel(wordClientIDLabel), a.id,
		widget.NewLabel(wordClientSecret), a.secret,
		a.note)))
	return a
}

// load shows the client in use, off the UI goroutine.
func (a *advancedPart) load(work *worker, core oauthCore) {
	run(work, core.OAuthClient, func(info companion.OAuthClientInfo, err error) {
		if err != nil {
			return
		}
		a.show(info)
	})
}

func (a *advancedPart) show(info companion.OAuthClientInfo) {
	a.byIT = info.SetByIT
	a.id.SetText(info.ID)
	if info.HasSecret {
		a.secret.SetPlaceHolder("••••••••")
	}
	if a.byIT {
		a.id.Disable()
		a.secret.Disable()
		a.note.SetText(wordClientByIT)
	}
}

// values are what the user typed, read on the UI goroutine; ok is false
// when there is nothing to apply (IT's client, or nothing typed).
func (a *advancedPart) values() (id, secret string, ok bool) {
	id, secret = strings.TrimSpace(a.id.Text), a.secret.Text
	return id, secret, !a.byIT && (id != "" || secret != "")
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
