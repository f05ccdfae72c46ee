package testenv

import (
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// secretsName is the Secret Service's well-known name on D-Bus.
const secretsName = "org.freedesktop.secrets"

// startupTimeout bounds how long the daemon may take to appear on the bus.
const startupTimeout = 20 * time.Second

// runSession starts an unlocked gnome-keyring-daemon on the private bus
// dbus-run-session gave this process, runs the tests, and stops it.
func runSession(m *testing.M) int {
	stage := stageInside
	stop, err := startKeyring()
	if err != nil {
		stage = stageBroken + err.Error()
	}
	os.Setenv(EnvStage, stage)
	code := m.Run()
	if stop != nil {
		stop()
	}
	return code
}

// startKeyring starts gnome-keyring-daemon with a throw-away password and
// waits until it owns org.freedesktop.secrets, so no test races its start
// (a call made earlier would have D-Bus start a second, locked daemon).
// The password goes through stdin, never a process argument; the daemon
// creates the login keyring under the throw-away home, unlocked. It runs
// in the foreground as this process's child, so stop can end it and
// collect it: a daemonized one would outlive the private bus.
func startKeyring() (stop func(), err error) {
	conn, err := dbus.SessionBusPrivate()
	if err == nil {
		if err = conn.Auth(nil); err == nil {
			err = conn.Hello()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("connecting to the private session bus: %v", err)
	}
	defer conn.Close()
	owners := make(chan *dbus.Signal, 8)
	conn.Signal(owners)
	if err := conn.AddMatchSignal(
		dbus.WithMatchInterface("org.freedesktop.DBus"),
		dbus.WithMatchMember("NameOwnerChanged"),
		dbus.WithMatchArg(0, secretsName),
	); err != nil {
		return nil, err
	}

	cmd, exited, err := startDaemon()
	if err != nil {
		return nil, err
	}
	stop = func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(startupTimeout):
			_ = cmd.Process.Kill()
			<-exited
		}
	}
	var owned bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, secretsName).Store(&owned); err != nil {
		stop()
		return nil, err
	}
	timeout := time.After(startupTimeout)
	for !owned {
		select {
		case s := <-owners:
			if len(s.Body) == 3 {
				newOwner, _ := s.Body[2].(string)
				owned = newOwner != ""
			}
		case err := <-exited:
			return nil, fmt.Errorf("gnome-keyring-daemon stopped before taking %s on the bus: %v", secretsName, err)
		case <-timeout:
			stop()
			return nil, fmt.Errorf("gnome-keyring-daemon did not take %s on the bus within %v", secretsName, startupTimeout)
		}
	}
	return stop, nil
}

// startDaemon starts the daemon; exited receives Wait's result.
func startDaemon() (*exec.Cmd, <-chan error, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	// The whole password fits in the pipe's buffer: write it and close, so
	// the daemon sees the end of its input.
	_, err = w.WriteString(rand.Text())
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
	cmd.Stdin = r
	cmd.Stdout = nil       // /dev/null: it prints its environment variables
	cmd.Stderr = os.Stderr // its warnings show with the tests' output
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("starting gnome-keyring-daemon: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return cmd, exited, nil
}
