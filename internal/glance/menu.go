package glance

import (
	"time"

	"github.com/iobeya-token/iobeya-token/internal/companion"
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
}

// Menu is the tray menu for a status whose State is the state to show: a
// disabled status line, then the actions that make sense in that state.
func Menu(st companion.Status, now time.Time) []Item {
	items := []Item{{Label: StatusLine(st, now)}}
	if st.Demo {
		items = append(items, Item{Label: LabelDemo})
	}
	return append(items,
		Item{Separator: true},
		Item{Label: LabelCopy, Action: ActCopy, Enabled: UsableState(st.State)},
		Item{Label: LabelOpen, Action: ActOpen, Enabled: true},
		Item{Label: LabelCheck, Action: ActCheck, Enabled: st.Platform != ""},
		Item{Label: LabelRevoke, Action: ActRevoke, Enabled: (st.SignedIn || st.BroughtIn) && st.State != companion.StateNone && st.State != ""},
		Item{Separator: true},
		Item{Label: LabelQuit, Action: ActQuit, Enabled: true})
}
