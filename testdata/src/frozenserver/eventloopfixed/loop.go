package eventloopfixed

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"sync"
)

// A request is an HTTP request handed to the event loop, with the
// channel the loop closes once the request's handler has returned.
type request struct {
	w    *loopWriter
	r    *http.Request
	done chan struct{}
}

// ServeHTTP hands the request to the event loop and waits until its
// handler has run there, or until the client gives up.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := request{w: newLoopWriter(w), r: r, done: make(chan struct{})}
	select {
	case s.requests <- req:
	case <-r.Context().Done():
		return // the client left before the loop was free
	}
	select {
	case <-req.done:
		req.w.finish()
	case <-r.Context().Done():
		// The handler may still be running on the loop: keep it away
		// from w, which must not be used once ServeHTTP returns.
		req.w.detach()
	}
}

// loop is the event loop: it runs the handler of each request handed to
// it, one at a time, until ctx is done.
func (s *Server) loop(ctx context.Context) {
	for {
		select {
		case req := <-s.requests:
			s.routes.ServeHTTP(req.w, req.r)
			close(req.done)
		case <-ctx.Done():
			return
		}
	}
}

// errDetached is what a handler's Write returns once its client is gone.
var errDetached = errors.New("response abandoned: the client is gone")

// A loopWriter is the ResponseWriter a handler on the loop writes to. It
// keeps the handler's header to itself until the status is written, and
// writes nothing once detached, so that a handler that finishes after
// its ServeHTTP has returned cannot touch net/http's response.
type loopWriter struct {
	header http.Header // the handler's, copied to w with the status

	mu          sync.Mutex
	w           http.ResponseWriter // nil once detached
	wroteHeader bool
}

func newLoopWriter(w http.ResponseWriter) *loopWriter {
	return &loopWriter{header: make(http.Header), w: w}
}

// Header returns the header the handler sets.
func (lw *loopWriter) Header() http.Header { return lw.header }

// WriteHeader sends the header with status code, unless detached.
func (lw *loopWriter) WriteHeader(code int) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.writeHeader(code)
}

// Write sends p, after the header if not yet sent, unless detached.
func (lw *loopWriter) Write(p []byte) (int, error) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	if lw.w == nil {
		return 0, errDetached
	}
	lw.writeHeader(http.StatusOK)
	return lw.w.Write(p)
}

// finish sends the header if the handler wrote nothing at all.
func (lw *loopWriter) finish() {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.writeHeader(http.StatusOK)
}

// detach cuts the handler off from the response.
func (lw *loopWriter) detach() {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.w = nil
}

// writeHeader sends the header once, with code; lw.mu is held.
func (lw *loopWriter) writeHeader(code int) {
	if lw.wroteHeader || lw.w == nil {
		return
	}
	lw.wroteHeader = true
	maps.Copy(lw.w.Header(), lw.header)
	lw.w.WriteHeader(code)
}
