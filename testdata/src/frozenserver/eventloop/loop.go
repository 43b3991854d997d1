package eventloop

import (
	"context"
	"net/http"
)

// A request is an HTTP request handed to the event loop, with the
// channel the loop closes once the request's handler has returned.
type request struct {
	w    http.ResponseWriter
	r    *http.Request
	done chan struct{}
}

// ServeHTTP hands the request to the event loop and waits until its
// handler has run there.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:"may block forever: send on s.requests at loop.go:20: no default, ctx.Done\\(\\) or timeout case"
	req := request{w: w, r: r, done: make(chan struct{})}
	s.requests <- req // want `send: send on s.requests may block forever: no default, ctx.Done\(\) or timeout case \(HTTP handler \(\*Server\).ServeHTTP\); add a case <-r.Context\(\).Done\(\)`
	<-req.done
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
