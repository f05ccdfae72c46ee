package instance

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net"
	"sync"
	"time"
)

// wire is one connection's line-delimited JSON, shared by both ends.
type wire struct {
	c    net.Conn
	logf func(format string, args ...any)

	mu     sync.Mutex // serialises writes
	done   chan struct{}
	closer sync.Once
}

func newWire(c net.Conn, logf func(string, ...any)) *wire {
	return &wire{c: c, logf: logf, done: make(chan struct{})}
}

// send writes m as one line, within ctx's deadline (DefaultTimeout if none).
func (w *wire) send(ctx context.Context, m Message) error {
	select {
	case <-w.done:
		return ErrClosed
	default:
	}
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	m.V = Version
	line, err := json.Marshal(m)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	w.mu.Lock()
	defer w.mu.Unlock()
	deadline, _ := ctx.Deadline()
	if err := w.c.SetWriteDeadline(deadline); err != nil {
		return err
	}
	// A cancelled context ends the write as its deadline would.
	stop := context.AfterFunc(ctx, func() { _ = w.c.SetWriteDeadline(time.Unix(1, 0)) })
	defer stop()
	if _, err := w.c.Write(line); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	return nil
}

// read calls got for each well-formed message until the connection ends,
// then closes the wire. Lines that are not a message of this protocol's
// version are logged and skipped: a confused peer does not end the agent.
func (w *wire) read(got func(Message)) {
	defer w.close()
	sc := bufio.NewScanner(w.c)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	for sc.Scan() {
		var m Message
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m.Kind == "" {
			w.logf("instance: ignored a line that is not a message (%d bytes)", len(sc.Bytes()))
			continue
		}
		if m.V != Version {
			w.logf("instance: ignored a %q message of protocol version %d (this is %d)", m.Kind, m.V, Version)
			if m.ID != 0 {
				_ = w.send(context.Background(), Message{Re: m.ID, Kind: KindError, Text: "unsupported protocol version"})
			}
			continue
		}
		got(m)
	}
	if err := sc.Err(); err != nil && !errors.Is(err, net.ErrClosed) {
		w.logf("instance: connection ended: %v", err)
	}
}

// close ends the connection; done is closed once.
func (w *wire) close() {
	w.closer.Do(func() {
		close(w.done)
		_ = w.c.Close()
	})
}
