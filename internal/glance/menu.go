package glance

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// Action names what a menu item does.
type Action int

// Actions of the tray menu.
const (
	ActNone Action = iota // a line that only informs
	ActCopy
	ActOpen
	ActCheck
	ActRevoke
	ActQuit
)

// Item is one entry of the tray menu. A separator has neither label nor
// action.
type Item struct {
	Label     string
	Action    Action
	Enabled   bool
	Separator bool
	Demo      bool // the line saying the platform is the demo platform
}

// Menu is the tray menu, in w, for a status whose State is the state to
// show: a disabled status line, then the actions that make sense in that
// state.
func Menu(w *words.Words, st companion.Status, now time.Time) []Item {
	items := []Item{{Label: StatusLine(w, st, now)}}
	if st.Demo {
		items = append(items, Item{Label: Label(w, ActNone), Demo: true})
	}
	return append(items,
		Item{Separator: true},
		Item{Label: Label(w, ActCopy), Action: ActCopy, Enabled: UsableState(st.State)},
		Item{Label: Label(w, ActOpen), Action: ActOpen, Enabled: true},
		Item{Label: Label(w, ActCheck), Action: ActCheck, Enabled: st.Platform != ""},
		Item{Label: Label(w, ActRevoke), Action: ActRevoke, Enabled: (st.SignedIn || st.BroughtIn) && st.State != companion.StateNone && st.State != ""},
		Item{Separator: true},
		Item{Label: Label(w, ActQuit), Action: ActQuit, Enabled: true})
}
