package sandbox

import (
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkStart is what each test pays for its own platform.
func BenchmarkStart(b *testing.B) {
	for b.Loop() {
		s, err := Start(Config{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkStartWithState includes making and saving a signing key.
func BenchmarkStartWithState(b *testing.B) {
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		s, err := Start(Config{StateFile: filepath.Join(dir, strconv.Itoa(i)+".json")})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSignIn is a whole sign-in over HTTP: three page requests and
// the code exchange.
func BenchmarkSignIn(b *testing.B) {
	s := start(b, Config{})
	for b.Loop() {
		session(b, s)
	}
}

// BenchmarkMeWithPAT is one Power-Automate-style check of a PAT.
func BenchmarkMeWithPAT(b *testing.B) {
	s := start(b, Config{})
	pat := mustCreatePAT(b, s, session(b, s).AccessToken).Token
	for b.Loop() {
		if a := me(b, s, pat); a.status != http.StatusOK {
			b.Fatal(a.status)
		}
	}
}
