package signin

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// TestPagesInFrench: with French words the browser tab says the sign-in
// ended in French, page language included, and so does a declined one.
func TestPagesInFrench(t *testing.T) {
	fr := words.New(language.French)
	srv := startSandbox(t, sandbox.Config{AutoApprove: "alice@example.com"})
	b := newBrowser(t)
	if _, err := SignIn(t.Context(), Config{Client: newClient(t, srv.URL()), Opener: b, Words: fr}); err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	p := b.lastPage(t)
	host := strings.TrimPrefix(srv.URL(), "http://")
	for _, want := range []string{`<html lang="fr">`, "Connecté — vous pouvez fermer cet onglet", "Votre connexion à " + host + " est terminée."} {
		if p.status != http.StatusOK || !strings.Contains(p.body, want) {
			t.Errorf("page %d does not say %q: %s", p.status, want, p.body)
		}
	}

	// Declined: no Describe, so the page gives the platform's reason in
	// French words around it.
	denied := newBrowser(t)
	denied.before = func(link string) string {
		q := linkParams(t, link)
		cb := url.Values{"error": {"access_denied"}, "error_description": {"No thanks"}, "state": {q.Get("state")}, "iss": {srv.URL()}}
		return q.Get("redirect_uri") + "?" + cb.Encode()
	}
	if _, err := SignIn(t.Context(), Config{Client: newClient(t, srv.URL()), Opener: denied, Words: fr}); err == nil {
		t.Fatal("a declined sign-in succeeded")
	}
	p = denied.lastPage(t)
	for _, want := range []string{"La connexion n&#39;a pas abouti", "La plateforme a dit\u00a0: No thanks."} {
		if !strings.Contains(p.body, want) {
			t.Errorf("the declined page does not say %q: %s", want, p.body)
		}
	}
}
