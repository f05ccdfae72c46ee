// Package client speaks the iObeya platform contract of docs/platform-api.md:
// platform addresses (ParseAddress), OAuth discovery or, where the platform
// serves none, the iObeya profile of public facts (Discover), the personal
// access token (PAT) API, the check a Power Automate flow would make
// (CheckAPIAccess), who-am-I and token revocation as the configured OAuth
// client (WithOAuthClient).
//
// It is pure Go (the standard library, and internal/tokenlimit for the one
// token size limit) so the desktop app, the command line
// and the tests share one implementation. Every call takes a context and has a
// deadline; errors are typed (see the Err* sentinels, *APIError,
// *NotConfirmedError, *NotOfferedError and *AccessError) and never contain a
// token or a client secret. A write is confirmed only by the contract's
// success answer received whole.
package client
