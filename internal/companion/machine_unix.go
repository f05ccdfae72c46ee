//go:build !windows

package companion

import (
	"errors"
	"io/fs"
)

// checkMachineFileMode refuses a file that every user may write: whoever
// writes it chooses where everyone signs in.
func checkMachineFileMode(fi fs.FileInfo) error {
	if fi.Mode().Perm()&0o002 != 0 {
		return errors.New("every user may change it; make it writable by administrators only (chmod 644, owned by root)")
	}
	return nil
}
