// Package signin signs a user in to their iObeya platform through their own
// browser: the OAuth 2.0 authorization code flow for native apps (RFC 8252)
// with PKCE S256 (RFC 7636), a fresh state, a loopback redirect on
// 127.0.0.1, and the issuer checks of RFC 9207 and RFC 9700. It also keeps
// the resulting session (access and refresh tokens) in a SecretStore — the
// OS keychain — and refreshes or ends it.
package signin
