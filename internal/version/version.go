// Package version holds the release this binary was built from, stamped at
// link time by `make build` and `make package`:
//
//	go build -ldflags "-X github.com/iobeya-token/iobeya-token/internal/version.Version=1.2.3"
package version

// Name is the product's name as people see it. It is FyneApp.toml's
// Details.Name; the packaging tests fail if the two drift apart.
const Name = "iObeya Token"

// Version is the release, from `git describe` or VERSION=; "dev" in a plain
// `go build` or `go run`.
var Version = "dev"

// Title returns how a version is shown to people: "iObeya Token 1.2.3".
// An empty v stands for this binary's Version.
func Title(v string) string {
	if v == "" {
		v = Version
	}
	return Name + " " + v
}
