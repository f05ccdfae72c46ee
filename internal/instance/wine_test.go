//go:build linux

package instance

import (
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// TestInstanceUnderWine runs this package's tests built for Windows under
// Wine: the named pipe, its owner check, the lock and the protocol, with
// a second agent process killed and replaced (TestKilledAgent).
func TestInstanceUnderWine(t *testing.T) {
	exe := testenv.WindowsTest(t, "./internal/instance")
	w := testenv.NewWine(t)
	r := w.Run(t, "", exe, "-test.v", "-test.timeout", "90s")
	if r.Code != 0 || !strings.Contains(r.Stdout, "--- PASS: TestKilledAgent") {
		t.Fatalf("the Windows tests under Wine: %s", r)
	}
}
