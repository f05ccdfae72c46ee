package instance

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// Dir returns the endpoint's directory, made if needed:
// %LOCALAPPDATA%\iobeya-token, with an access list of its own admitting
// only the user and SYSTEM (not inherited: a redirected or loosened
// profile folder does not open it to others).
func Dir() (string, error) {
	base, err := os.UserCacheDir() // %LOCALAPPDATA%
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, dirName)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, privateDir(dir)
}

// privateDir sets dir's access list to the current user and SYSTEM, both
// inherited by what is made inside (the socket and the lock file).
func privateDir(dir string) error {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return err
	}
	sd, err := windows.SecurityDescriptorFromString("D:P(A;OICI;FA;;;" + user.User.Sid.String() + ")(A;OICI;FA;;;SY)")
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	return windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil)
}
