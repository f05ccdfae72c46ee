package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"

	"github.com/iobeya-token/iobeya-token/internal/instance"
)

// windowProgram is the window's executable: iobeya-token, in the folder of
// this one (both are installed together).
func windowProgram() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	name := "iobeya-token"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	return filepath.Join(filepath.Dir(self), name), nil
}

// startWindow starts the window process, detached: it registers with the
// agent once it runs, and the agent then asks it for the revoke
// confirmation if "Revoke…" started it.
func startWindow() error {
	exe, err := windowProgram()
	if err != nil {
		return err
	}
	if _, err := os.Stat(exe); err != nil {
		return errors.Join(errors.New("the window program is missing"), err)
	}
	_, err = instance.StartDetached(exe)
	return err
}
