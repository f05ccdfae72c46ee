package signin

import (
	"strings"

	"golang.org/x/oauth2"

	"github.com/iobeya-token/iobeya-token/client"
)

// oauthConfig is the x/oauth2 configuration of cl's OAuth client on the
// platform described by meta: the one place the client secret leaves
// client.ClientSecret, for x/oauth2 to send it to the token endpoint only.
// scope overrides the platform's scope when not empty.
func oauthConfig(cl *client.Client, meta *client.Metadata, scope []string) *oauth2.Config {
	oc := cl.OAuthClient()
	if len(scope) == 0 {
		scope = strings.Fields(meta.Scope)
	}
	return &oauth2.Config{
		ClientID:     oc.ID,
		ClientSecret: oc.Secret.Reveal(),
		Endpoint: oauth2.Endpoint{
			AuthURL:   meta.AuthorizationEndpoint,
			TokenURL:  meta.TokenEndpoint,
			AuthStyle: authStyle(oc),
		},
		Scopes: scope,
	}
}

// authStyle maps how the client sends its secret to x/oauth2's styles. A
// public client sends its ID in the form: there is no secret for Basic.
func authStyle(oc client.OAuthClient) oauth2.AuthStyle {
	if !oc.Confidential() {
		return oauth2.AuthStyleInParams
	}
	switch oc.Auth {
	case client.ClientAuthBasic:
		return oauth2.AuthStyleInHeader
	case client.ClientAuthForm:
		return oauth2.AuthStyleInParams
	}
	return oauth2.AuthStyleAutoDetect
}
