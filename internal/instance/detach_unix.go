//go:build unix

package instance

import "syscall"

// detached puts the child in a session of its own, so a signal to the
// caller's terminal or process group does not reach it.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }
