package app

import (
	"errors"
	"log"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"golang.org/x/text/language"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// french starts a harness whose settings choose French.
func french(t testing.TB, st companion.Status, opts ...option) *harness {
	return newHarness(t, st, append(opts, withLanguage(words.PrefFrench))...)
}

// TestScreensInFrench renders every screen of TestScreens in French to
// golden markup under testdata/fr/, and walks it: nothing on it may be
// English.
func TestScreensInFrench(t *testing.T) {
	for _, tt := range screenCases(true) {
		t.Run(tt.name, func(t *testing.T) {
			h := french(t, tt.status, tt.opts...)
			if tt.before != nil {
				tt.before(h)
			}
			h.start()
			if tt.do != nil {
				tt.do(h)
			}
			h.assertMarkup(tt.name + ".xml")
			h.screenshot(tt.name + ".png")
			h.assertFrench("TEST-ONLY-NOT-A-TOKEN")
			close(h.core.release)
			h.settle()
		})
	}
}

// TestMoreScreensInFrench renders in French the screens other tests keep
// English golden files of, in both theme variants where they do.
func TestMoreScreensInFrench(t *testing.T) {
	t.Run("revoked_here", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid)).start()
		h.tap(word(words.AppRevoke))
		h.confirmation().Confirm()
		h.settle()
		h.assertBothThemes("revoked_here")
		h.assertFrench()
	})
	t.Run("settings_autostart", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid), withAutostart(&fakeAutostart{on: true})).start()
		h.tap(word(words.AppSettings))
		h.settle()
		h.assertMarkup("settings_autostart.xml")
		h.assertFrench()
	})
	t.Run("ask_start_at_login", func(t *testing.T) {
		h := french(t, statusWith(companion.StateNone), withAutostart(&fakeAutostart{})).start()
		h.core.generated = companion.Generated{Status: statusWith(companion.StateValid)}
		h.tap(word(words.AppGenerateToken))
		h.confirmation().Confirm()
		h.settle()
		h.assertMarkup("ask_start_at_login.xml")
		h.assertFrench()
		h.tap(word(words.AskStartAtLoginYes))
		h.settle()
		h.assertFrench()
	})
	t.Run("token_copied_json", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid)).start()
		h.tap(word(words.AppOtherFormats))
		h.assertFrench()
		for range 3 {
			h.key(fyne.KeyDown)
		}
		h.key(fyne.KeyReturn)
		h.settle()
		h.assertBothThemes("token_copied_json")
		h.assertFrench()
	})
	t.Run("token_clock", func(t *testing.T) {
		h := french(t, statusWith(companion.StateNone))
		ready := statusWith(companion.StateValid)
		ready.ExpiresAt = testNow.Add(7*day + time.Hour)
		ready.CheckedAt = testNow
		h.core.generated = companion.Generated{Status: ready}
		h.start()
		h.tap(word(words.AppGenerateToken))
		h.confirmation().Confirm()
		h.settle()
		h.assertFrench() // "Your new token is ready."
		h.core.status = ready
		h.advance(2 * time.Hour)
		h.assertBothThemes("token_clock_expiring")
		h.assertFrench()
		h.advance(7 * day)
		h.assertBothThemes("token_clock_expired")
		h.assertFrench()
		h.tap(word(words.AppGenerateNew))
		h.assertFrench() // "Generate a new token?"
	})
	t.Run("firstrun_reduced", func(t *testing.T) {
		h := french(t, companion.Status{State: companion.StateNone}).start()
		page := "https://acme.iobeya.com/app/boards?x=1#y"
		test.Type(h.ui.platform.entry, page+"x")
		h.ui.platform.entry.SetText(page)
		h.assertBothThemes("firstrun_reduced")
		h.assertFrench(page)
	})
	t.Run("change_from_demo", func(t *testing.T) {
		st := statusWith(companion.StateValid)
		st.Platform, st.PlatformURL, st.Demo = "127.0.0.1:47613", "http://127.0.0.1:47613", true
		h := french(t, st).start()
		h.tap(word(words.AppSettings))
		h.tap(word(words.AppChange))
		h.assertBothThemes("change_from_demo")
		h.assertFrench()
	})
	t.Run("signin_waiting_timeleft", func(t *testing.T) {
		h := french(t, signedOutStatus()).start()
		h.core.block["Login"], h.core.loginURL, h.core.loginOpened = true, "https://acme.iobeya.com/authorize?state=abc", true
		h.tap(word(words.AppSignInButton))
		h.waitStarted()
		h.clock.fired = nil
		h.clock.Advance(75 * time.Second)
		h.assertBothThemes("signin_waiting_timeleft")
		h.assertFrench()
		h.tap(word(words.AppCopyLink))
		h.assertFrench() // "Sign-in link copied."
		close(h.core.release)
		h.settle()
	})
}

// TestDialogsAndNoticesInFrench walks what has no golden file: menus, the
// dialogs of bringing a token in, the Advanced part, passing notices.
func TestDialogsAndNoticesInFrench(t *testing.T) {
	t.Run("loading", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid))
		h.assertFrench()
	})
	t.Run("edit menu", func(t *testing.T) {
		h := french(t, companion.Status{State: companion.StateNone}).start()
		test.TapSecondary(h.ui.platform.entry)
		h.assertFrench()
		if shown := strings.Join(h.visibleTexts(), "\n"); !strings.Contains(shown, word(words.AppEditPaste)) {
			t.Fatalf("the entry's menu is not open, or not in our words:\n%s", shown)
		}
	})
	t.Run("advanced", func(t *testing.T) {
		h := french(t, companion.Status{State: companion.StateNone}, withOAuth(&oauthFake{info: companion.OAuthClientInfo{ID: "acme-desktop", SetByIT: true, HasSecret: true}})).start()
		h.ui.platform.advanced.obj.Open(0)
		h.assertFrench("acme-desktop")
	})
	t.Run("language menu", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid)).start()
		h.tap(word(words.AppSettings))
		test.Tap(h.ui.prefs.lang)
		h.assertFrench()
	})
	t.Run("signed out", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid)).start()
		h.tap(word(words.AppSettings))
		h.tap(word(words.AppSignOut))
		h.settle()
		h.assertFrench()
	})
	t.Run("clipboard", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid)).start()
		h.tap(say().FormatLabel(string(companion.FormatBearer)))
		h.settle()
		h.advance(90 * time.Second)
		if !strings.Contains(h.shownText(), word(words.AppClipboardCleared)) {
			t.Fatalf("no %q:\n%s", word(words.AppClipboardCleared), h.shownText())
		}
		h.assertFrench()
	})
	t.Run("clipboard kept", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid))
		h.core.settings.ClipboardClearSeconds = 0
		h.start()
		h.tap(say().FormatLabel(string(companion.FormatBearer)))
		h.settle()
		h.assertFrench()
	})
	t.Run("bring token", func(t *testing.T) {
		st := statusWith(companion.StateNone)
		st.NoTokenAPI = true
		h := french(t, st, withBring(&bringFake{})).start()
		h.assertFrench()
		h.tap(word(words.AppBringButton))
		h.tap(word(words.AppBringOpen))
		h.assertFrench()
		h.ui.dialog.Dismiss()
		h.settle()
	})
	t.Run("revoke on the web", func(t *testing.T) {
		st := statusWith(companion.StateValid)
		st.BroughtIn = true
		h := french(t, st, withBring(&bringFake{})).start()
		h.tap(word(words.AppRevoke))
		h.assertFrench()
		h.confirmation().Confirm()
		h.assertFrench()
		h.confirmation().Confirm()
		h.settle()
		h.assertFrench()
	})
	t.Run("sign in again", func(t *testing.T) {
		st := statusWith(companion.StateValid)
		st.SignedIn = false
		h := french(t, st).start()
		h.tap(word(words.AppSignInEllipsis))
		h.assertFrench()
	})
	t.Run("change platform", func(t *testing.T) {
		h := french(t, statusWith(companion.StateValid)).start()
		h.tap(word(words.AppSettings))
		h.tap(word(words.AppChange))
		h.assertFrench()
	})
	t.Run("no API access", func(t *testing.T) {
		h := french(t, statusWith(companion.StateNoAccess)).start()
		h.assertFrench()
	})
}

// TestShowFatalInFrench: given French words, the start-up failure window
// is French, as its golden file shows.
func TestShowFatalInFrench(t *testing.T) {
	test.NewTempApp(t)
	defer speak(words.PrefEnglish)
	p := companion.ExplainIn(words.New(language.French), &companion.SettingsError{Path: "/home/ada/.config/iobeya-token/settings.json", Cause: errors.New("x")})
	w := ShowFatal(fyne.CurrentApp(), words.New(language.French), p)
	defer w.Close()
	w.Resize(fyne.NewSize(480, 220))
	if *update {
		if err := os.MkdirAll("testdata/fr", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/fr/fatal.xml", []byte(test.RenderToMarkup(w.Canvas())), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		test.AssertRendersToMarkup(t, "fr/fatal.xml", w.Canvas())
	}
	shown := strings.Join(canvasTexts(w.Canvas()), "\n")
	for _, want := range []string{"iObeya Token ne peut pas démarrer", "Quitter", p.Message, p.NextStep} {
		if !strings.Contains(shown, want) {
			t.Errorf("missing %q:\n%s", want, shown)
		}
	}
	for _, s := range notFrench(w, testData("/home/ada/.config/iobeya-token/settings.json")) {
		t.Errorf("not French: %q", s)
	}
}

// TestLanguageChoice: choosing Français in the settings re-words the window
// at once, the core's messages with it, and Fyne's edit menu; English
// brings English back. The choice is saved in the settings.
func TestLanguageChoice(t *testing.T) {
	spy := &wordsSpy{}
	h := newHarness(t, statusWith(companion.StateValid), withWordsSpy(spy)).start()
	if spy.last == nil || spy.last.Tag() != language.English {
		t.Fatal("the core was not given the window's words at the start")
	}
	h.tap("Settings")
	if got := h.ui.prefs.lang.Selected; got != "System language" {
		t.Fatalf("the language menu shows %q, want the system's", got)
	}
	h.ui.prefs.lang.SetSelected("Français")
	h.settle()
	if got := h.core.Settings().Language; got != words.PrefFrench {
		t.Fatalf("saved language %q, want fr", got)
	}
	if h.ui.current != h.ui.prefs || !strings.Contains(h.shownText(), "Réglages") {
		t.Fatalf("the settings page is not in French at once:\n%s", h.shownText())
	}
	h.assertFrench()
	if spy.last == nil || spy.last.Tag() != language.French {
		t.Error("the core was not given the French words")
	}
	if got := lang.L("Paste"); got != word(words.AppEditPaste) || got == "Paste" {
		t.Errorf("Fyne's edit menu says %q", got)
	}
	if f, ok := h.ui.win.Canvas().Focused().(*escSelect); !ok || f != h.ui.prefs.lang {
		t.Error("the keyboard is not back on the language menu")
	}
	h.tap("Terminé")
	h.assertFrench()
	if !h.hasButton("Copier pour Power Automate") && !h.hasButton(say().FormatLabel(string(companion.FormatBearer))) {
		t.Error("the token card is not rebuilt")
	}

	h.tap("Réglages")
	h.ui.prefs.lang.SetSelected("English")
	h.settle()
	if !strings.Contains(h.shownText(), "Settings") || h.core.Settings().Language != words.PrefEnglish {
		t.Fatalf("English does not come back:\n%s", h.shownText())
	}
	if got := lang.L("Paste"); got != "Paste" {
		t.Errorf("Fyne's edit menu says %q in English", got)
	}
	h.tap("Done")
	if !h.hasButton("Copy for Power Automate") {
		t.Errorf("the card is not in English:\n%s", h.shownText())
	}
}

// TestLanguageAtStart: the window starts in the language of the settings,
// else the system's.
func TestLanguageAtStart(t *testing.T) {
	for _, tt := range []struct {
		name, pref, system string
		french             bool
	}{
		{"system French", words.PrefSystem, "fr_FR.UTF-8", true},
		{"system English", words.PrefSystem, "en_GB.UTF-8", false},
		{"chosen French on an English system", words.PrefFrench, "en_US.UTF-8", true},
		{"chosen English on a French system", words.PrefEnglish, "fr_CA.UTF-8", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, statusWith(companion.StateValid), func(h *harness, _ *Deps) {
				t.Setenv("LANG", tt.system)
				h.core.settings.Language = tt.pref
			}).start()
			shown := h.shownText()
			if got := strings.Contains(shown, "Vérifier maintenant"); got != tt.french {
				t.Errorf("French %v, want %v:\n%s", got, tt.french, shown)
			}
			if tt.french {
				h.assertFrench()
			}
		})
	}
}

// wordsSpy records the words the window gives the core.
type wordsSpy struct {
	*fakeCore
	last *words.Words
}

func (w *wordsSpy) SetWords(ws *words.Words) { w.last = ws }

func withWordsSpy(s *wordsSpy) option {
	return func(h *harness, d *Deps) {
		s.fakeCore = h.core
		d.Core = s
	}
}

// fyneAsks are the words Fyne itself looks up in this app, as its sources
// say: a text box's edit menu (widget/entry.go) and the tray menu's Quit
// (internal/driver/glfw/driver_desktop.go, asked even when the menu has
// its own).
var fyneAsks = []string{"Cut", "Copy", "Paste", "Select all", "Undo", "Redo", "Quit"}

// TestFyneFindsEveryWordItAsks: on a system whose locale has a region
// (en_US, fr_CA, pt_BR), the words given to Fyne become the whole of that
// locale's translation; every word Fyne asks must be among them, in the
// app's language, or Fyne logs a translation failure.
func TestFyneFindsEveryWordItAsks(t *testing.T) {
	// The subtests leave Fyne speaking French for the "en" they added to;
	// the tests after this one start from English words again.
	t.Cleanup(func() { fyneSpeaks(words.English()) })
	for _, system := range []string{"en_US.UTF-8", "fr_CA.UTF-8", "pt_BR.UTF-8", "C"} {
		for _, tag := range []language.Tag{language.English, language.French} {
			t.Run(system+"/"+tag.String(), func(t *testing.T) {
				t.Setenv("LC_ALL", "")
				t.Setenv("LC_MESSAGES", "")
				t.Setenv("LANG", system)
				var logged strings.Builder
				log.SetOutput(&logged)
				t.Cleanup(func() { log.SetOutput(os.Stderr) })
				w := words.New(tag)
				fyneSpeaks(w)
				for _, id := range fyneAsks {
					m, ours := fyneOwn[id]
					if !ours {
						t.Errorf("Fyne asks for %q, which the app does not give it", id)
						continue
					}
					if got, want := lang.L(id), w.Say(m, nil); got != want {
						t.Errorf("Fyne says %q for %q, want %q", got, id, want)
					}
				}
				if strings.Contains(logged.String(), "Translation failure") {
					t.Errorf("Fyne logged:\n%s", logged.String())
				}
			})
		}
	}
}
