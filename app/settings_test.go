package app

import (
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/iobeya-token/iobeya-token/internal/companion"
)

// savingCore records the value each settings change saves.
type savingCore struct {
	*fakeCore
	mu    sync.Mutex
	saved []int
}

func (c *savingCore) UpdateSettings(change func(*companion.Settings)) error {
	var got int
	err := c.fakeCore.UpdateSettings(func(s *companion.Settings) {
		change(s)
		got = s.ClipboardClearSeconds
	})
	c.mu.Lock()
	c.saved = append(c.saved, got)
	c.mu.Unlock()
	return err
}

// TestSettingsQuickChanges: many quick changes of a choice, each saved off
// the UI goroutine while the page is drawn again on it, save the values
// chosen and share nothing with the page as it redraws (run with -race:
// the page's option table was read by the saves).
func TestSettingsQuickChanges(t *testing.T) {
	a := test.NewTempApp(t)
	core := &savingCore{fakeCore: newFakeCore(statusWith(companion.StateValid))}
	core.setGate(true)
	// The results come back to this goroutine, as to the UI goroutine.
	results := make(chan func(), 64)
	work := newWorker(func(f func()) { results <- f })
	t.Cleanup(func() { work.quit(quitWait) })
	c := chrome{escape: func() {}, relayout: func() {}, goTo: func(page) {}}
	s := newSettingsScreen(c, core, work, newProblemBox(), false, nil, a.Clipboard, func(companion.Settings, userChange) {})
	v := view{st: statusWith(companion.StateValid), now: testNow, configured: true, page: pageSettings, settings: core.Settings()}
	s.update(v)

	var chosen []int
	for i := range 60 {
		n := clearChoices[i%len(clearChoices)]
		if n == v.settings.ClipboardClearSeconds {
			continue // choosing what is shown changes nothing
		}
		s.clear.SetSelected(clearWords(n))
		chosen = append(chosen, n)
		s.update(v) // the page drawn again while the change is saved
	}
	for work.pending > 0 {
		(<-results)()
	}
	core.mu.Lock()
	defer core.mu.Unlock()
	slices.Sort(chosen)
	slices.Sort(core.saved)
	if !slices.Equal(core.saved, chosen) {
		t.Fatalf("saved %v, want %v", core.saved, chosen)
	}
}
