package cli

import (
	"context"
	"fmt"

	"github.com/iobeya-token/iobeya-token/internal/version"
)

// runVersion prints "iObeya Token <version>": the version IO carries, or
// the one stamped into this binary.
func runVersion(_ context.Context, r *run, args []string) int {
	fs := r.flags("version")
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	fmt.Fprintln(r.io.Stdout, version.Title(r.io.Version))
	return ExitOK
}
