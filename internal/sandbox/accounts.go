package sandbox

import (
	"crypto/subtle"
	"strings"
)

// Account is a demo account of the sandbox. Its password is shown on the
// sign-in page: these accounts protect nothing.
type Account struct {
	ID       string // the PAT's sub and /v1/me's id
	Email    string
	Name     string
	Password string
	// APIAccess is whether the account may use the public API facade
	// (rooms, boards): without it a valid token gets 403, as for a user
	// whose plan or permissions exclude the API.
	APIAccess bool
}

var demoAccounts = []Account{
	{ID: "u_alice", Email: "alice@example.com", Name: "Alice Martin", Password: "demo-alice", APIAccess: true},
	{ID: "u_bob", Email: "bob@example.com", Name: "Bob Lee", Password: "demo-bob", APIAccess: true},
	{ID: "u_carol", Email: "carol@example.com", Name: "Carol Diaz", Password: "demo-carol"},
}

// DemoAccounts lists the accounts anyone can sign in with.
func DemoAccounts() []Account {
	return append([]Account(nil), demoAccounts...)
}

func accountByEmail(email string) *Account {
	email = strings.ToLower(strings.TrimSpace(email))
	for i := range demoAccounts {
		if demoAccounts[i].Email == email {
			return &demoAccounts[i]
		}
	}
	return nil
}

func accountByID(id string) *Account {
	for i := range demoAccounts {
		if demoAccounts[i].ID == id {
			return &demoAccounts[i]
		}
	}
	return nil
}

// checkPassword answers the account for a correct e-mail and password, or nil.
func checkPassword(email, password string) *Account {
	a := accountByEmail(email)
	if a == nil || subtle.ConstantTimeCompare([]byte(a.Password), []byte(password)) != 1 {
		return nil
	}
	return a
}

func demoEmails() string {
	var names []string
	for _, a := range demoAccounts {
		names = append(names, a.Email)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
