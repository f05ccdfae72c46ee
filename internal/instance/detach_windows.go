package instance

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// detached starts the child without a console and in a process group of
// its own, so closing the caller's console does not end it.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: windows.DETACHED_PROCESS | windows.CREATE_NEW_PROCESS_GROUP}
}
