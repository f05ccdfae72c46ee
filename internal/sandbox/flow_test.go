package sandbox

import (
	"net/http"
	"testing"
)

// TestFullFlow follows the README's path: sign in, exchange, create a PAT,
// use it, revoke it, see it refused.
func TestFullFlow(t *testing.T) {
	s := start(t, Config{})
	tr := session(t, s)
	if tr.TokenType != "Bearer" || tr.ExpiresIn != 3600 || tr.Scope != "personal-access-token offline_access" {
		t.Errorf("token response %+v", tr)
	}
	pc := mustCreatePAT(t, s, tr.AccessToken)
	if a := me(t, s, pc.Token); a.status != http.StatusOK {
		t.Fatalf("/v1/me with the new PAT: %d %s", a.status, a.body)
	}
	if a := do(t, http.MethodDelete, s.URL()+"/v1/personal-access-token", nil, withBearer(tr.AccessToken)); a.status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", a.status, a.body)
	}
	wantAPIError(t, me(t, s, pc.Token), http.StatusUnauthorized, "invalid_token")
}
