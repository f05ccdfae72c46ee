// Package token reads personal access tokens for display, verifies them
// against the platform's published keys, and decides where a token stands
// (the status model of docs/platform-api.md, section 6). It never stores,
// logs or prints a token; Mask is the only form of one fit for a screen.
package token
