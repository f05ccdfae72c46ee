package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// animated is a widget that animates while it runs: Fyne's infinite
// progress bar, or ours that wraps it.
type animated interface {
	fyne.Widget
	Running() bool
}

// animatedIn lists the animated widgets under o, shown or not.
func animatedIn(o fyne.CanvasObject) []animated {
	var found []animated
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case animated:
			found = append(found, v)
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(v).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return found
}

// pageObjects are the pages built so far.
func pageObjects(u *UI) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{u.loading.object()}
	if u.platform != nil {
		objs = append(objs, u.platform.object())
	}
	if u.signIn != nil {
		objs = append(objs, u.signIn.object())
	}
	if u.noToken != nil {
		objs = append(objs, u.noToken.object())
	}
	if u.card != nil {
		objs = append(objs, u.card.object())
	}
	if u.prefs != nil {
		objs = append(objs, u.prefs.object())
	}
	return objs
}

// An animation wakes the app every frame, seen or not: in a tray app that
// sits idle all day, only a progress bar in sight may run, and it does.
func TestOnlyProgressBarsInSightRun(t *testing.T) {
	signedOut := statusWith(companion.StateNone)
	signedOut.SignedIn = false
	tests := []struct {
		name    string
		status  companion.Status
		do      func(h *harness)
		inSight int // running progress bars expected in sight
	}{
		{name: "loading", status: statusWith(companion.StateValid), inSight: 1,
			do: func(h *harness) {
				h.core.block["Status"] = true
				h.ui.Start()
				h.waitStarted()
			}},
		{name: "token card", status: statusWith(companion.StateValid)},
		{name: "no token", status: statusWith(companion.StateNone)},
		{name: "not set up", status: companion.Status{}, do: func(h *harness) {
			h.core.statusErr = companion.ErrNotConfigured
			h.start()
		}},
		{name: "could not start", status: companion.Status{}, do: func(h *harness) {
			h.core.statusErr = errAddress
			h.start()
		}},
		{name: "generating", status: statusWith(companion.StateNone), inSight: 1,
			do: func(h *harness) {
				h.start()
				h.core.block["Generate"] = true
				h.tap("Generate token…")
				h.confirmation().Confirm()
				h.waitStarted()
			}},
		{name: "generated", status: statusWith(companion.StateNone),
			do: func(h *harness) {
				h.start()
				h.core.generated = companion.Generated{Status: statusWith(companion.StateValid)}
				h.tap("Generate token…")
				h.confirmation().Confirm()
				h.settle()
			}},
		{name: "signing in", status: signedOut, inSight: 1,
			do: func(h *harness) {
				h.start()
				h.core.block["Login"], h.core.loginURL, h.core.loginOpened = true, "https://acme.iobeya.com/authorize?x", true
				h.tap("Sign in with your browser")
				h.waitStarted()
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.status)
			if tt.do == nil {
				h.start()
			} else {
				tt.do(h)
			}
			var shown []animated
			for _, o := range h.objects() {
				if a, ok := o.(animated); ok {
					shown = append(shown, a)
				}
			}
			running := 0
			for _, o := range pageObjects(h.ui) {
				for _, a := range animatedIn(o) {
					switch {
					case a.Running() && !slices.Contains(shown, a):
						t.Errorf("a progress bar out of sight runs")
					case a.Running():
						running++
					}
				}
			}
			if running != tt.inSight {
				t.Errorf("%d progress bars run in sight, want %d", running, tt.inSight)
			}
		})
	}
}
