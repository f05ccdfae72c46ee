// Package client speaks the iObeya platform contract of docs/platform-api.md:
// platform addresses, OAuth discovery, the personal access token (PAT) API,
// who-am-I and token revocation.
//
// It is pure Go (standard library only) so the desktop app, the command line
// and the tests share one implementation. Every call takes a context and has a
// deadline; errors are typed (see the Err* sentinels and *APIError) and never
// contain a token.
package client
