package cli

import (
	"os"
	"testing"
)

// TestDevNullIsNotATerminal: /dev/null is a character device, but nobody
// reads the confirmation prompt there.
func TestDevNullIsNotATerminal(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Skipf("skipped: %s cannot be opened here: %v", os.DevNull, err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("%s counts as a terminal: a command would wait for a confirmation nobody can type", os.DevNull)
	}
}
