package autostart

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

const (
	// runKey lists what the session starts at login, per user.
	runKey = `Software\Microsoft\Windows\CurrentVersion\Run`
	// approvedKey holds the user's on/off from Task Manager's Startup tab:
	// a binary value whose first byte is odd when switched off.
	approvedKey = `Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run`
)

func enable(exe string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("could not turn on starting at login: %w", err)
	}
	defer k.Close()
	if err := k.SetStringValue(Name, quoteCommand(exe)+" "+BackgroundFlag); err != nil {
		return fmt.Errorf("could not turn on starting at login: %w", err)
	}
	// A switch-off left in Task Manager would win over the new entry.
	if a, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.SET_VALUE); err == nil {
		defer a.Close()
		if err := a.DeleteValue(Name); err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf("could not turn on starting at login: %w", err)
		}
	}
	return nil
}

func disable() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("could not turn off starting at login: %w", err)
	}
	defer k.Close()
	if err := k.DeleteValue(Name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("could not turn off starting at login: %w", err)
	}
	return nil
}

func enabled() (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer k.Close()
	if _, _, err := k.GetStringValue(Name); errors.Is(err, registry.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	a, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.QUERY_VALUE)
	if err != nil {
		return true, nil // never touched in Task Manager
	}
	defer a.Close()
	v, _, err := a.GetBinaryValue(Name)
	if err != nil || len(v) == 0 {
		return true, nil
	}
	return v[0]&1 == 0, nil
}

// quoteCommand quotes the program's path for the Run value (paths with
// spaces are common: C:\Program Files\…). Windows paths cannot hold `"`.
func quoteCommand(exe string) string { return `"` + exe + `"` }
