package secretservice_test

import (
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

func TestMain(m *testing.M) { testenv.RunWithSecretService(m) }
