package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// TestCopyForPowerAutomate: the clipboard gets exactly "Bearer <jwt>", the
// countdown shows, and the clipboard is cleared when it runs out, only if
// it still holds what was copied.
func TestCopyForPowerAutomate(t *testing.T) {
	tests := []struct {
		name      string
		delay     int
		userCopy  string // what the user copies meanwhile; "" for nothing
		wantAfter string // clipboard once the delay has passed
		wantLabel string
	}{
		{name: "cleared after the delay", delay: 30, wantAfter: "", wantLabel: "Clipboard cleared."},
		{name: "kept when the user copied something else", delay: 30, userCopy: "my own note", wantAfter: "my own note", wantLabel: ""},
		{name: "short delay", delay: 10, wantAfter: "", wantLabel: "Clipboard cleared."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, statusWith(companion.StateValid))
			h.core.settings.ClipboardClearSeconds = tt.delay
			h.ui.settings = h.core.Settings()
			h.start()
			h.tap("Copy for Power Automate")
			h.settle()
			cb := h.app.Clipboard()
			if got := cb.Content(); got != "Bearer "+h.jwt {
				t.Fatalf("clipboard holds %d characters, want exactly the Bearer header", len(got))
			}
			label := h.ui.clip.labels[0]
			if want := "Copied — clipboard clears in " + seconds(tt.delay); label.Text != want {
				t.Fatalf("label %q, want %q", label.Text, want)
			}
			h.advance(time.Duration(tt.delay-1) * time.Second)
			if label.Text != "Copied — clipboard clears in 1 s" {
				t.Fatalf("one second before: label %q", label.Text)
			}
			if cb.Content() != "Bearer "+h.jwt {
				t.Fatal("cleared before the delay")
			}
			if tt.userCopy != "" {
				cb.SetContent(tt.userCopy)
			}
			h.advance(time.Second)
			if got := cb.Content(); got != tt.wantAfter {
				t.Fatalf("after the delay the clipboard holds %q, want %q", got, tt.wantAfter)
			}
			if label.Text != tt.wantLabel {
				t.Fatalf("label %q, want %q", label.Text, tt.wantLabel)
			}
		})
	}
}

// TestCopyClearingOff: with clearing off, the clipboard keeps the token,
// even on quit, and the label says so.
func TestCopyClearingOff(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid))
	h.core.settings.ClipboardClearSeconds = 0
	h.ui.settings = h.core.Settings()
	h.start()
	h.tap("Copy for Power Automate")
	h.settle()
	h.advance(5 * time.Minute)
	if h.app.Clipboard().Content() != "Bearer "+h.jwt {
		t.Fatal("cleared although clearing is off")
	}
	if l := h.ui.clip.labels[0].Text; !strings.Contains(l, "not cleared automatically") {
		t.Fatalf("label %q does not say the clipboard stays", l)
	}
	h.ui.Quit()
	if h.app.Clipboard().Content() != "Bearer "+h.jwt {
		t.Fatal("cleared on quit although clearing is off")
	}
}

// TestQuitClearsClipboard: Quit clears the clipboard only if it still holds
// the copied token.
func TestQuitClearsClipboard(t *testing.T) {
	for _, userCopy := range []string{"", "something of mine"} {
		t.Run("user copy "+userCopy, func(t *testing.T) {
			h := newHarness(t, statusWith(companion.StateValid)).start()
			h.tap("Copy for Power Automate")
			h.settle()
			want := ""
			if userCopy != "" {
				h.app.Clipboard().SetContent(userCopy)
				want = userCopy
			}
			var note *fyne.Notification
			if userCopy == "" {
				note = fyne.NewNotification(word(words.AppClipClearedTitle), word(words.AppClipClearedOnQuit))
			}
			// Said when it empties the clipboard, and only then.
			test.AssertNotificationSent(t, note, h.ui.Quit)
			if got := h.app.Clipboard().Content(); got != want {
				t.Fatalf("after quit the clipboard holds %q, want %q", got, want)
			}
		})
	}
}

// TestStoppedOtherwiseClearsClipboard: when the app's loop ends without
// our Quit (a signal, the session ending), Stopped still clears a copy
// that is counting down, through the system's clipboard it is given
// (Fyne's went with the loop), and says so once. The UI sets no stop hook
// of its own: Fyne 2.7.1 runs that hook on a queue it is closing at the
// same moment, which made the app panic ("send on closed channel") or hang
// as it quit.
func TestStoppedOtherwiseClearsClipboard(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	hooks, ok := h.app.Lifecycle().(interface{ OnStopped() func() })
	if !ok {
		t.Fatal("Fyne's lifecycle no longer says which stop hook is set; check the comment in New")
	}
	if hooks.OnStopped() != nil {
		t.Fatal("the UI set a stop hook, which Fyne 2.7.1 runs on a closing queue")
	}
	h.tap("Copy for Power Automate")
	h.settle()
	system := test.NewClipboard()
	system.SetContent(h.app.Clipboard().Content())
	note := fyne.NewNotification(word(words.AppClipClearedTitle), word(words.AppClipClearedOnQuit))
	test.AssertNotificationSent(t, note, func() { h.ui.Stopped(system) })
	if got := system.Content(); got != "" {
		t.Fatalf("after the app stopped the system clipboard holds %d characters, want none", len(got))
	}
	if h.app.Clipboard().Content() == "" {
		t.Fatal("Stopped used Fyne's clipboard, which is gone once the loop has ended")
	}
	// Once is enough: a second call sends nothing more.
	test.AssertNotificationSent(t, nil, func() { h.ui.Stopped(system) })
}

// TestStoppedWithoutAClipboard: with no system clipboard to reach, Stopped
// leaves the clipboard alone and says nothing of clearing it.
func TestStoppedWithoutAClipboard(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	h.tap("Copy for Power Automate")
	h.settle()
	test.AssertNotificationSent(t, nil, func() { h.ui.Stopped(nil) })
	if h.app.Clipboard().Content() != "Bearer "+h.jwt {
		t.Fatal("Stopped(nil) touched Fyne's clipboard, which is gone once the loop has ended")
	}
}

// TestOtherFormats: the secondary choices copy the other formats.
func TestOtherFormats(t *testing.T) {
	tests := []struct {
		item   string
		format companion.Format
		hint   string // where it goes, said under the buttons
	}{
		{"Token only", companion.FormatToken, "the token alone"},
		{"Authorization line (Authorization: Bearer …)", companion.FormatHeader, "a whole header line"},
		{"Headers as JSON", companion.FormatPowerAutomate, "switch Headers to text mode"},
	}
	for i, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			h := newHarness(t, statusWith(companion.StateValid)).start()
			h.tap("Other formats…")
			if !h.menuOpen() || !strings.Contains(h.markup(), tt.item) {
				t.Fatalf("no menu with %q", tt.item)
			}
			// With the keyboard, as the menu has the focus: down to the item, Enter.
			for range i + 1 {
				h.key(fyne.KeyDown)
			}
			h.key(fyne.KeyReturn)
			h.settle()
			if got, want := h.app.Clipboard().Content(), h.core.headers[tt.format]; got != want {
				t.Fatalf("clipboard: got %d characters, want the %s format", len(got), tt.format)
			}
			if n := h.core.count("Header(" + string(tt.format) + ")"); n != 1 {
				t.Fatalf("%d reads of the %s format", n, tt.format)
			}
			if !strings.Contains(h.shownText(), tt.hint) {
				t.Errorf("the hint does not follow the format (%q):\n%s", tt.hint, h.shownText())
			}
			if tt.format == companion.FormatPowerAutomate {
				h.assertBothThemes("token_copied_json")
			}
		})
	}
}

// TestCopyRechecksOldStatus: a copy checks the platform again when its last
// answer is older than an hour, and not otherwise.
func TestCopyRechecksOldStatus(t *testing.T) {
	for _, age := range []time.Duration{2 * time.Minute, 61 * time.Minute} {
		t.Run(age.String(), func(t *testing.T) {
			st := statusWith(companion.StateValid)
			st.CheckedAt = testNow.Add(-age)
			h := newHarness(t, st)
			h.core.online = &st // the start-up check answers the same age
			h.start()
			before := h.core.count("Status(offline=false)")
			h.tap("Copy for Power Automate")
			h.settle()
			got := h.core.count("Status(offline=false)") - before
			want := 0
			if age > time.Hour {
				want = 1
			}
			if got != want {
				t.Fatalf("%d checks after a copy with a %s old status, want %d", got, age, want)
			}
		})
	}
}

// memClipboard is a clipboard of its own, as Deps.Clipboard gives (on
// Windows, the marked one).
type memClipboard struct{ content string }

func (m *memClipboard) Content() string        { return m.content }
func (m *memClipboard) SetContent(text string) { m.content = text }

// TestCopyThroughDepsClipboard: with Deps.Clipboard set, the token is
// copied there and cleared there after the delay, and Fyne's clipboard is
// never used.
func TestCopyThroughDepsClipboard(t *testing.T) {
	own := &memClipboard{}
	h := newHarness(t, statusWith(companion.StateValid), func(_ *harness, d *Deps) { d.Clipboard = own })
	h.core.settings.ClipboardClearSeconds = 10
	h.ui.settings = h.core.Settings()
	h.start()
	h.tap("Copy for Power Automate")
	h.settle()
	if own.content != "Bearer "+h.jwt {
		t.Fatalf("Deps.Clipboard holds %d characters, want exactly the Bearer header", len(own.content))
	}
	if got := h.app.Clipboard().Content(); got != "" {
		t.Fatalf("Fyne's clipboard holds %d characters, want nothing", len(got))
	}
	h.advance(10 * time.Second)
	if own.content != "" {
		t.Fatalf("after the delay Deps.Clipboard still holds %d characters", len(own.content))
	}
}
