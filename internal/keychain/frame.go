package keychain

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iobeya-token/iobeya-token/internal/tokenlimit"
)

// The stored format, the same on every operating system.
//
// Backends limit the size of one entry (Windows Credential Manager: 2560
// bytes; macOS through `security`: about 3000 once base64-encoded with the
// command around it). Rather than one rule per OS, every entry this package
// writes is at most the Store's entry size (DefaultEntrySize, 2048 bytes,
// safely under both), so the chunked path runs, and is tested, on Linux too.
//
// A secret is stored in one of two shapes:
//
//   - Plain: one entry under `account` holding the secret as-is. Used when
//     the secret fits in one entry and does not start with the reserved
//     prefix "iobeya-chunk". Tokens (JWTs start with "eyJ") always take
//     this shape when they are small enough.
//
//   - Framed: entry 1 under `account`, entry k (2 ≤ k ≤ n) under
//     `account#k`:
//
//     entry 1:  "iobeya-chunked:v1:" NNNN ":" ID ":" SUM ":" data₁
//     entry k:  "iobeya-chunk:v1:"   KKKK ":" ID ":" dataₖ
//
//     NNNN is the chunk count and KKKK the chunk's number, four decimal
//     digits each; ID is the write id, 16 lower-case hex digits (64 random
//     bits, new on every write); SUM is the SHA-256 of the whole secret in
//     64 lower-case hex digits; data₁…dataₙ are non-empty byte slices of
//     the secret, in order. A secret that fits in one entry but starts with
//     the reserved prefix is framed with n = 1, so a plain entry can never
//     be mistaken for a header and the reverse.
//
// A read that meets the reserved prefix in entry 1 accepts only a
// well-formed header; it then requires every chunk to be present, to carry
// its own number and the header's write id, and the joined secret to match
// SUM. Anything else (a missing chunk, chunks of two different writes, a
// tampered byte) is ErrCorrupt: a damaged secret is reported, never
// returned.
const (
	// MaxSecretSize is the largest secret a Store accepts: the token size
	// limit, so that whatever is stored can be read and shown again.
	MaxSecretSize = tokenlimit.MaxBytes
	// DefaultEntrySize is the largest entry a Store writes, framing included.
	DefaultEntrySize = 2048
	// MinEntrySize is the smallest entry size WithChunkSize accepts: a
	// header plus a little data.
	MinEntrySize = 128

	reservedPrefix = "iobeya-chunk"
	headerMagic    = "iobeya-chunked:v1:"
	chunkMagic     = "iobeya-chunk:v1:"
	countDigits    = 4
	idLen          = 16
	sumLen         = 2 * sha256.Size
	headerLen      = len(headerMagic) + countDigits + 1 + idLen + 1 + sumLen + 1
	chunkHeadLen   = len(chunkMagic) + countDigits + 1 + idLen + 1
	maxChunks      = 9999 // what four digits can count
)

// chunkAccount is the account name of chunk k (k ≥ 2) of account.
func chunkAccount(account string, k int) string {
	return account + "#" + strconv.Itoa(k)
}

// needsFrame says whether secret must be framed in entries of entrySize.
func needsFrame(secret string, entrySize int) bool {
	return len(secret) > entrySize || strings.HasPrefix(secret, reservedPrefix)
}

// newWriteID returns a fresh random write id.
func newWriteID() string {
	var b [idLen / 2]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

func checksum(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// split returns the entries that store secret: entries[0] goes under the
// account itself, entries[k-1] under chunkAccount(account, k). A secret
// that needs no frame is returned as its only entry.
func split(secret string, entrySize int, id string) []string {
	if !needsFrame(secret, entrySize) {
		return []string{secret}
	}
	first, rest := entrySize-headerLen, entrySize-chunkHeadLen
	n := 1
	if len(secret) > first {
		n += (len(secret) - first + rest - 1) / rest
	}
	sum := checksum(secret)
	entries := make([]string, 0, n)
	end := min(first, len(secret))
	entries = append(entries, fmt.Sprintf("%s%0*d:%s:%s:%s", headerMagic, countDigits, n, id, sum, secret[:end]))
	for k := 2; k <= n; k++ {
		start := end
		end = min(start+rest, len(secret))
		entries = append(entries, fmt.Sprintf("%s%0*d:%s:%s", chunkMagic, countDigits, k, id, secret[start:end]))
	}
	return entries
}

// errChunkMissing is what a chunk lookup returns for an absent chunk.
var errChunkMissing = errors.New("chunk missing")

// corruptError explains, without any of the secret, why entries were refused.
type corruptError struct{ reason string }

func (e *corruptError) Error() string { return "damaged keychain entry: " + e.reason }

func corrupt(format string, args ...any) error {
	return &corruptError{reason: fmt.Sprintf(format, args...)}
}

// assemble rebuilds a secret from its first entry, fetching chunk k (k ≥ 2)
// through chunk. chunk returns errChunkMissing for an absent chunk; any
// other error is returned as it is. Damage is a *corruptError.
func assemble(first string, chunk func(k int) (string, error)) (string, error) {
	if !strings.HasPrefix(first, reservedPrefix) {
		return first, nil
	}
	n, id, sum, data, err := parseHeader(first)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(data)
	for k := 2; k <= n; k++ {
		entry, err := chunk(k)
		if errors.Is(err, errChunkMissing) {
			return "", corrupt("chunk %d of %d is missing", k, n)
		}
		if err != nil {
			return "", err
		}
		data, err := parseChunk(entry, k, id)
		if err != nil {
			return "", err
		}
		if b.Len()+len(data) > MaxSecretSize {
			return "", corrupt("the chunks add up to more than %d bytes", MaxSecretSize)
		}
		b.WriteString(data)
	}
	secret := b.String()
	if subtle.ConstantTimeCompare([]byte(checksum(secret)), []byte(sum)) != 1 {
		return "", corrupt("the checksum does not match (a chunk was changed or comes from another write)")
	}
	return secret, nil
}

// parseHeader reads entry 1 of a framed secret.
func parseHeader(entry string) (n int, id, sum, data string, err error) {
	rest, ok := strings.CutPrefix(entry, headerMagic)
	if !ok {
		return 0, "", "", "", corrupt("the first entry has an unknown header")
	}
	if len(rest) < headerLen-len(headerMagic) {
		return 0, "", "", "", corrupt("the header is truncated")
	}
	n, ok = parseNumber(rest[:countDigits])
	rest = rest[countDigits:]
	if !ok || n < 1 {
		return 0, "", "", "", corrupt("the header has no valid chunk count")
	}
	if rest[0] != ':' || !isHex(rest[1:1+idLen]) || rest[1+idLen] != ':' {
		return 0, "", "", "", corrupt("the header has no valid write id")
	}
	id, rest = rest[1:1+idLen], rest[1+idLen+1:]
	if !isHex(rest[:sumLen]) || rest[sumLen] != ':' {
		return 0, "", "", "", corrupt("the header has no valid checksum")
	}
	sum, data = rest[:sumLen], rest[sumLen+1:]
	if data == "" {
		return 0, "", "", "", corrupt("the first chunk is empty")
	}
	return n, id, sum, data, nil
}

// parseChunk reads entry k of a framed secret written with id.
func parseChunk(entry string, k int, id string) (string, error) {
	rest, ok := strings.CutPrefix(entry, chunkMagic)
	if !ok || len(rest) < chunkHeadLen-len(chunkMagic) {
		return "", corrupt("chunk %d has no valid header", k)
	}
	got, ok := parseNumber(rest[:countDigits])
	if !ok || got != k || rest[countDigits] != ':' || rest[countDigits+1+idLen] != ':' {
		return "", corrupt("chunk %d is not numbered %d", k, k)
	}
	if rest[countDigits+1:countDigits+1+idLen] != id {
		return "", corrupt("chunk %d comes from another write", k)
	}
	data := rest[chunkHeadLen-len(chunkMagic):]
	if data == "" {
		return "", corrupt("chunk %d is empty", k)
	}
	return data, nil
}

// parseNumber reads exactly countDigits decimal digits.
func parseNumber(s string) (int, bool) {
	n := 0
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, len(s) == countDigits
}

// isHex reports whether s is lower-case hex digits only.
func isHex(s string) bool {
	for i := range len(s) {
		if (s[i] < '0' || s[i] > '9') && (s[i] < 'a' || s[i] > 'f') {
			return false
		}
	}
	return true
}
