package instance

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/Microsoft/go-winio"
	"golang.org/x/sys/windows"
)

// On Windows the endpoint is a named pipe, \\.\pipe\iobeya-token-<SID>,
// whose access list admits only the user and SYSTEM. (AF_UNIX sockets
// exist since Windows 10 1803, but not in Wine, where the tests run the
// programs.) Pipe names are shared by every user of the machine: the
// agent creates the first instance, which fails when the name is taken,
// and the window checks that the pipe it reached belongs to its own user.

// pipeFor returns the pipe's name and the user's SID.
func pipeFor() (name string, sid *windows.SID, err error) {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "", nil, err
	}
	return `\\.\pipe\` + dirName + "-" + user.User.Sid.String(), user.User.Sid, nil
}

// listenEndpoint makes the named pipe and returns it with its name. The
// lock in dir decides which agent owns it.
func listenEndpoint(ctx context.Context, _ string) (net.Listener, string, error) {
	name, sid, err := pipeFor()
	if err != nil {
		return nil, "", err
	}
	ln, err := winio.ListenPipe(name, &winio.PipeConfig{
		SecurityDescriptor: "O:" + sid.String() + "D:P(A;;GA;;;" + sid.String() + ")(A;;GA;;;SY)",
		InputBufferSize:    maxLine,
		OutputBufferSize:   maxLine,
	})
	if err != nil {
		return nil, "", err
	}
	absorbFirstInstance(ctx, name)
	return ln, name, nil
}

// absorbFirstInstance, under Wine, connects once to the new pipe and hangs
// up. go-winio keeps the pipe's first instance, which reserves the name,
// out of reach by opening it without read or write access, which Windows
// leaves disconnected; Wine does not, and would hand the next client that
// instance, where nobody answers. This connection uses it up. (The tests
// run the Windows programs under Wine; on Windows it does nothing.)
func absorbFirstInstance(ctx context.Context, name string) {
	if !underWine() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	if c, err := winio.DialPipeContext(ctx, name); err == nil {
		c.Close()
	}
}

// underWine reports whether this program runs under Wine, whose ntdll
// alone exports wine_get_version.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

// dialEndpoint connects to the user's pipe and checks its owner.
func dialEndpoint(ctx context.Context, _ string) (net.Conn, error) {
	name, sid, err := pipeFor()
	if err != nil {
		return nil, err
	}
	c, err := winio.DialPipeContext(ctx, name)
	if err != nil {
		return nil, err
	}
	if err := ownedBy(c, sid); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// ownedBy checks that the pipe behind c was made by the user sid (or by
// the system), not by another user who took the name first.
func ownedBy(c net.Conn, sid *windows.SID) error {
	f, ok := c.(interface{ Fd() uintptr })
	if !ok {
		return fmt.Errorf("the agent's pipe has no handle to check")
	}
	sd, err := windows.GetSecurityInfo(windows.Handle(f.Fd()), windows.SE_KERNEL_OBJECT, windows.OWNER_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("checking the agent's pipe: %w", err)
	}
	owner, _, err := sd.Owner()
	if err != nil {
		return fmt.Errorf("checking the agent's pipe: %w", err)
	}
	if !owner.Equals(sid) && !owner.IsWellKnown(windows.WinLocalSystemSid) {
		return fmt.Errorf("the agent's pipe %s belongs to another user", c.RemoteAddr())
	}
	return nil
}

// removeEndpoint: a pipe goes away with its last handle.
func removeEndpoint(string) error { return nil }
