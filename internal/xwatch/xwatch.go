// Package xwatch is just enough of the X11 protocol, spoken over the
// display's Unix socket, for the benchmarks and the desktop tests: see
// top-level windows mapped and unmapped, and close one the way a window
// manager's close button does.
package xwatch

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// Conn is just enough of the X11 protocol to watch a display: it asks the
// server for SubstructureNotify events on the root window (a top-level
// window being mapped or unmapped, there being no window manager) and can
// ask a window to close the way a window manager's close button does. The
// server pushes the events: nothing is polled.
type Conn struct {
	c       net.Conn
	r       *bufio.Reader
	root    uint32
	events  chan Event
	replies chan []byte
	errs    chan error
}

// Event is a MapNotify or UnmapNotify of a top-level window, stamped when
// it was read off the socket.
type Event struct {
	Mapped bool
	Window uint32
	At     time.Time
}

const (
	xMapNotify     = 19
	xUnmapNotify   = 18
	xClientMessage = 33

	xSubstructureNotifyMask = 0x80000
	xCWEventMask            = 0x800
)

// Dial connects to display ":N" over its Unix socket. Xvfb started without
// -auth lets local clients in without a cookie.
func Dial(display string) (*Conn, error) {
	n := strings.TrimPrefix(display, ":")
	c, err := net.DialTimeout("unix", "/tmp/.X11-unix/X"+n, 5*time.Second)
	if err != nil {
		return nil, err
	}
	x := &Conn{c: c, r: bufio.NewReader(c), events: make(chan Event, 64), replies: make(chan []byte, 4), errs: make(chan error, 1)}
	if err := x.setup(); err != nil {
		c.Close()
		return nil, fmt.Errorf("connecting to the X display %s: %w", display, err)
	}
	// Events on the root's children; then a round trip, so that the mask
	// is in force before anything is started on the display.
	if err := x.request(2, 0, le32(x.root), le32(xCWEventMask), le32(xSubstructureNotifyMask)); err != nil {
		c.Close()
		return nil, err
	}
	go x.read()
	if _, err := x.roundTrip(43, 0); err != nil { // GetInputFocus
		c.Close()
		return nil, err
	}
	return x, nil
}

// Close ends the connection.
func (x *Conn) Close() error { return x.c.Close() }

// setup sends the connection request and reads the root window of the
// first screen from the server's answer.
func (x *Conn) setup() error {
	req := []byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if _, err := x.c.Write(req); err != nil {
		return err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(x.r, head); err != nil {
		return err
	}
	body := make([]byte, int(binary.LittleEndian.Uint16(head[6:]))*4)
	if _, err := io.ReadFull(x.r, body); err != nil {
		return err
	}
	if head[0] != 1 {
		return fmt.Errorf("refused: %q", strings.TrimSpace(string(body)))
	}
	vendorLen := int(binary.LittleEndian.Uint16(body[16:]))
	formats := int(body[21])
	off := 32 + pad4(vendorLen) + 8*formats
	if len(body) < off+4 {
		return errors.New("short setup answer")
	}
	x.root = binary.LittleEndian.Uint32(body[off:])
	return nil
}

// read takes events, replies and errors off the socket.
func (x *Conn) read() {
	for {
		b := make([]byte, 32)
		if _, err := io.ReadFull(x.r, b); err != nil {
			x.fail(err)
			return
		}
		at := time.Now()
		switch code := b[0] & 0x7f; code {
		case 0:
			select {
			case x.errs <- fmt.Errorf("the X server answered error %d to request %d", b[1], b[10]):
			default:
			}
		case 1:
			extra := make([]byte, int(binary.LittleEndian.Uint32(b[4:]))*4)
			if _, err := io.ReadFull(x.r, extra); err != nil {
				x.fail(err)
				return
			}
			x.replies <- append(b, extra...)
		case xMapNotify, xUnmapNotify:
			x.events <- Event{Mapped: code == xMapNotify, Window: binary.LittleEndian.Uint32(b[8:]), At: at}
		}
	}
}

// fail ends the reading: waiters see the error or the closed channel.
func (x *Conn) fail(err error) {
	select {
	case x.errs <- err:
	default:
	}
	close(x.events)
}

// request sends one request; parts are its body after the 4-byte header.
func (x *Conn) request(opcode, data byte, parts ...[]byte) error {
	n := 4
	for _, p := range parts {
		n += len(p)
	}
	msg := make([]byte, 4, n)
	msg[0], msg[1] = opcode, data
	binary.LittleEndian.PutUint16(msg[2:], uint16(n/4))
	for _, p := range parts {
		msg = append(msg, p...)
	}
	_, err := x.c.Write(msg)
	return err
}

// roundTrip sends a request that has a reply and waits for it.
func (x *Conn) roundTrip(opcode, data byte, parts ...[]byte) ([]byte, error) {
	if err := x.request(opcode, data, parts...); err != nil {
		return nil, err
	}
	select {
	case r := <-x.replies:
		return r, nil
	case err := <-x.errs:
		return nil, err
	case <-time.After(10 * time.Second):
		return nil, errors.New("the X server did not answer")
	}
}

// atom returns the id of an interned atom.
func (x *Conn) atom(name string) (uint32, error) {
	body := make([]byte, 4+pad4(len(name)))
	binary.LittleEndian.PutUint16(body, uint16(len(name)))
	copy(body[4:], name)
	r, err := x.roundTrip(16, 0, body) // InternAtom
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(r[8:]), nil
}

// CloseWindow sends WM_DELETE_WINDOW, what a window manager sends when the
// user clicks the close button: the program decides what closing means.
func (x *Conn) CloseWindow(w uint32) error {
	protocols, err := x.atom("WM_PROTOCOLS")
	if err != nil {
		return err
	}
	del, err := x.atom("WM_DELETE_WINDOW")
	if err != nil {
		return err
	}
	ev := make([]byte, 32)
	ev[0], ev[1] = xClientMessage, 32
	binary.LittleEndian.PutUint32(ev[4:], w)
	binary.LittleEndian.PutUint32(ev[8:], protocols)
	binary.LittleEndian.PutUint32(ev[12:], del)
	// ev[16:20] is the time: CurrentTime (0).
	return x.request(25, 0, le32(w), le32(0), ev) // SendEvent, no propagation, no mask
}

// Next waits for the next map (mapped true) or unmap event.
func (x *Conn) Next(mapped bool, limit time.Duration) (Event, error) {
	deadline := time.After(limit)
	for {
		select {
		case ev, ok := <-x.events:
			if !ok {
				return Event{}, errors.New("the X connection closed")
			}
			if ev.Mapped == mapped {
				return ev, nil
			}
		case <-deadline:
			what := "mapped"
			if !mapped {
				what = "unmapped"
			}
			return Event{}, fmt.Errorf("no window %s within %s", what, limit)
		}
	}
}

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func pad4(n int) int { return (n + 3) &^ 3 }
