package companion

import (
	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/token"
)

// AccountUnnamed is the account of a session whose platform did not say
// who signed in (no /v1/me, and an access token that is not a JWT): the
// user is signed in, without a name. It reads well where front ends name
// the account ("a token for you on acme.iobeya.com"); status --json shows
// it as no account.
const AccountUnnamed = "you"

// userFromToken names the account from a JWT's claims (email, else sub),
// for platforms without /v1/me; AccountUnnamed when raw is no JWT or
// names nobody.
func userFromToken(raw string) *client.User {
	info, err := token.Inspect(raw)
	if err != nil {
		return &client.User{Email: AccountUnnamed}
	}
	return &client.User{ID: info.Subject, Email: accountOf(info), DisplayName: info.Name}
}

// accountOf is the account a token names: its e-mail address, else its
// subject, else AccountUnnamed.
func accountOf(info *token.Info) string {
	switch {
	case info.Email != "":
		return info.Email
	case info.Subject != "":
		return info.Subject
	}
	return AccountUnnamed
}
