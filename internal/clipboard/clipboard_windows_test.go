package clipboard

import (
	"context"
	"testing"
	"time"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// TestWindowsClipboardMarked: a copy goes on Windows' clipboard with the
// marks that keep it out of clipboard history and the cloud clipboard,
// reads back whole, and is cleared only while unchanged.
func TestWindowsClipboardMarked(t *testing.T) {
	cb, err := System(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	value := "Bearer " + testenv.FakeJWT(`{"sub":"clipboard-test","name":"Zoë"}`)
	if err := cb.Write(ctx, value); err != nil {
		t.Fatal(err)
	}
	if marked, err := hasMarks(ctx); err != nil || !marked {
		t.Errorf("the copy is not marked for clipboard history and cloud sync (%v)", err)
	}
	if got, err := cb.Read(ctx); err != nil || got != value {
		t.Fatalf("the clipboard holds %d bytes, not the value (%v)", len(got), err)
	}
	if cleared, err := ClearIfUnchanged(ctx, cb, value); err != nil || !cleared {
		t.Fatalf("ClearIfUnchanged = %v, %v", cleared, err)
	}
	if got, _ := cb.Read(ctx); got != "" {
		t.Errorf("after clearing the clipboard holds %q", got)
	}
	if err := cb.Write(ctx, "the user's own text"); err != nil {
		t.Fatal(err)
	}
	if marked, _ := hasMarks(ctx); !marked {
		t.Error("a plain copy of ours is not marked either")
	}
	if cleared, err := ClearIfUnchanged(ctx, cb, value); err != nil || cleared {
		t.Errorf("ClearIfUnchanged with other content = %v, %v", cleared, err)
	}
	if got, _ := cb.Read(ctx); got != "the user's own text" {
		t.Errorf("the user's text became %q", got)
	}
}
