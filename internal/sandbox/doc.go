// Package sandbox is a stand-in iObeya platform over real HTTP, in the real
// platforms' shape: the OAuth authorization server under /s/oauth (sign-in
// and consent pages, PKCE, refresh tokens, revocation, a public and a
// confidential client), the API facade's rooms and boards, the
// personal-access-token API of docs/platform-api.md, and the web page where
// people generate, copy, check and revoke their token.
//
// It is the desktop app's built-in demo platform and the platform every
// integration test talks to. It deliberately does not import client/, so a
// change to the contract made on one side only fails the tests.
package sandbox
