package notify

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/iobeya-token/iobeya-token/assets"
)

// wait bounds how long a test waits for what should happen at once.
const wait = 10 * time.Second

// busConfig is a session bus with no activatable services: only what the
// test puts on it answers, never a notification daemon of the machine.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// privateBus starts a throw-away D-Bus session bus for the test and points
// DBUS_SESSION_BUS_ADDRESS at it (and the cache folder at a fresh one).
func privateBus(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("skipped: dbus-daemon is not installed (scripts/setup.sh installs dbus)")
	}
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	t.Setenv("XDG_RUNTIME_DIR", dir)
	conf := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(conf, []byte(strings.Replace(busConfig, "%s", filepath.Join(dir, "bus"), 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--nopidfile", "--print-address=3")
	cmd.ExtraFiles = []*os.File{w}
	// Its warnings (as root: "Failed to set fd limit") are noise unless it
	// fails to start.
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-exited })
	// The address is printed once the bus accepts connections.
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case addr := <-line:
		if addr == "" {
			_ = cmd.Process.Kill()
			<-exited
			t.Fatalf("dbus-daemon printed no address:\n%s", stderr.String())
		}
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	case <-time.After(wait):
		t.Fatal("dbus-daemon did not start")
	}
}

// call is one Notify call as the fake server received it.
type call struct {
	appName, icon, summary, body string
	replaces                     uint32
	hints                        map[string]dbus.Variant
	timeout                      int32
}

// fakeServer is a notification service exported on the test's bus.
type fakeServer struct {
	calls   chan call
	next    uint32
	release chan struct{} // when not nil, Notify waits on it
}

func (f *fakeServer) Notify(appName string, replaces uint32, icon, summary, body string, _ []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	if f.release != nil {
		<-f.release
	}
	f.calls <- call{appName, icon, summary, body, replaces, hints, timeout}
	if replaces != 0 {
		return replaces, nil
	}
	f.next++
	return f.next, nil
}

// serve puts f on the session bus as org.freedesktop.Notifications.
func serve(t *testing.T, f *fakeServer) {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.Export(f, path, service); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(service, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("taking %s: %v, %v", service, reply, err)
	}
}

func received(t *testing.T, f *fakeServer) call {
	t.Helper()
	select {
	case c := <-f.calls:
		return c
	case <-time.After(wait):
		t.Fatal("the notification service received nothing")
		return call{}
	}
}

// TestSend: the service receives the app's name, icon, title and body,
// and the second notice replaces the first.
func TestSend(t *testing.T) {
	privateBus(t)
	f := &fakeServer{calls: make(chan call, 4), next: 41}
	serve(t, f)
	n, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if err := n.Send(context.Background(), "Your iObeya token expires tomorrow", "Generate a new one now."); err != nil {
		t.Fatal(err)
	}
	first := received(t, f)
	if first.appName != "iObeya Token" || first.summary != "Your iObeya token expires tomorrow" || first.body != "Generate a new one now." {
		t.Errorf("received %+v", first)
	}
	if first.replaces != 0 {
		t.Errorf("the first notice replaces %d, want 0", first.replaces)
	}
	if v, _ := first.hints["desktop-entry"].Value().(string); v != AppID {
		t.Errorf("desktop-entry hint %q, want %q", v, AppID)
	}
	if icon, err := os.ReadFile(first.icon); err != nil || !bytes.Equal(icon, assets.IconPNG) {
		t.Errorf("the icon %q is not the app's icon: %v", first.icon, err)
	}
	if err := n.Send(context.Background(), "Copied", "Paste it within 60 s."); err != nil {
		t.Fatal(err)
	}
	if second := received(t, f); second.replaces != 42 || second.summary != "Copied" {
		t.Errorf("the second notice: %+v, want it to replace 42", second)
	}
}

// TestNoServer: on a session without a notification service the error
// says so.
func TestNoServer(t *testing.T) {
	privateBus(t)
	n, _ := New()
	defer n.Close()
	if err := n.Send(context.Background(), "t", "b"); !errors.Is(err, ErrNoServer) {
		t.Fatalf("Send: %v, want ErrNoServer", err)
	}
}

// TestNoBus: without a session bus Send fails at once and starts none.
func TestNoBus(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("XDG_RUNTIME_DIR", dir)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(dir, "no-bus"))
	n, _ := New()
	defer n.Close()
	if err := n.Send(context.Background(), "t", "b"); err == nil {
		t.Fatal("Send without a bus succeeded")
	}
}

// TestDeadline: a service that does not answer in time ends the call at
// the context's deadline; the next notice goes through once it answers.
func TestDeadline(t *testing.T) {
	privateBus(t)
	f := &fakeServer{calls: make(chan call, 2), release: make(chan struct{})}
	serve(t, f)
	n, _ := New()
	defer n.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := n.Send(ctx, "t", "b"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Send to a stuck service: %v, want the deadline", err)
	}
	close(f.release)
	received(t, f)
	if err := n.Send(context.Background(), "t2", "b2"); err != nil {
		t.Fatalf("Send after the service recovered: %v", err)
	}
	if c := received(t, f); c.summary != "t2" {
		t.Fatalf("received %+v", c)
	}
}
