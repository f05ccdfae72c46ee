package main

import (
	"fyne.io/systray"

	"github.com/iobeya-token/iobeya-token/internal/glance"
)

// trayView is the tray item as the agent drives it (a fake in tests).
type trayView interface {
	// ready builds the menu once the tray has started.
	ready()
	// show sets the menu's state, the icon and the tooltip.
	show(items []glance.Item, icon glance.Icon, tooltip string)
	// quit removes the item and ends the tray's loop.
	quit()
}

// systrayView is the tray item through fyne.io/systray. Its menu is built
// once; a new state changes the status line, the labels (the language may
// have changed), which items are enabled, and whether the demo line shows.
type systrayView struct {
	onClick func(glance.Action) // called on systray's goroutine

	started bool
	status  *systray.MenuItem
	demo    *systray.MenuItem
	byAct   map[glance.Action]*systray.MenuItem
	pending func() // the last show before ready
	icon    glance.Icon
	tooltip string
	labels  map[*systray.MenuItem]string // the label each item shows
}

// menuActions are the tray menu's actions, in order, with a separator
// before Quit (glance.Menu's order).
var menuActions = []glance.Action{glance.ActCopy, glance.ActOpen, glance.ActCheck, glance.ActRevoke}

func (v *systrayView) ready() {
	v.status = systray.AddMenuItem("", "")
	v.status.Disable()
	v.demo = systray.AddMenuItem("", "")
	v.demo.Disable()
	v.demo.Hide()
	systray.AddSeparator()
	v.byAct = map[glance.Action]*systray.MenuItem{}
	v.labels = map[*systray.MenuItem]string{}
	add := func(act glance.Action) {
		it := systray.AddMenuItem("", "") // show gives the labels

		v.byAct[act] = it
		go func() {
			for range it.ClickedCh {
				v.onClick(act)
			}
		}()
	}
	for _, act := range menuActions {
		add(act)
	}
	systray.AddSeparator()
	add(glance.ActQuit)
	v.started = true
	if v.pending != nil {
		v.pending()
		v.pending = nil
	}
}

func (v *systrayView) show(items []glance.Item, icon glance.Icon, tooltip string) {
	if !v.started {
		v.pending = func() { v.show(items, icon, tooltip) }
		return
	}
	demo := false
	for i, it := range items {
		switch {
		case i == 0:
			v.status.SetTitle(it.Label)
		case it.Demo:
			demo = true
			v.setLabel(v.demo, it.Label)
		case it.Action != glance.ActNone:
			m := v.byAct[it.Action]
			if m == nil {
				continue
			}
			v.setLabel(m, it.Label)
			if m.Disabled() == it.Enabled {
				if it.Enabled {
					m.Enable()
				} else {
					m.Disable()
				}
			}
		}
	}
	if demo {
		v.demo.Show()
	} else {
		v.demo.Hide()
	}
	if icon != v.icon {
		v.icon = icon
		systray.SetIcon(trayPicture(icon))
	}
	if tooltip != v.tooltip {
		v.tooltip = tooltip
		systray.SetTooltip(tooltip)
	}
}

// setLabel gives m its label, asking systray only when it changed.
func (v *systrayView) setLabel(m *systray.MenuItem, label string) {
	if v.labels[m] != label {
		v.labels[m] = label
		m.SetTitle(label)
	}
}

func (v *systrayView) quit() { systray.Quit() }
