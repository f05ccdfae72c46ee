package cli

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/sandbox"
)

// demoStarter stands in for the program's demo platform: the test's sandbox,
// counting starts and stops.
type demoStarter struct {
	url          string
	err          error
	starts, stop int
	dirs         []string
}

func (d *demoStarter) start(_ context.Context, dir string) (string, func() error, error) {
	d.dirs = append(d.dirs, dir)
	if d.err != nil {
		return "", nil, d.err
	}
	d.starts++
	return d.url, func() error { d.stop++; return nil }, nil
}

func (e *env) runDemo(d *demoStarter, args ...string) result {
	e.t.Helper()
	var out, errb strings.Builder
	io := e.io("", false, &out, &errb)
	io.StartDemo = d.start
	code := Run(context.Background(), args, io)
	return result{out.String(), errb.String(), code}
}

func TestLoginOnTheDemoPlatform(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	d := &demoStarter{url: e.srv.URL()}

	r := e.runDemo(d, "login", "--platform", "Demo", "--timeout", "20s")
	if r.code != ExitOK || !strings.Contains(r.stdout, "Signed in as alice@example.com") {
		t.Fatalf("login --platform demo: %s", r)
	}
	if d.starts != 1 || d.stop != 1 {
		t.Fatalf("demo platform started %d and stopped %d times during login, want 1 and 1", d.starts, d.stop)
	}
	if d.dirs[0] != e.dir {
		t.Fatalf("demo platform state kept in %q, want the settings folder %q", d.dirs[0], e.dir)
	}

	// Later commands that talk to the platform start it again; offline
	// ones and the local ones do not.
	if r := e.runDemo(d, "generate", "--yes"); r.code != ExitOK {
		t.Fatalf("generate on the demo platform: %s", r)
	}
	if d.starts != 2 {
		t.Fatalf("generate started the demo platform %d times in all, want 2", d.starts)
	}
	if r := e.runDemo(d, "status", "--offline"); r.code != ExitOK {
		t.Fatalf("status --offline: %s", r)
	}
	if r := e.runDemo(d, "header"); r.code != ExitOK {
		t.Fatalf("header: %s", r)
	}
	if d.starts != 2 {
		t.Fatalf("status --offline or header started the demo platform (%d starts)", d.starts)
	}
	r = e.runDemo(d, "status")
	if r.code != ExitOK || !strings.Contains(r.stdout, "checked with the platform") {
		t.Fatalf("status on the demo platform: %s", r)
	}
	if d.starts != 3 || d.stop != 3 {
		t.Fatalf("starts %d stops %d, want 3 and 3", d.starts, d.stop)
	}
}

func TestDemoPlatformProblems(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	tests := []struct {
		name    string
		starter *demoStarter // nil: the program has no demo platform
		want    string
	}{
		{"not in this program", nil, "The demo platform is not part of this program."},
		{"cannot start", &demoStarter{err: errors.New("listen tcp 127.0.0.1:47613: bind: address already in use")}, "The demo platform could not start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r result
			if tt.starter == nil {
				r = e.run("login", "--platform", "demo")
			} else {
				r = e.runDemo(tt.starter, "login", "--platform", "demo")
			}
			if r.code != ExitError || !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("got %s, want exit 1 and %q", r, tt.want)
			}
			if strings.Contains(r.stderr, "bind:") {
				t.Fatalf("a raw Go error reached the user: %s", r.stderr)
			}
			if e.run("status", "--offline").code != ExitNoToken {
				t.Fatal("a failed demo start left a platform configured")
			}
		})
	}
}
