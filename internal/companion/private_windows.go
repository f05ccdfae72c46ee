package companion

import (
	"os"

	"golang.org/x/sys/windows"
)

// makePrivate lets only the user (and SYSTEM) open the settings file: on
// Windows mode bits say nothing, so the file gets an access list of its
// own, protected from what it would inherit from its folder (a roaming
// profile or a redirected folder may be readable by others).
func makePrivate(f *os.File) error {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return err
	}
	sd, err := windows.SecurityDescriptorFromString("D:P(A;;FA;;;" + user.User.Sid.String() + ")(A;;FA;;;SY)")
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	// By name: the handle os.CreateTemp gives has no right to change the
	// access list; the owner may open one that has.
	return windows.SetNamedSecurityInfo(f.Name(), windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil)
}
