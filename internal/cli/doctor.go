package cli

import (
	"context"
	"fmt"
	"runtime"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

func runDoctor(ctx context.Context, r *run, args []string) int {
	fs := r.flags("doctor")
	if code := r.parse(fs, args); code >= 0 {
		return code
	}
	core, err := r.openOnlineCore(ctx)
	if err != nil {
		return r.fail(err)
	}
	v := r.io.Version
	if v == "" {
		v = "devel"
	}
	fmt.Fprintf(r.io.Stdout, "iobeya-token %s (%s, %s/%s)\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	rep := core.Doctor(ctx)
	fmt.Fprint(r.io.Stdout, rep.String())
	if !rep.OK() {
		fmt.Fprintln(r.io.Stderr, r.say(words.CLIDoctorFailed, nil))
		return ExitError
	}
	return ExitOK
}
