package keychain

import (
	"errors"
	"strings"
	"testing"

	"github.com/iobeya-token/iobeya-token/internal/testenv"
)

const (
	idA = "0123456789abcdef"
	idB = "fedcba9876543210"
)

// missing marks an entry the keychain does not have.
const missing = "\x00missing"

// lookupIn serves chunk k from entries, as the keychain would.
func lookupIn(entries []string) func(k int) (string, error) {
	return func(k int) (string, error) {
		if k < 1 || k > len(entries) || entries[k-1] == missing {
			return "", errChunkMissing
		}
		return entries[k-1], nil
	}
}

func TestSplitShapes(t *testing.T) {
	const size = 256
	tests := []struct {
		name    string
		secret  string
		entries int
		framed  bool
	}{
		{"empty", "", 1, false},
		{"small", testenv.FakeJWT(`{}`), 1, false},
		{"exactly one entry", strings.Repeat("a", size), 1, false},
		{"one byte over", strings.Repeat("a", size+1), 2, true},
		{"reserved prefix, small", reservedPrefix + "ed:v1:0001:looks like a header", 1, true},
		{"chunk-like, small", chunkMagic + "0002:" + idA + ":x", 1, true},
		{"fills exactly two", strings.Repeat("b", size-headerLen+size-chunkHeadLen), 2, true},
		{"one more byte", strings.Repeat("b", size-headerLen+size-chunkHeadLen+1), 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries := split(tt.secret, size, idA)
			if len(entries) != tt.entries {
				t.Fatalf("%d entries, want %d", len(entries), tt.entries)
			}
			if got := strings.HasPrefix(entries[0], headerMagic); got != tt.framed {
				t.Errorf("framed = %v, want %v", got, tt.framed)
			}
			for i, e := range entries {
				if len(e) > size {
					t.Errorf("entry %d is %d bytes, over %d", i+1, len(e), size)
				}
			}
			got, err := assemble(entries[0], lookupIn(entries))
			if err != nil || got != tt.secret {
				t.Errorf("assemble = %q, %v; want the secret back", got, err)
			}
		})
	}
}

func TestAssembleRefusesDamage(t *testing.T) {
	secret := strings.Repeat("0123456789", 100) // 1000 bytes: 5 entries of 256
	a := split(secret, 256, idA)
	b := split(secret, 256, idB)
	other := split(strings.Repeat("x", 1000), 256, idA) // same id, other secret
	if len(a) != 5 {
		t.Fatalf("setup: %d entries, want 5", len(a))
	}
	replace := func(entries []string, i int, v string) []string {
		out := append([]string(nil), entries...)
		out[i] = v
		return out
	}
	tests := []struct {
		name    string
		entries []string
		reason  string
	}{
		{"missing chunk", replace(a, 2, missing), "chunk 3 of 5 is missing"},
		{"last chunk missing", a[:4], "chunk 5 of 5 is missing"},
		{"chunk of another write", replace(a, 2, b[2]), "another write"},
		{"header of another write", replace(b, 0, a[0]), "another write"},
		{"chunk of another secret, same id", replace(a, 3, other[3]), "checksum"},
		{"tampered data", replace(a, 1, a[1][:len(a[1])-1]+"X"), "checksum"},
		{"tampered checksum", replace(a, 0, strings.Replace(a[0], ":"+checksum(secret)+":", ":"+checksum("x")+":", 1)), "checksum"},
		{"chunk misnumbered", replace(a, 1, a[2]), "not numbered"},
		{"header truncated", replace(a, 0, a[0][:40]), "truncated"},
		{"count not digits", replace(a, 0, strings.Replace(a[0], ":0005:", ":00x5:", 1)), "chunk count"},
		{"count zero", replace(a, 0, strings.Replace(a[0], ":0005:", ":0000:", 1)), "chunk count"},
		{"count too low", replace(a, 0, strings.Replace(a[0], ":0005:", ":0004:", 1)), "checksum"},
		{"count too high", replace(a, 0, strings.Replace(a[0], ":0005:", ":0006:", 1)), "chunk 6 of 6 is missing"},
		{"write id not hex", replace(a, 0, strings.Replace(a[0], idA, "0123456789ABCDEF", 1)), "write id"},
		{"chunk in the first slot", replace(a, 0, a[1]), "unknown header"},
		{"unknown version", replace(a, 0, strings.Replace(a[0], ":v1:", ":v2:", 1)), "unknown header"},
		{"empty chunk", replace(a, 1, a[1][:chunkHeadLen]), "empty"},
		{"empty first chunk", replace(a, 0, a[0][:headerLen]), "empty"},
		{"chunk without header", replace(a, 1, "0123456789"), "no valid header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := assemble(tt.entries[0], lookupIn(tt.entries))
			var ce *corruptError
			if !errors.As(err, &ce) {
				t.Fatalf("assemble = %d bytes, %v; want a corruptError", len(got), err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("error %q does not say %q", err, tt.reason)
			}
			if strings.Contains(err.Error(), "0123456789") {
				t.Errorf("error %q quotes the secret", err)
			}
		})
	}
}

func TestAssemblePassesLookupErrors(t *testing.T) {
	a := split(strings.Repeat("z", 600), 256, idA)
	boom := errors.New("backend failed")
	_, err := assemble(a[0], func(int) (string, error) { return "", boom })
	if !errors.Is(err, boom) {
		t.Errorf("assemble = %v, want the lookup's error", err)
	}
}

// FuzzChunks checks join(split(s)) == s for any secret and entry size, and
// that a missing chunk, a chunk of another write, a changed byte or a
// missing last chunk is always detected.
func FuzzChunks(f *testing.F) {
	f.Add("", uint16(0), uint16(0), byte(1))
	f.Add(testenv.FakeJWT(`{"sub":"u"}`), uint16(0), uint16(0), byte(1))
	f.Add(strings.Repeat("A", 5000), uint16(DefaultEntrySize-MinEntrySize), uint16(1), byte(0x20))
	f.Add(strings.Repeat("é", 3000), uint16(50), uint16(7), byte(0xff))
	f.Add(reservedPrefix+"ed:v1:0001:", uint16(0), uint16(0), byte(1))
	f.Add(strings.Repeat("0123456789", 300), uint16(0), uint16(3), byte(1))
	f.Fuzz(func(t *testing.T, secret string, size, pick uint16, flip byte) {
		if len(secret) > 16<<10 {
			return // larger secrets only add chunks, and slow the fuzzer down
		}
		entry := MinEntrySize + int(size)%(2*DefaultEntrySize)
		entries := split(secret, entry, idA)
		for i, e := range entries {
			if len(e) > entry {
				t.Fatalf("entry %d is %d bytes, over %d", i+1, len(e), entry)
			}
		}
		got, err := assemble(entries[0], lookupIn(entries))
		if err != nil || got != secret {
			t.Fatalf("join(split(s)) = %q, %v; want s", got, err)
		}
		if len(entries) == 1 && !strings.HasPrefix(entries[0], headerMagic) {
			return // plain: nothing to damage but the secret itself
		}

		mustFail := func(what string, damaged []string) {
			t.Helper()
			if got, err := assemble(damaged[0], lookupIn(damaged)); err == nil {
				t.Fatalf("%s: assemble returned %d bytes and no error", what, len(got))
			}
		}
		// Change one byte of data in some entry.
		i := int(pick) % len(entries)
		head := chunkHeadLen
		if i == 0 {
			head = headerLen
		}
		b := []byte(entries[i])
		b[head+int(pick)%(len(b)-head)] ^= flip | 1
		mustFail("changed byte", replaced(entries, i, string(b)))

		if len(entries) == 1 {
			return
		}
		k := 2 + int(pick)%(len(entries)-1) // a chunk, not the header
		mustFail("missing chunk", replaced(entries, k-1, missing))
		mustFail("missing last chunk", entries[:len(entries)-1])
		other := split(secret, entry, idB)
		mustFail("chunk of another write", replaced(entries, k-1, other[k-1]))
		mustFail("header of another write", replaced(other, 0, entries[0]))
	})
}

func replaced(entries []string, i int, v string) []string {
	out := append([]string(nil), entries...)
	out[i] = v
	return out
}
