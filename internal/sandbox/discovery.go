package sandbox

import (
	"net/http"
)

// metadata is the authorization server metadata (RFC 8414), with the
// contract's api_base_url extension.
type metadata struct {
	Issuer                            string   `json:"issuer"`
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	RevocationEndpoint                string   `json:"revocation_endpoint"`
	JWKSURI                           string   `json:"jwks_uri"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	GrantTypesSupported               []string `json:"grant_types_supported"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
	RevocationAuthMethodsSupported    []string `json:"revocation_endpoint_auth_methods_supported"`
	IssParameterSupported             bool     `json:"authorization_response_iss_parameter_supported"`
	ScopesSupported                   []string `json:"scopes_supported"`
	APIBaseURL                        string   `json:"api_base_url"`
}

// clientAuthMethods: none for the public client, a secret in HTTP Basic or
// in the form for the confidential one.
var clientAuthMethods = []string{"none", "client_secret_basic", "client_secret_post"}

func (s *Server) handleDiscovery(w http.ResponseWriter, _ *http.Request) {
	known, _ := s.scopes()
	methods := []string{"S256"}
	if s.cfg.WithoutS256 {
		methods = []string{"plain"}
	}
	writeJSON(w, http.StatusOK, metadata{
		Issuer:                            s.issuer(),
		AuthorizationEndpoint:             s.url + authorizePath,
		TokenEndpoint:                     s.url + tokenPath,
		RevocationEndpoint:                s.url + revokePath,
		JWKSURI:                           s.url + jwksPath,
		ResponseTypesSupported:            []string{"code"},
		GrantTypesSupported:               []string{"authorization_code", "refresh_token"},
		CodeChallengeMethodsSupported:     methods,
		TokenEndpointAuthMethodsSupported: clientAuthMethods,
		RevocationAuthMethodsSupported:    clientAuthMethods,
		IssParameterSupported:             true,
		ScopesSupported:                   known,
		APIBaseURL:                        s.url + "/v1",
	}, false)
}

func (s *Server) handleJWKS(w http.ResponseWriter, _ *http.Request) {
	key, err := s.signingKey()
	if err != nil {
		panic(err) // no randomness: a real failure, answered 500 by the middleware
	}
	writeJSON(w, http.StatusOK, struct {
		Keys []jwk `json:"keys"`
	}{[]jwk{key.jwk()}}, false)
}

// signingKey answers the PAT signing key, made on first use when there is no
// state file (it costs tens of milliseconds, which most tests never need).
func (s *Server) signingKey() (*signingKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.signingKeyLocked()
}

func (s *Server) signingKeyLocked() (*signingKey, error) {
	if s.key == nil {
		k, err := newSigningKey()
		if err != nil {
			return nil, err
		}
		s.key = k
	}
	return s.key, nil
}
