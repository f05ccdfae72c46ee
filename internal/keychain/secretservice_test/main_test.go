package secretservice_test

import (
	"flag"
	"os"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestMain(m *testing.M) {
	// TestHelper* run only as subprocesses started by runHelper; in any
	// other run they are left out (not reported as skipped).
	if os.Getenv(envHelper) == "" {
		flag.Parse()
		_ = flag.Set("test.skip", "^TestHelper")
	}
	testenv.RunWithSecretService(m)
}
