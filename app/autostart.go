package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/iobeya-token/iobeya-token/internal/autostart"
	"github.com/iobeya-token/iobeya-token/internal/companion"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// Autostart is the session's "start at login" entry, as package
// internal/autostart writes it; tests give a fake.
type Autostart interface {
	// Enabled reads the entry back from the system.
	Enabled() (bool, error)
	// Enable makes the session start exe (an absolute path) at login.
	Enable(exe string) error
	Disable() error
}

// loginState is the entry as read back: on, or unreadable (err), or
// unsupported on this system (the switch is then hidden).
type loginState struct {
	on          bool
	unsupported bool
}

// readLogin reads the entry back. It touches files or the registry: call it
// off the UI goroutine.
func readLogin(a Autostart) (loginState, error) {
	on, err := a.Enabled()
	if errors.Is(err, autostart.ErrUnsupported) {
		return loginState{unsupported: true}, nil
	}
	return loginState{on: on}, err
}

// setLogin writes or removes the entry, then reads it back: the switch
// shows what the system has, whatever happened.
func setLogin(a Autostart, on bool) (loginState, error) {
	var err error
	if on {
		var exe string
		if exe, err = runningExecutable(); err == nil {
			err = a.Enable(exe)
		}
	} else {
		err = a.Disable()
	}
	st, readErr := readLogin(a)
	if err == nil {
		err = readErr
	}
	return st, err
}

// runningExecutable is this program's path with symlinks resolved, so the
// entry keeps working when a link (such as /usr/bin's) is changed.
func runningExecutable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", err
	}
	return windowProgram(exe, fileExists), nil
}

// windowProgram is the program the login entry starts: on Windows, the
// window opened from a terminal runs as iobeya-token.com, the console twin
// (cmd finds .com before .exe); started at login it would open a console
// window, so the entry names iobeya-token.exe beside it, the program
// without one, when it is there.
func windowProgram(exe string, exists func(string) bool) string {
	ext := filepath.Ext(exe)
	if !strings.EqualFold(ext, ".com") {
		return exe
	}
	if gui := strings.TrimSuffix(exe, ext) + ".exe"; exists(gui) {
		return gui
	}
	return exe
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// loginFailure puts a failure to change or read the entry in words.
func (p *problemBox) loginFailure(what *words.Message, err error) {
	p.showProblem(say().Say(what, nil), say().Say(words.StartAtLoginFailedNext, words.Args{"Reason": err.Error()}))
}

// offerStartAtLogin asks once, after the first token is generated, whether
// to start with the session; not when the entry is already there.
func (u *UI) offerStartAtLogin() {
	if u.deps.Autostart == nil || u.settings.AskedStartAtLogin {
		return
	}
	run(u.work, func(context.Context) (loginState, error) {
		return readLogin(u.deps.Autostart)
	}, func(st loginState, err error) {
		if err != nil || st.unsupported || u.settings.AskedStartAtLogin {
			return // not now: there is nothing sure to ask about
		}
		if st.on {
			u.markAskedStartAtLogin()
			return
		}
		c := u.confirm(word(words.AskStartAtLoginTitle), []string{word(words.AskStartAtLoginBody)},
			word(words.AskStartAtLoginYes), false, u.turnOnStartAtLogin)
		if c == nil {
			return // another question is open: ask after the next token
		}
		c.setCancelText(word(words.AskStartAtLoginNo))
		u.markAskedStartAtLogin()
	})
}

// markAskedStartAtLogin remembers that the question was asked.
func (u *UI) markAskedStartAtLogin() {
	u.settings.AskedStartAtLogin = true
	run(u.work, func(context.Context) (companion.Settings, error) {
		err := u.core.UpdateSettings(func(s *companion.Settings) { s.AskedStartAtLogin = true })
		return u.core.Settings(), err
	}, func(c companion.Settings, err error) {
		if err != nil {
			u.problem.showError(err)
			return
		}
		u.settings = c
	})
}

// turnOnStartAtLogin is the question's Yes.
func (u *UI) turnOnStartAtLogin() {
	run(u.work, func(context.Context) (loginState, error) {
		return setLogin(u.deps.Autostart, true)
	}, func(st loginState, err error) {
		switch {
		case err != nil:
			u.problem.loginFailure(words.StartAtLoginOnFailed, err)
		case st.on:
			u.problem.showNotice(word(words.StartAtLoginOn), word(words.StartAtLoginOnNext))
		}
		u.relayout()
	})
}
