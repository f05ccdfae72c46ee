package companion

import (
	"testing"

	"golang.org/x/sys/windows"
)

// assertPrivate fails t unless only the user and SYSTEM may open path:
// on Windows, a protected access list (nothing inherited from the folder)
// with exactly those two entries. Mode bits say nothing there.
func assertPrivate(t *testing.T, path string) {
	t.Helper()
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	want := "D:P(A;;FA;;;" + user.User.Sid.String() + ")(A;;FA;;;SY)"
	if got := sd.String(); got != want {
		t.Errorf("%s has the access list %s, want %s", path, got, want)
	}
}
