package app

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/version"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// aboutCore is what the About part uses of the core.
type aboutCore interface {
	SettingsPath() string
	Doctor(ctx context.Context) companion.Report
}

// aboutBox is the bottom of the settings page: which build this is, which
// platform contract it speaks, where its settings are, and the doctor's
// report for IT support. It has no links: the app opens only the
// platform's own pages.
type aboutBox struct {
	core      aboutCore
	work      *worker
	clipboard func() fyne.Clipboard
	folder    *widget.Label
	copyBtn   *actionButton
	result    *widget.Label
	relayout  func()
	obj       fyne.CanvasObject
}

func newAboutBox(c chrome, core aboutCore, work *worker, clipboard func() fyne.Clipboard) *aboutBox {
	a := &aboutBox{core: core, work: work, clipboard: clipboard, relayout: c.relayout}
	a.folder = widget.NewLabel("")
	a.folder.Wrapping = fyne.TextWrapBreak // a long path wraps rather than widening the window
	a.result = wrapped("")
	a.result.Hide()
	a.copyBtn = newButton(c.escape, word(words.AboutCopyDiagnostics), theme.ContentCopyIcon(), widget.LowImportance, a.onCopy)
	a.obj = container.NewVBox(
		heading(word(words.AboutHeading)),
		widget.NewLabel(version.Title("")),
		widget.NewLabel(say().Say(words.AboutContract, words.Args{"Version": client.ContractVersion})),
		widget.NewLabel(word(words.AboutSettingsFolder)),
		a.folder,
		container.NewHBox(a.copyBtn),
		a.result)
	return a
}

// update shows the settings folder; the core knows it without any I/O.
func (a *aboutBox) update() {
	a.folder.SetText(filepath.Dir(a.core.SettingsPath()))
}

// onCopy runs the doctor off the UI goroutine (it asks the keychain and
// the platform, each with a deadline) and copies its report. The report is
// no token, so the clipboard countdown leaves it alone.
func (a *aboutBox) onCopy() {
	setEnabled(a.copyBtn, false)
	a.say(word(words.AboutGathering))
	run(a.work, func(ctx context.Context) (string, error) {
		return diagnostics(a.core.Doctor(ctx)), nil
	}, func(report string, _ error) {
		setEnabled(a.copyBtn, true)
		a.clipboard().SetContent(report)
		a.say(word(words.AboutCopied))
	})
}

func (a *aboutBox) say(text string) {
	a.result.SetText(text)
	a.result.Show()
	a.relayout()
}

// diagnostics is the doctor's report headed as the command line's
// `doctor` heads it: the build, the Go release and the system.
func diagnostics(r companion.Report) string {
	return fmt.Sprintf("iobeya-token %s (%s, %s/%s), platform contract %s\n%s",
		version.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH, client.ContractVersion, r.String())
}
