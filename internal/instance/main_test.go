package instance

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// envHelper, set to "hold", makes the test binary an agent that holds the
// endpoint until it is killed (see startHolder).
const envHelper = "IOBEYA_INSTANCE_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(envHelper) == "hold" {
		os.Exit(hold())
	}
	os.Exit(m.Run())
}

// hold listens, says so on stdout, and waits to be killed.
func hold() int {
	s, err := Listen(context.Background(), func(*Peer, Message) Message { return Message{} })
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("listening", s.Path())
	select {}
}

// startHolder starts this test binary as an agent in another process, with
// the test's environment (so the same XDG_RUNTIME_DIR), and waits until it
// listens.
func startHolder(t *testing.T) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), envHelper+"=hold")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- s
	}()
	select {
	case s := <-line:
		if !strings.HasPrefix(s, "listening ") {
			t.Fatalf("the holder did not listen: %q", s)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the holder did not say it listens within 30 s")
	}
	return cmd
}
