//go:build !(linux || freebsd || netbsd || openbsd || dragonfly || darwin || windows)

package autostart

func enable(string) error    { return ErrUnsupported }
func disable() error         { return ErrUnsupported }
func enabled() (bool, error) { return false, ErrUnsupported }
