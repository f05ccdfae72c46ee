package instance

import (
	"os"
	"path/filepath"
)

// Dir returns the endpoint's directory, made if needed:
// %LOCALAPPDATA%\iobeya-token. The directory inherits the ACL of the
// user's profile, which admits only the user (and SYSTEM and the
// administrators, who can read the user's files anyway).
func Dir() (string, error) {
	base, err := os.UserCacheDir() // %LOCALAPPDATA%
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, dirName)
	return dir, os.MkdirAll(dir, 0o700)
}
