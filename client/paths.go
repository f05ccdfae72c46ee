package client

import (
	"fmt"
	"strings"
)

// Paths are the request paths of the platform contract. Real platforms do not
// document their PAT endpoints, so every path lives here and can be replaced
// with WithPaths.
type Paths struct {
	Discovery         string // on the platform origin (RFC 8414)
	DiscoveryFallback string // on the platform origin (OpenID Connect discovery)
	PAT               string // under the API facade's base URL
	Me                string // under the API facade's base URL
	Rooms             string // under the API facade's base URL: the public API call CheckAPIAccess makes
}

// DefaultPaths are the paths of docs/platform-api.md.
func DefaultPaths() Paths {
	return Paths{
		Discovery:         "/.well-known/oauth-authorization-server",
		DiscoveryFallback: "/.well-known/openid-configuration",
		PAT:               "/personal-access-token",
		Me:                "/me",
		Rooms:             "/rooms",
	}
}

// merge returns p with its empty fields taken from def, and checks that every
// path is a plain absolute path (no query, fragment, "..", or scheme) so a
// configuration mistake cannot send a token somewhere else.
func (p Paths) merge(def Paths) (Paths, error) {
	fields := []struct {
		name string
		v    *string
		d    string
	}{
		{"Discovery", &p.Discovery, def.Discovery},
		{"DiscoveryFallback", &p.DiscoveryFallback, def.DiscoveryFallback},
		{"PAT", &p.PAT, def.PAT},
		{"Me", &p.Me, def.Me},
		{"Rooms", &p.Rooms, def.Rooms},
	}
	for _, f := range fields {
		if *f.v == "" {
			*f.v = f.d
			continue
		}
		if err := checkPath(*f.v); err != nil {
			return Paths{}, fmt.Errorf("path %s %q: %w", f.name, *f.v, err)
		}
	}
	return p, nil
}

func checkPath(p string) error {
	switch {
	case !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//"):
		return fmt.Errorf("must start with a single /")
	case strings.ContainsAny(p, "?#\\ \t\r\n%"):
		return fmt.Errorf("must be a plain path without query, fragment, escapes or spaces")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return fmt.Errorf("must not contain . or .. segments")
		}
	}
	return nil
}
