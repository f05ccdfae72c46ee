package companion

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/iobeya-token/iobeya-token/client"
)

// logger writes the verbose log. Every line goes through client.Redact, as
// a second line of defence: the callers already log no token, code or
// verifier.
type logger struct {
	mu  sync.Mutex
	w   io.Writer
	now func() time.Time
}

func newLogger(w io.Writer, now func() time.Time) *logger {
	return &logger{w: w, now: now}
}

func (l *logger) on() bool { return l.w != nil }

// printf logs one line.
func (l *logger) printf(format string, args ...any) {
	if l.w == nil {
		return
	}
	line := client.Redact(fmt.Sprintf(format, args...))
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "%s %s\n", l.now().Format("15:04:05.000"), line)
}

// logTransport logs each request's method, host and path (never the query,
// which carries state and codes, nor headers or bodies) and its outcome.
type logTransport struct {
	base http.RoundTripper
	log  *logger
}

func (t *logTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	start := time.Now()
	resp, err := base.RoundTrip(r)
	took := time.Since(start).Round(time.Millisecond)
	if err != nil {
		t.log.printf("%s %s%s: failed after %s: %v", r.Method, r.URL.Host, r.URL.EscapedPath(), took, err)
		return nil, err
	}
	t.log.printf("%s %s%s: %d in %s", r.Method, r.URL.Host, r.URL.EscapedPath(), resp.StatusCode, took)
	return resp, nil
}
