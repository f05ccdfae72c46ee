//go:build !linux

package notify

import "context"

// Notifier sends notifications; on this system it cannot yet.
type Notifier struct{}

// New answers ErrUnsupported on this system.
func New(...Option) (*Notifier, error) { return nil, ErrUnsupported }

// Send answers ErrUnsupported on this system.
func (*Notifier) Send(context.Context, string, string) error { return ErrUnsupported }

// Close does nothing.
func (*Notifier) Close() error { return nil }
