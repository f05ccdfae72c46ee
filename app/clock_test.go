package app

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// forcedVariant draws a theme in one variant whatever the system's, so
// golden files exist for both.
type forcedVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (f forcedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.v)
}

// assertBothThemes compares the window with testdata/name_light.xml and
// name_dark.xml, and leaves the app's theme as it found it.
func (h *harness) assertBothThemes(name string) {
	h.t.Helper()
	s := h.app.Settings()
	was := s.Theme()
	defer s.SetTheme(was)
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		s.SetTheme(forcedVariant{withContrast(theme.DefaultTheme()), v})
		h.assertMarkup(name + "_" + variantName(v) + ".xml")
		h.screenshot(name + "_" + variantName(v) + ".png")
	}
}

// screenshot writes the window as a picture under $IOBEYA_ARTIFACTS, for
// a person to look at; without it, nothing.
func (h *harness) screenshot(name string) {
	h.t.Helper()
	dir := os.Getenv("IOBEYA_ARTIFACTS")
	if dir == "" {
		return
	}
	if h.lang == words.PrefFrench {
		dir = filepath.Join(dir, "fr")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			h.t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		h.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.ui.win.Canvas().Capture()); err != nil {
		h.t.Fatal(err)
	}
}

// position is where o is in the window.
func (h *harness) position(o fyne.CanvasObject) fyne.Position {
	return h.app.Driver().AbsolutePositionForObject(o)
}

// TestCardFollowsTheClock: as time passes without a check, the token enters
// its warning window, then expires; every sentence, the banner and the main
// button follow the badge.
func TestCardFollowsTheClock(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateNone))
	ready := statusWith(companion.StateValid)
	ready.ExpiresAt = testNow.Add(7*day + time.Hour) // the warning window starts in an hour
	ready.CheckedAt = testNow
	h.core.generated = companion.Generated{Status: ready}
	h.start()
	h.tap("Generate token…")
	h.confirmation().Confirm()
	h.settle()
	if !strings.Contains(h.shownText(), "Your new token is ready.") {
		t.Fatal("no news after generating")
	}
	// The platform, asked again, says what it said: the clock alone moves.
	h.core.status = ready

	h.advance(2 * time.Hour)
	shown := h.shownText()
	for _, want := range []string{"Expires soon", "Your token expires in 7 days (4 December 2026). Generate a new one soon.", "Generate a new token…", "Copy for Power Automate"} {
		if !strings.Contains(shown, want) {
			t.Errorf("in the warning window the card does not say %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "Your new token is ready.") {
		t.Error("\"Your new token is ready.\" outlives the change of state")
	}
	if h.hasButton("Revoke and generate new…") {
		t.Error("two ways to replace the token")
	}
	h.assertBothThemes("token_clock_expiring")

	h.advance(7 * day)
	shown = h.shownText()
	for _, want := range []string{"Expired", "Your token expired on 4 December 2026. Generate a new one.", "Generate a new token…"} {
		if !strings.Contains(shown, want) {
			t.Errorf("once expired the card does not say %q:\n%s", want, shown)
		}
	}
	for _, wrong := range []string{"token works", "expires in", "Copy for Power Automate"} {
		if strings.Contains(shown, wrong) {
			t.Errorf("the expired card still says %q:\n%s", wrong, shown)
		}
	}
	h.assertBothThemes("token_clock_expired")
	h.ui.win.Canvas().Unfocus()
	h.key(fyne.KeyReturn)
	if !strings.Contains(h.shownText(), "Generate a new token?") {
		t.Fatal("Enter on the expired card does not offer a new token")
	}
}

// TestCoreSentenceExpires: the core's "works but expires in 5 minutes"
// does not stay under an "Expired" badge.
func TestCoreSentenceExpires(t *testing.T) {
	st := statusWith(companion.StateExpiring)
	st.ExpiresAt = testNow.Add(5 * time.Minute)
	st.Message = "Your token works but expires in 5 minutes (27 November 2026). Generate a new one soon."
	h := newHarness(t, st).start()
	h.advance(6 * time.Minute)
	shown := h.shownText()
	if !strings.Contains(shown, "Expired") || strings.Contains(shown, "works but expires") {
		t.Fatalf("after the expiry the card says:\n%s", shown)
	}
}

// TestExpiringMainAction: in the warning window the first button is
// "Generate a new token…", it has the focus and sits above the fold of the
// default window, and it asks before replacing.
func TestExpiringMainAction(t *testing.T) {
	for _, state := range []companion.State{companion.StateExpiring, companion.StateExpired, companion.StateRevoked} {
		t.Run(string(state), func(t *testing.T) {
			h := newHarness(t, statusWith(state)).start()
			b := h.button("Generate a new token…")
			if f, ok := h.ui.win.Canvas().Focused().(*actionButton); !ok || f != b {
				t.Error("the new-token button does not have the focus")
			}
			if pos := h.position(b); pos.Y+b.Size().Height > h.ui.win.Canvas().Size().Height {
				t.Errorf("the button is below the fold, at %v", pos)
			}
			if h.hasButton("Copy for Power Automate") {
				if c := h.button("Copy for Power Automate"); h.position(c).Y < h.position(b).Y {
					t.Error("Copy comes before the new-token button")
				}
			}
			h.tap("Generate a new token…")
			h.confirmation() // fails the test if none is open
			if h.core.count("Regenerate") != 0 {
				t.Fatal("regenerated without confirmation")
			}
		})
	}
	h := newHarness(t, statusWith(companion.StateValid)).start()
	if h.hasButton("Generate a new token…") {
		t.Error("a valid token offers a new one as its main action")
	}
}

// TestNoticePasses: news fades after noticeLasts, keeping its room so
// nothing moves; copying leaves it where it is.
func TestNoticePasses(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateNone)).start()
	h.core.generated = companion.Generated{Status: statusWith(companion.StateValid)}
	h.tap("Generate token…")
	h.confirmation().Confirm()
	h.settle()
	copyBtn := h.button("Copy for Power Automate")
	before := h.position(copyBtn)
	h.tap("Copy for Power Automate")
	h.settle()
	if !strings.Contains(h.shownText(), "Your new token is ready.") {
		t.Error("copying took the news away, moving the button under the mouse")
	}
	if after := h.position(copyBtn); after != before {
		t.Errorf("copying moved the button from %v to %v", before, after)
	}
	h.advance(noticeLasts)
	if strings.Contains(h.shownText(), "Your new token is ready.") {
		t.Error("the news stays after it has passed")
	}
	if after := h.position(copyBtn); after != before {
		t.Errorf("the news went and moved the button from %v to %v", before, after)
	}
}

// TestClipboardClearedPasses: "Clipboard cleared." goes after a while, and
// its line keeps its room.
func TestClipboardClearedPasses(t *testing.T) {
	h := newHarness(t, statusWith(companion.StateValid)).start()
	copyBtn := h.button("Copy for Power Automate")
	revoke := h.button("Revoke…")
	before := h.position(revoke)
	h.tap("Copy for Power Automate")
	h.settle()
	if after := h.position(revoke); after != before {
		t.Errorf("the countdown moved the buttons under it from %v to %v", before, after)
	}
	h.advance(time.Duration(h.ui.settings.ClipboardClearSeconds) * time.Second)
	label := h.ui.clip.labels[0]
	if label.Text != "Clipboard cleared." {
		t.Fatalf("label %q", label.Text)
	}
	h.advance(noticeLasts)
	if label.Text != "" || !label.Visible() {
		t.Errorf("label %q (visible %v) after it passed", label.Text, label.Visible())
	}
	_ = copyBtn
}
