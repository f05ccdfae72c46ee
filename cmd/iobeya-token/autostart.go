package main

import "github.com/iobeya-token/iobeya-token/internal/autostart"

// sessionStart is package autostart as the app's Autostart.
type sessionStart struct{}

func (sessionStart) Enabled() (bool, error)  { return autostart.Enabled() }
func (sessionStart) Enable(exe string) error { return autostart.Enable(exe) }
func (sessionStart) Disable() error          { return autostart.Disable() }
