//go:build windows

package companion

import (
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// DefaultMachineConfigPath is %ProgramData%\iobeya-token\config.json. The
// folder comes from the system (FOLDERID_ProgramData), not from the
// environment, which the user controls.
func DefaultMachineConfigPath() string {
	dir, err := windows.KnownFolderPath(windows.FOLDERID_ProgramData, 0)
	if err != nil {
		dir = `C:\ProgramData`
	}
	return filepath.Join(dir, "iobeya-token", "config.json")
}

// checkMachineFileMode trusts the folder's access list: folders under
// ProgramData are writable by administrators only unless IT changed that.
func checkMachineFileMode(fs.FileInfo) error { return nil }
