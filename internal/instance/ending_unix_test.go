//go:build unix

package instance

import (
	"context"
	"net"
	"path/filepath"
	"testing"
)

// TestRequestOrStartPastAnEndingAgent: an agent in its last moments
// (killed with kill -9 while its endpoint still takes connections) accepts
// the connection and drops it unanswered. RequestOrStart does not give up
// there: it dials again, starts an agent when none answers, and its first
// request is answered by the new one.
func TestRequestOrStartPastAnEndingAgent(t *testing.T) {
	dir := privateRuntime(t)
	if _, err := Dir(); err != nil {
		t.Fatal(err)
	}
	// The ending agent: its socket takes one connection and closes it,
	// then goes away, as the dying process's does.
	ending, err := net.Listen("unix", filepath.Join(dir, dirName, "agent.sock"))
	if err != nil {
		t.Fatal(err)
	}
	dropped := make(chan struct{})
	go func() {
		defer close(dropped)
		c, err := ending.Accept()
		if err == nil {
			_ = c.Close()
		}
		_ = ending.Close()
	}()
	starts := 0
	start := func() error {
		starts++
		<-dropped
		s, err := Listen(context.Background(), ok)
		if err == nil {
			t.Cleanup(func() { _ = s.Close() })
		}
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	c, reply, err := RequestOrStart(ctx, start, nil, Message{Kind: KindPing})
	if err != nil {
		t.Fatalf("RequestOrStart past an ending agent: %v", err)
	}
	defer c.Close()
	if reply.Kind != KindOK || starts != 1 {
		t.Fatalf("answer %q after %d starts, want %q after one", reply.Kind, starts, KindOK)
	}
	// The connection it returns is the new agent's, alive.
	if _, err := c.Request(ctx, Message{Kind: KindPing}); err != nil {
		t.Fatalf("the returned connection does not answer: %v", err)
	}
}
