package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// headerBar tops every page: where the app is connected, the way to the
// settings, and the demo label whenever the demo platform is in use.
type headerBar struct {
	where    *widget.Label
	settings *actionButton
	demo     fyne.CanvasObject
	obj      fyne.CanvasObject
}

// newHeaderBar builds the bar; openSettings shows the settings page.
func newHeaderBar(escape, openSettings func()) *headerBar {
	h := &headerBar{where: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	h.where.Truncation = fyne.TextTruncateEllipsis
	h.settings = newButton(escape, word(words.AppSettings), theme.SettingsIcon(), widget.LowImportance, openSettings)
	logo := canvas.NewImageFromResource(appIconSVG)
	logo.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize() * 1.5))
	logo.FillMode = canvas.ImageFillContain
	bg := canvas.NewRectangle(demoColour)
	h.demo = container.NewStack(bg, container.NewBorder(nil, nil,
		container.NewPadded(widget.NewIcon(theme.InfoIcon())), nil,
		wrapped(word(words.AppDemoBanner))))
	// Nothing to show before the first status says where the app is
	// connected: hidden, the bold text and the button cost nothing on the
	// start-up path, and Settings does not flash on a first run.
	h.where.Hide()
	h.settings.Hide()
	h.demo.Hide()
	h.obj = container.NewVBox(
		container.NewBorder(nil, nil, container.NewPadded(logo), h.settings, h.where),
		h.demo,
		widget.NewSeparator())
	return h
}

func (h *headerBar) object() fyne.CanvasObject { return h.obj }

// update shows where the app is connected; the way to the settings is
// hidden on the pages that lead away from them.
func (h *headerBar) update(st companion.Status, configured, hideSettings bool) {
	switch {
	case configured && st.Demo:
		h.where.SetText(word(words.AppDemoPlatform))
	case configured && st.Platform != "":
		h.where.SetText(st.Platform)
	default:
		h.where.SetText(appName)
	}
	h.where.Show()
	setVisible(h.settings, configured && !hideSettings)
	setVisible(h.demo, configured && st.Demo)
}
