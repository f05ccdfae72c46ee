package instance

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"time"
)

// DialOrStart connects to the agent; when none answers it calls start
// (which starts the agent, e.g. with StartDetached) once, and dials again
// until the agent answers or ctx ends (DefaultTimeout if it has no
// deadline; starting a program may need more: pass one).
func DialOrStart(ctx context.Context, start func() error, push func(Message), opts ...Option) (*Conn, error) {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	c, err := Dial(ctx, push, opts...)
	if !errors.Is(err, ErrNotRunning) {
		return c, err
	}
	if err := start(); err != nil {
		return nil, err
	}
	// The agent listens once it has started: try again, a little less
	// often each time, until ctx's deadline.
	delay := 10 * time.Millisecond
	for {
		select {
		case <-ctx.Done():
			return nil, errors.Join(ErrNotRunning, ctx.Err())
		case <-time.After(delay):
		}
		c, err := Dial(ctx, push, opts...)
		if !errors.Is(err, ErrNotRunning) {
			return c, err
		}
		delay = min(2*delay, 200*time.Millisecond)
	}
}

// RequestOrStart connects to the agent as DialOrStart does and sends m as
// the connection's first request; it returns the connection and the
// answer. An agent that is ending (killed, or quitting) can still take a
// connection in its last moments and drop it before answering: the
// request then fails, and RequestOrStart dials again, starting an agent
// when none answers, until ctx ends (DefaultTimeout if it has no
// deadline). An agent that refuses m (ErrRefused) is not asked again.
func RequestOrStart(ctx context.Context, start func() error, push func(Message), m Message, opts ...Option) (*Conn, Message, error) {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	delay := 10 * time.Millisecond
	for {
		c, err := DialOrStart(ctx, start, push, opts...)
		if err != nil {
			return nil, Message{}, err
		}
		reply, err := c.Request(ctx, m)
		if err == nil {
			return c, reply, nil
		}
		_ = c.Close()
		if errors.Is(err, ErrRefused) || ctx.Err() != nil {
			return nil, reply, err
		}
		select {
		case <-ctx.Done():
			return nil, Message{}, errors.Join(err, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, 200*time.Millisecond)
	}
}

// StartDetached starts exe with args in a session of its own, with no
// terminal and no standard streams, so it outlives the caller (the window
// starting the agent, or the agent starting the window). The process is
// reaped when it ends.
func StartDetached(exe string, args ...string) (*os.Process, error) {
	cmd := exec.Command(exe, args...)
	cmd.SysProcAttr = detached()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { _ = cmd.Wait() }()
	return cmd.Process, nil
}
