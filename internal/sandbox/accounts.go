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
}

var demoAccounts = []Account{
	{ID: "u_alice", Email: "alice@example.com", Name: "Alice Martin", Password: "demo-alice"},
	{ID: "u_bob", Email: "bob@example.com", Name: "Bob Lee", Password: "demo-bob"},
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
	return strings.Join(names, " or ")
}
