//go:build !windows

package companion

import "os"

// makePrivate lets only the user read and write the settings file.
func makePrivate(f *os.File) error { return f.Chmod(0o600) }
