package secretservice_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/iobeya-token/iobeya-token/internal/keychain"
	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

// helperService is what helpers use: should one ever reach a real
// keychain, it touches no real platform's entry.
var helperService = keychain.ServiceFor("keychain-test.invalid")

// TestNoDBusSession runs the keychain where there is no session bus: the
// address points at nothing, or is unset with nothing to discover. Unset,
// the D-Bus library would run dbus-launch --autolaunch, which starts a bus
// and a locked keyring that outlive the program (one more at every run):
// a dbus-launch stand-in first on PATH records whether it was called.
func TestNoDBusSession(t *testing.T) {
	root := testenv.Root(t)
	empty := t.TempDir()
	fakeBin := t.TempDir()
	called := filepath.Join(t.TempDir(), "dbus-launch-was-called")
	stub := "#!/bin/sh\ntouch '" + called + "'\nexit 1\n"
	if err := os.WriteFile(filepath.Join(fakeBin, "dbus-launch"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string // how the message ends
	}{
		{"dead socket", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=" + filepath.Join(empty, "no-bus")},
			"No keychain service is running. On Linux, install and start GNOME Keyring or KWallet."},
		{"unset", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "", "DISPLAY": "", "XDG_RUNTIME_DIR": empty, "PATH": fakeBin + ":" + os.Getenv("PATH")},
			"There is no desktop session here, so the keychain cannot be reached. Run iObeya Token from your desktop session (over ssh, start a D-Bus session with GNOME Keyring first)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env["DBUS_SESSION_BUS_ADDRESS"] == "" {
				skipIfRealBusDiscoverable(t)
			}
			tt.env[envWant] = tt.want
			runHelper(t, "TestHelperNoDBus", tt.env)
			if found := filesContaining(t, root, "no-plain-text-fallback"); len(found) != 0 {
				t.Errorf("the secret was written in the clear to %q", found)
			}
			if _, err := os.Stat(called); err == nil {
				t.Error("dbus-launch was run: a session bus would have been started behind the user's back")
			}
		})
	}
}

// envWant passes the expected end of the message to TestHelperNoDBus.
const envWant = "IOBEYA_KEYCHAIN_WANT"

// skipIfRealBusDiscoverable skips t where D-Bus, given no address, would
// find this machine's real session bus (it looks in /run/user/<uid>
// whatever XDG_RUNTIME_DIR says): the test must never reach a real keychain.
func skipIfRealBusDiscoverable(t *testing.T) {
	t.Helper()
	dir := fmt.Sprintf("/run/user/%d", os.Getuid())
	for _, f := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Skipf("skipped: %s exists, so with no address D-Bus would find this machine's real session bus", filepath.Join(dir, f))
		}
	}
}

func TestHelperNoDBus(t *testing.T) {
	asHelper(t)
	s := keychain.New()
	ctx := context.Background()
	// A recognisable secret, so the parent can scan for it afterwards.
	secret := "no-plain-text-fallback-" + secretOf(3000)
	want := os.Getenv(envWant)
	_, getErr := s.Get(ctx, helperService, account)
	for _, err := range []error{getErr, s.Set(ctx, helperService, account, secret), s.Delete(ctx, helperService, account), s.Check(ctx)} {
		if !errors.Is(err, keychain.ErrUnavailable) {
			t.Errorf("%v, want ErrUnavailable", err)
			continue
		}
		if runtime.GOOS == "linux" && !strings.HasSuffix(err.Error(), want) {
			t.Errorf("message %q does not end with %q", err, want)
		}
		if strings.Contains(err.Error(), secret[:30]) {
			t.Errorf("message %q contains the secret", err)
		}
	}
}

// TestSecretServiceNeverAnswers puts a Secret Service that accepts every
// call and never replies on a private bus, and checks the keychain gives
// up within its bound with ErrTimeout.
func TestSecretServiceNeverAnswers(t *testing.T) {
	testenv.RequireSecretService(t)
	addr := privateBus(t)
	h := hangingService{calls: make(chan string, 64), release: make(chan struct{})}
	conn, err := dbus.Connect(addr, dbus.WithHandler(h))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		close(h.release)
		conn.Close()
	})
	reply, err := conn.RequestName("org.freedesktop.secrets", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("claiming org.freedesktop.secrets: %v (reply %v)", err, reply)
	}
	runHelper(t, "TestHelperNeverAnswers", map[string]string{"DBUS_SESSION_BUS_ADDRESS": addr})
	select {
	case name := <-h.calls:
		t.Logf("the keychain called %s and was left waiting", name)
	default:
		t.Error("the keychain never reached the silent Secret Service: its timeout proves nothing")
	}
}

func TestHelperNeverAnswers(t *testing.T) {
	asHelper(t)
	s := keychain.New(keychain.WithReadTimeout(300*time.Millisecond), keychain.WithWriteTimeout(300*time.Millisecond))
	ctx := context.Background()
	_, getErr := s.Get(ctx, helperService, account)
	for _, err := range []error{getErr, s.Set(ctx, helperService, account, secretOf(100)), s.Delete(ctx, helperService, account)} {
		if !errors.Is(err, keychain.ErrTimeout) {
			t.Errorf("%v, want ErrTimeout", err)
		} else if !strings.Contains(err.Error(), "did not answer in time") {
			t.Errorf("message %q does not say it did not answer in time", err)
		}
	}
}

// privateBus starts a dbus-daemon of its own, with no services to start on
// demand, and returns its address.
func privateBus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	config := filepath.Join(dir, "bus.conf")
	err := os.WriteFile(config, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=`+filepath.Join(dir, "bus")+`</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("dbus-daemon", "--config-file="+config, "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the private bus's address: %v", err)
	}
	return strings.TrimSpace(addr)
}

// hangingService answers no method call until released. It stands for
// every object and interface, so the first call the keychain makes hangs.
type hangingService struct {
	calls   chan string
	release chan struct{}
}

func (h hangingService) LookupObject(dbus.ObjectPath) (dbus.ServerObject, bool) { return h, true }
func (h hangingService) LookupInterface(string) (dbus.Interface, bool)          { return h, true }
func (h hangingService) LookupMethod(name string) (dbus.Method, bool) {
	return hangingMethod{h, name}, true
}

type hangingMethod struct {
	h    hangingService
	name string
}

func (m hangingMethod) DecodeArguments(_ *dbus.Conn, _ string, _ *dbus.Message, args []any) ([]any, error) {
	return args, nil
}

func (m hangingMethod) Call(...any) ([]any, error) {
	select {
	case m.h.calls <- m.name:
	default:
	}
	<-m.h.release
	return nil, errors.New("released")
}

func (hangingMethod) NumArguments() int     { return 0 }
func (hangingMethod) NumReturns() int       { return 0 }
func (hangingMethod) ArgumentValue(int) any { return nil }
func (hangingMethod) ReturnValue(int) any   { return nil }
