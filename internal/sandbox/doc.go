// Package sandbox is a stand-in iObeya platform over real HTTP: the OAuth
// authorization server (sign-in and consent pages, PKCE, refresh tokens,
// revocation) and the personal-access-token API of docs/platform-api.md.
//
// It is the desktop app's built-in demo platform and the platform every
// integration test talks to. It deliberately does not import client/, so a
// change to the contract made on one side only fails the tests.
package sandbox
