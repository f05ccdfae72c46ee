package instance

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Conn is a process's connection to the agent: the window keeps it open
// for its lifetime; a one-shot caller sends one request and closes it.
type Conn struct {
	w    *wire
	push func(Message)

	mu      sync.Mutex
	next    uint64
	waiting map[uint64]chan Message
}

// Dial connects to the user's agent. push, if not nil, receives the
// messages the agent sends on its own (KindShow, KindQuit), one at a time
// on the connection's reading goroutine: it must return promptly and must
// not wait for Request (whose answer that goroutine delivers); Close is
// fine. It returns ErrNotRunning when no agent answers.
func Dial(ctx context.Context, push func(Message), opts ...Option) (*Conn, error) {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	c, err := dialEndpoint(ctx, dir)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// No socket, or a stale one nobody listens on.
		return nil, fmt.Errorf("%w (%v)", ErrNotRunning, err)
	}
	o := makeOptions(opts)
	if push == nil {
		push = func(Message) {}
	}
	cn := &Conn{w: newWire(c, o.logf), push: push, waiting: map[uint64]chan Message{}}
	go cn.w.read(cn.dispatch)
	return cn, nil
}

// dispatch hands an answer to its waiting request, anything else to push.
func (c *Conn) dispatch(m Message) {
	if m.Re == 0 {
		c.push(m)
		return
	}
	c.mu.Lock()
	ch, ok := c.waiting[m.Re]
	delete(c.waiting, m.Re)
	c.mu.Unlock()
	if !ok {
		c.w.logf("instance: ignored an answer to no pending request (%q)", m.Kind)
		return
	}
	ch <- m // buffered: never blocks
}

// Request sends m and waits for the agent's answer until ctx ends
// (DefaultTimeout if it has no deadline). An error answer is returned as
// an error wrapping ErrRefused.
func (c *Conn) Request(ctx context.Context, m Message) (Message, error) {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	ch := make(chan Message, 1)
	c.mu.Lock()
	c.next++
	m.ID, m.Re = c.next, 0
	c.waiting[m.ID] = ch
	c.mu.Unlock()
	forget := func() {
		c.mu.Lock()
		delete(c.waiting, m.ID)
		c.mu.Unlock()
	}
	if err := c.w.send(ctx, m); err != nil {
		forget()
		return Message{}, err
	}
	select {
	case reply := <-ch:
		if reply.Kind == KindError {
			return reply, fmt.Errorf("%w: %s", ErrRefused, reply.Text)
		}
		return reply, nil
	case <-c.w.done:
		forget()
		select {
		case reply := <-ch: // answered just before the end
			return reply, nil
		default:
		}
		return Message{}, ErrClosed
	case <-ctx.Done():
		forget()
		return Message{}, ctx.Err()
	}
}

// Done is closed when the connection ends, from either side (the agent
// quit or died).
func (c *Conn) Done() <-chan struct{} { return c.w.done }

// Close ends the connection; the agent sees the window go away.
func (c *Conn) Close() error {
	c.w.close()
	return nil
}

// Ping reports whether an agent answers within ctx's deadline.
func Ping(ctx context.Context) error {
	c, err := Dial(ctx, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.Request(ctx, Message{Kind: KindPing}); err != nil {
		if errors.Is(err, ErrClosed) {
			return ErrNotRunning
		}
		return err
	}
	return nil
}
