package instance

import (
	"context"
	"errors"
	"net"
	"sync"
)

// Handler answers one request from a peer. Its answer is sent back with the
// request's ID; a zero answer is sent as KindOK. It runs on the peer's
// reading goroutine, so messages of one peer are handled in order: it
// must return promptly (start long work on a goroutine of its own). It may
// call Server.Close (to quit) and Peer.Send.
type Handler func(p *Peer, m Message) Message

// Server is the agent's end of the endpoint. It owns the endpoint until
// Close (or until the process ends).
type Server struct {
	ln     net.Listener
	path   string
	unlock func()
	h      Handler
	opts   options

	mu       sync.Mutex
	peers    map[*Peer]struct{}
	closed   bool
	accepted chan struct{} // closed when the accepting goroutine ends
}

// Peer is one connected process, as the agent sees it. The window stays
// connected so the agent can push KindShow and KindQuit to it and notice
// (Done) when it goes away.
type Peer struct {
	w *wire
}

// Send pushes m to the peer within ctx's deadline (DefaultTimeout if none).
func (p *Peer) Send(ctx context.Context, m Message) error {
	m.ID, m.Re = 0, 0
	return p.w.send(ctx, m)
}

// Done is closed when the connection ends, from either side.
func (p *Peer) Done() <-chan struct{} { return p.w.done }

// Close ends the connection.
func (p *Peer) Close() { p.w.close() }

// Listen makes this process the user's agent: it takes the lock, makes the
// endpoint (replacing a stale socket) and serves each message to h (nil answers KindOK to
// everything). It returns ErrRunning when another agent holds the lock.
func Listen(ctx context.Context, h Handler, opts ...Option) (*Server, error) {
	if h == nil {
		h = func(*Peer, Message) Message { return Message{} }
	}
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	unlock, busy, err := lock(lockPath(dir))
	switch {
	case err != nil:
		return nil, err
	case busy:
		return nil, ErrRunning
	}
	ln, path, err := listenEndpoint(ctx, dir)
	if err != nil {
		unlock()
		return nil, err
	}
	s := &Server{ln: ln, path: path, unlock: unlock, h: h, opts: makeOptions(opts), peers: map[*Peer]struct{}{}, accepted: make(chan struct{})}
	go s.accept()
	return s, nil
}

// Path is the endpoint's name: the socket's file, or on Windows the pipe's.
func (s *Server) Path() string { return s.path }

func (s *Server) accept() {
	defer close(s.accepted)
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				s.opts.logf("instance: stopped accepting: %v", err)
			}
			return
		}
		p := &Peer{w: newWire(c, s.opts.logf)}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			p.Close()
			return
		}
		s.peers[p] = struct{}{}
		s.mu.Unlock()
		go s.serve(p)
	}
}

func (s *Server) serve(p *Peer) {
	p.w.read(func(m Message) {
		reply := s.h(p, m)
		if m.ID == 0 {
			return
		}
		if reply.Kind == "" {
			reply.Kind = KindOK
		}
		reply.ID, reply.Re = 0, m.ID
		if err := p.w.send(context.Background(), reply); err != nil {
			s.opts.logf("instance: could not answer a %q message: %v", m.Kind, err)
		}
	})
	s.mu.Lock()
	delete(s.peers, p)
	s.mu.Unlock()
}

// Close stops listening, ends every connection, removes the endpoint and
// releases the lock, so the next agent can start. It does not wait for
// handlers still running (one of them may be the caller).
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	err := s.ln.Close()
	for p := range s.peers {
		p.Close()
	}
	s.mu.Unlock()
	<-s.accepted
	if rmErr := removeEndpoint(s.path); rmErr != nil && err == nil {
		err = rmErr
	}
	s.unlock()
	return err
}
