package instance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// wait bounds how long a test waits for something that should happen at
// once; it only matters when the code is broken.
const wait = 10 * time.Second

// privateRuntime points XDG_RUNTIME_DIR (and on Windows LOCALAPPDATA,
// where Dir is) at a fresh directory. Its removal is best effort, not
// t.TempDir's: Wine 8, where TestInstanceUnderWine runs these tests,
// cannot remove a folder the way Go's os.RemoveAll does on Windows.
func privateRuntime(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "iobeya-instance-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	t.Setenv("XDG_RUNTIME_DIR", dir)
	t.Setenv("LOCALAPPDATA", dir)
	return dir
}

// logBuffer collects WithLog's lines.
type logBuffer struct {
	mu    sync.Mutex
	lines []string
}

func (l *logBuffer) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func ok(*Peer, Message) Message { return Message{} }

func listen(t *testing.T, h Handler, opts ...Option) *Server {
	t.Helper()
	s, err := Listen(context.Background(), h, opts...)
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func dial(t *testing.T, push func(Message)) *Conn {
	t.Helper()
	c, err := Dial(context.Background(), push)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// TestSecondListen: while one agent holds the endpoint, a second gets
// ErrRunning; once the first closes, the next one listens.
func TestSecondListen(t *testing.T) {
	privateRuntime(t)
	s := listen(t, ok)
	if _, err := Listen(context.Background(), ok); !errors.Is(err, ErrRunning) {
		t.Fatalf("a second Listen: %v, want ErrRunning", err)
	}
	if err := Ping(context.Background()); err != nil {
		t.Fatalf("the first agent no longer answers after the second tried: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := Ping(context.Background()); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("Ping after Close: %v, want ErrNotRunning", err)
	}
	listen(t, ok)
}

// TestKilledAgent: an agent in another process holds the endpoint; after
// kill -9 its socket file is left behind, and the next Listen still works.
func TestKilledAgent(t *testing.T) {
	dir := privateRuntime(t)
	holder := startHolder(t)
	if _, err := Listen(context.Background(), ok); !errors.Is(err, ErrRunning) {
		t.Fatalf("Listen while another process holds it: %v, want ErrRunning", err)
	}
	if err := Ping(context.Background()); err != nil {
		t.Fatalf("the other process's agent does not answer: %v", err)
	}
	if err := holder.Process.Kill(); err != nil { // SIGKILL; TerminateProcess on Windows
		t.Fatal(err)
	}
	_ = holder.Wait()
	if runtime.GOOS != "windows" { // a named pipe goes away with its process
		sock := filepath.Join(dir, dirName, "agent.sock")
		if _, err := os.Lstat(sock); err != nil {
			t.Fatalf("kill -9 should leave the socket behind (the case under test): %v", err)
		}
	}
	if err := Ping(context.Background()); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("Ping to the stale socket: %v, want ErrNotRunning", err)
	}
	listen(t, ok)
	if err := Ping(context.Background()); err != nil {
		t.Fatalf("the new agent does not answer: %v", err)
	}
}

// TestWindowShow: a window registers; a second start is told another
// window was shown, and the registered window receives KindShow. Quit
// pushed to the window reaches it too.
func TestWindowShow(t *testing.T) {
	privateRuntime(t)
	var mu sync.Mutex
	var window *Peer
	listen(t, func(p *Peer, m Message) Message {
		if m.Kind != KindRegister {
			return Message{}
		}
		mu.Lock()
		defer mu.Unlock()
		if window != nil {
			if err := window.Send(context.Background(), Message{Kind: KindShow}); err != nil {
				return Message{Kind: KindError, Text: err.Error()}
			}
			return Message{Kind: KindShown}
		}
		window = p
		return Message{}
	})
	pushed := make(chan Message, 4)
	first := dial(t, func(m Message) { pushed <- m })
	if reply, err := first.Request(context.Background(), Message{Kind: KindRegister}); err != nil || reply.Kind != KindOK {
		t.Fatalf("the first window's register: %+v, %v; want ok", reply, err)
	}
	second := dial(t, nil)
	if reply, err := second.Request(context.Background(), Message{Kind: KindRegister}); err != nil || reply.Kind != KindShown {
		t.Fatalf("the second window's register: %+v, %v; want shown", reply, err)
	}
	select {
	case m := <-pushed:
		if m.Kind != KindShow || m.V != Version {
			t.Fatalf("the window received %+v, want show of version %d", m, Version)
		}
	case <-time.After(wait):
		t.Fatal("the registered window was not told to show itself")
	}
	mu.Lock()
	w := window
	mu.Unlock()
	if err := w.Send(context.Background(), Message{Kind: KindQuit}); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-pushed:
		if m.Kind != KindQuit {
			t.Fatalf("the window received %+v, want quit", m)
		}
	case <-time.After(wait):
		t.Fatal("the registered window was not told to quit")
	}
}

// TestDropped: the agent notices a window that goes away, and a window
// notices an agent that goes away.
func TestDropped(t *testing.T) {
	privateRuntime(t)
	peers := make(chan *Peer, 1)
	s := listen(t, func(p *Peer, m Message) Message {
		if m.Kind == KindRegister {
			peers <- p
		}
		return Message{}
	})
	c := dial(t, nil)
	if _, err := c.Request(context.Background(), Message{Kind: KindRegister}); err != nil {
		t.Fatal(err)
	}
	p := <-peers
	c.Close()
	select {
	case <-p.Done():
	case <-time.After(wait):
		t.Fatal("the agent did not notice the window's connection end")
	}
	if err := p.Send(context.Background(), Message{Kind: KindShow}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Send to a window gone away: %v, want ErrClosed", err)
	}

	c = dial(t, nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.Done():
	case <-time.After(wait):
		t.Fatal("the window did not notice the agent end")
	}
	if _, err := c.Request(context.Background(), Message{Kind: KindPing}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Request after the agent ended: %v, want ErrClosed", err)
	}
}

// TestGarbage: lines that are not messages of this protocol are logged and
// skipped; the connection and the agent go on. The log does not repeat the
// line (it could hold anything).
func TestGarbage(t *testing.T) {
	dir := privateRuntime(t)
	var log logBuffer
	listen(t, ok, WithLog(log.logf))
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	c, err := dialEndpoint(ctx, filepath.Join(dir, dirName))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(wait))
	lines := "not json at all secret-ish\n" + `{"v":1}` + "\n" + `[1,2]` + "\n" +
		`{"v":99,"id":7,"kind":"ping"}` + "\n" + `{"v":1,"id":8,"kind":"ping"}` + "\n"
	if _, err := c.Write([]byte(lines)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 512)
	for bytes.Count(buf, []byte("\n")) < 2 {
		b := make([]byte, 256)
		n, err := c.Read(b)
		if err != nil {
			t.Fatalf("reading the answers: %v (got %q)", err, buf)
		}
		buf = append(buf, b[:n]...)
	}
	want := `{"v":1,"re":7,"kind":"error","text":"unsupported protocol version"}` + "\n" + `{"v":1,"re":8,"kind":"ok"}` + "\n"
	if string(buf) != want {
		t.Fatalf("answers:\n%s\nwant:\n%s", buf, want)
	}
	got := log.String()
	if n := strings.Count(got, "ignored a line"); n != 3 {
		t.Errorf("logged %d ignored lines, want 3:\n%s", n, got)
	}
	if !strings.Contains(got, "protocol version 99") {
		t.Errorf("the version mismatch was not logged:\n%s", got)
	}
	if strings.Contains(got, "secret-ish") {
		t.Errorf("the log repeats a line's content:\n%s", got)
	}
	if err := Ping(context.Background()); err != nil {
		t.Fatalf("the agent stopped answering after garbage: %v", err)
	}
}

// TestDeadline: a request the agent does not answer in time ends with the
// context's deadline.
func TestDeadline(t *testing.T) {
	privateRuntime(t)
	release := make(chan struct{})
	defer close(release)
	listen(t, func(*Peer, Message) Message { <-release; return Message{} })
	c := dial(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.Request(ctx, Message{Kind: KindChanged}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Request to a stuck agent: %v, want the deadline", err)
	}
}

// TestDialOrStart: with no agent, DialOrStart starts one (here this test
// binary as an agent, detached) and connects to it; with one, it does not
// start another.
func TestDialOrStart(t *testing.T) {
	privateRuntime(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(envHelper, "hold") // inherited by the started agent only
	starts := 0
	start := func() error {
		starts++
		p, err := StartDetached(self)
		if err != nil {
			return err
		}
		t.Cleanup(func() { _ = p.Kill() })
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for range 2 {
		c, err := DialOrStart(ctx, start, nil)
		if err != nil {
			t.Fatalf("DialOrStart: %v", err)
		}
		if _, err := c.Request(ctx, Message{Kind: KindPing}); err != nil {
			t.Fatalf("the started agent does not answer: %v", err)
		}
		c.Close()
	}
	if starts != 1 {
		t.Fatalf("the agent was started %d times, want once", starts)
	}
}

// TestRequestOrStartRefused: an agent's refusal is an answer, not a reason
// to ask again.
func TestRequestOrStartRefused(t *testing.T) {
	privateRuntime(t)
	asked := 0
	var mu sync.Mutex
	listen(t, func(_ *Peer, m Message) Message {
		mu.Lock()
		asked++
		mu.Unlock()
		return Message{Kind: KindError, Text: "no"}
	})
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	_, _, err := RequestOrStart(ctx, func() error { return errors.New("nothing to start") }, nil, Message{Kind: KindPing})
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("RequestOrStart to a refusing agent: %v, want ErrRefused", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if asked != 1 {
		t.Fatalf("the agent was asked %d times, want once", asked)
	}
}

// TestDialOrStartGivesUp: when the started program never listens,
// DialOrStart ends at the deadline with ErrNotRunning.
func TestDialOrStartGivesUp(t *testing.T) {
	privateRuntime(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := DialOrStart(ctx, func() error { return nil }, nil)
	if !errors.Is(err, ErrNotRunning) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("DialOrStart with nothing starting: %v, want ErrNotRunning at the deadline", err)
	}
}

// TestCloseFromHandler: an agent may quit from a handler (KindQuit)
// without hanging.
func TestCloseFromHandler(t *testing.T) {
	privateRuntime(t)
	server := make(chan *Server, 1)
	closed := make(chan error, 1)
	server <- listen(t, func(_ *Peer, m Message) Message {
		if m.Kind == KindQuit {
			closed <- (<-server).Close()
		}
		return Message{}
	})
	c := dial(t, nil)
	_, _ = c.Request(context.Background(), Message{Kind: KindQuit}) // the answer may or may not get out
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(wait):
		t.Fatal("Close from a handler hangs")
	}
	if err := Ping(context.Background()); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("Ping after quit: %v, want ErrNotRunning", err)
	}
}
