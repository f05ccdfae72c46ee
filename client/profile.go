package client

import "strings"

// The iObeya profile: what is publicly known of real iObeya platforms
// (iObeya's certified Power Platform connector, docs/platform-api.md §2.1).
// It describes a platform that serves no discovery document.
const (
	profileAuthorizePath = "/s/oauth/authorize"
	profileTokenPath     = "/s/oauth/token"
	// ProfileScope is the scope of the public API ("api") with a refresh
	// token ("offline_access"), as the connector asks for it.
	ProfileScope = "api offline_access"
)

// ourScopes are the scopes this app may ask for, in the order it asks.
var ourScopes = []string{"api", "personal-access-token", "offline_access"}

// chooseScope asks for those of ourScopes the platform lists; a platform
// that lists none of them (or nothing) gets ProfileScope.
func chooseScope(supported []string) string {
	var s []string
	for _, want := range ourScopes {
		for _, have := range supported {
			if have == want {
				s = append(s, want)
				break
			}
		}
	}
	if len(s) == 0 || len(s) == 1 && s[0] == "offline_access" {
		return ProfileScope
	}
	return strings.Join(s, " ")
}

// profile describes the configured platform from the public facts. Every
// endpoint is on the configured host, so a mix-up (RFC 9700 §4.4) would need
// the configured host itself to be the attacker's: no issuer check is
// possible without a document, and the host the user typed is the defence.
// The platform publishes no revocation endpoint or keys that we know of.
func (c *Client) profile() *Metadata {
	m := &Metadata{
		Issuer:                c.platform.String(),
		AuthorizationEndpoint: c.platformURL(profileAuthorizePath).String(),
		TokenEndpoint:         c.platformURL(profileTokenPath).String(),
		Scope:                 ProfileScope,
		APIBase:               DeriveAPIBase(c.platform).String(),
		Sources:               Sources{Endpoints: SourceProfile, APIBase: SourceProfile, Scope: SourceProfile},
	}
	if c.apiOverride != nil {
		m.APIBase = c.apiOverride.String()
		m.Sources.APIBase = SourceConfig
	}
	return m
}
