package app

import (
	"errors"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// TestUnstoredLeavesNoLabels: each "shown once" dialog has its own copy
// countdown; closing the dialog lets it go, so the keeper does not grow
// with every dialog.
func TestUnstoredLeavesNoLabels(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateNone)).start()
	h.core.generated = companion.Generated{Status: statusWith(companion.StateNone), Unstored: h.jwt}
	h.core.generateErr = &companion.NotStoredError{Cause: errors.New("the keychain is locked")}
	before := len(h.ui.clip.labels)
	for range 5 {
		h.tap("Generate token…")
		h.confirmation().Confirm()
		h.settle()
		if got := len(h.ui.clip.labels); got != before+1 {
			t.Fatalf("%d countdown labels while the dialog is open, want %d", got, before+1)
		}
		h.tap("Copy token only")
		h.tap("I have saved it")
	}
	if got := len(h.ui.clip.labels); got != before {
		t.Fatalf("%d countdown labels after 5 dialogs closed, want %d", got, before)
	}
}
