// Package handlers is a notification service whose HTTP handlers hand
// work to background goroutines over channels: some sends are bounded by
// the request's context, a timer or a default case, others can wait
// forever once the consumer stops reading.
package handlers

import (
	"encoding/json"
	"net/http"
	"time"
)

type Event struct {
	User string `json:"user"`
	Body string `json:"body"`
}

type Server struct {
	events  chan Event
	audit   chan string
	metrics chan int
	quit    chan struct{}
}

func decode(r *http.Request) Event {
	var ev Event
	_ = json.NewDecoder(r.Body).Decode(&ev)
	return ev
}

// notify hands the event to the mailer with a bare send: when the mailer
// is stuck the request hangs.
func (s *Server) notify(w http.ResponseWriter, r *http.Request) {
	s.events <- decode(r) // want `send: send on s.events may block forever: no default, ctx.Done\(\) or timeout case \(HTTP handler \(\*Server\).notify\); add a case <-r.Context\(\).Done\(\)`
	w.WriteHeader(http.StatusAccepted)
}

// notifyBounded gives the send the request's context as a way out.
func (s *Server) notifyBounded(w http.ResponseWriter, r *http.Request) {
	select {
	case s.events <- decode(r):
		w.WriteHeader(http.StatusAccepted)
	case <-r.Context().Done():
		http.Error(w, "mailer busy", http.StatusServiceUnavailable)
	}
}

// notifyOrDrop drops the event when the mailer's queue is full.
func (s *Server) notifyOrDrop(w http.ResponseWriter, r *http.Request) {
	select {
	case s.events <- decode(r):
	default:
		http.Error(w, "queue full", http.StatusServiceUnavailable)
	}
}

// notifyWithin waits at most a second.
func (s *Server) notifyWithin(w http.ResponseWriter, r *http.Request) {
	select {
	case s.events <- decode(r):
	case <-time.After(time.Second):
		http.Error(w, "timed out", http.StatusServiceUnavailable)
	}
}

// notifyUntilShutdown stops waiting when the server shuts down.
func (s *Server) notifyUntilShutdown(w http.ResponseWriter, r *http.Request) {
	select {
	case s.events <- decode(r):
	case <-s.quit:
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
	}
}

// fanOut offers the event to two queues; when both are full it waits
// forever, because neither case is a way out.
func (s *Server) fanOut(w http.ResponseWriter, r *http.Request) {
	ev := decode(r)
	select { // want `select: select may block forever: no default, ctx.Done\(\) or timeout case \(HTTP handler \(\*Server\).fanOut\)`
	case s.events <- ev:
	case s.audit <- ev.User:
	}
}

// stuck never returns.
func (s *Server) stuck(w http.ResponseWriter, r *http.Request) {
	select {} // want `select: select \{\} may block forever: a select with no cases never returns`
}

// audited sends in a goroutine of its own: the handler does not wait.
func (s *Server) audited(w http.ResponseWriter, r *http.Request) {
	user := decode(r).User
	go func() {
		s.audit <- user
	}()
	w.WriteHeader(http.StatusNoContent)
}

// parallel computes two halves; its reply channels have room for every
// send, so neither goroutine nor the handler can block on them.
func (s *Server) parallel(w http.ResponseWriter, r *http.Request) {
	results := make(chan int, 2)
	go func() { results <- 1 }()
	go func() { results <- 2 }()
	done := make(chan struct{}, 1)
	done <- struct{}{}
	select {
	case n := <-results:
		_ = n
	case <-r.Context().Done():
	}
}

// overflow sends more than its buffer holds, in a loop.
func (s *Server) overflow(w http.ResponseWriter, r *http.Request) {
	ch := make(chan int, 1)
	for i := range 3 {
		ch <- i // want `send: send on ch may block forever`
	}
}

// recordLatency is not a handler; nothing hot calls it.
func (s *Server) recordLatency(d time.Duration) {
	s.metrics <- int(d.Milliseconds())
}

// Routes registers the handlers; the literal is a handler too.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("/notify", s.notify)
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		s.metrics <- 1 // want `send: send on s.metrics may block forever: no default, ctx.Done\(\) or timeout case \(HTTP handler for "/ping"\)`
	})
	mux.Handle("/wrapped", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			s.audit <- "wrapped" // want `send: send on s.audit may block forever: .* \(HTTP handler \(\*Server\).Routes.func2\)`
		}()
	}))
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:"may block forever: send on s.metrics at handlers.go:142"
	s.metrics <- 0 // want `send: send on s.metrics may block forever: .* \(HTTP handler \(\*Server\).ServeHTTP\)`
}
