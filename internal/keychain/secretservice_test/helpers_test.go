package secretservice_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// envHelper names the helper test a subprocess is to run.
const envHelper = "IOBEYA_KEYCHAIN_HELPER"

// secretOf returns a fresh random secret of n bytes (base64url text, like a
// JWT), minted at run time.
func secretOf(n int) string {
	s := strings.Repeat(rand.Text(), n/26+1)
	return s[:n]
}

// asHelper stops t unless this process was started by runHelper for it
// (TestMain leaves helpers out of other runs; this guards -test.run).
func asHelper(t *testing.T) {
	t.Helper()
	if os.Getenv(envHelper) != t.Name() {
		t.Fatalf("%s runs only as a subprocess of another test (%s=%s)", t.Name(), envHelper, t.Name())
	}
}

// runHelper runs the helper test name in a fresh copy of this test binary,
// with env changed (a value of "" unsets), and fails t unless it passes.
func runHelper(t *testing.T, name string, env map[string]string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	env[envHelper] = name
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := env[k]; !ok {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range env {
		if v != "" {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("--- PASS: "+name)) {
		t.Fatalf("helper %s: %v\n%s", name, err, out)
	}
}

// filesContaining lists the regular files under root holding any of the
// needles.
func filesContaining(t *testing.T, root string, needles ...string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil // a file removed while walking
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil // sockets, pipes
		}
		data, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, n := range needles {
			if bytes.Contains(data, []byte(n)) {
				found = append(found, path)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// samples are pieces of secret to look for: a chunk's worth of data
// stored anywhere in the clear would contain one of them.
func samples(secret string) []string {
	const width, step = 24, 200
	if len(secret) <= width {
		return []string{secret}
	}
	var out []string
	for i := 0; i+width <= len(secret); i += step {
		out = append(out, secret[i:i+width])
	}
	return out
}

// assertNowhereInClear fails t if any piece of secret is in a file under
// root, after checking that the scan does find a planted copy.
func assertNowhereInClear(t *testing.T, root, secret string) {
	t.Helper()
	needles := samples(secret)
	plant := filepath.Join(root, "tmp", "planted-"+rand.Text())
	if err := os.WriteFile(plant, []byte("x"+needles[len(needles)-1]+"x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if found := filesContaining(t, root, needles...); len(found) != 1 || found[0] != plant {
		t.Fatalf("the scan does not work: it found %q, want only the planted %q", found, plant)
	}
	if err := os.Remove(plant); err != nil {
		t.Fatal(err)
	}
	if found := filesContaining(t, root, needles...); len(found) != 0 {
		t.Errorf("the secret is stored in the clear in %q", found)
	}
}
