// Package eventloopfixed is the frozen server in the event-loop
// architecture, fixed: one event-loop goroutine still runs every
// handler, but nothing on the loop waits, and nothing waits on the loop
// longer than its client does.
//
// On the loop, /transcribe queues its job with TryPut and answers 503
// "queue full" at once when there is no room; a supervisor restarts the
// worker if it panics, and /transcribe fails fast with 503 while no
// worker is running. The net/http side hands each request to the loop,
// and waits for its handler, only until the request's context is done.
// With the worker paused and the queue full (/transcribe?block=true), the
// request gets its 503 at once and /healthz keeps answering.
package eventloopfixed

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"sync/atomic"
	"time"

	"frozenserver/jobqueue"
	"frozenserver/worker"
)

const (
	// queueCapacity is the queue's size in the incident: one job.
	queueCapacity = 1
	// transcribeTime is how long the simulated transcription takes.
	transcribeTime = 100 * time.Millisecond
	// restartBackoff is how long the supervisor waits before restarting
	// a failed worker.
	restartBackoff = time.Second
)

// Server is the transcription service: its handlers run on one event
// loop and queue jobs for one supervised worker.
type Server struct {
	queue      *jobqueue.Queue
	worker     *worker.Worker
	supervisor *worker.Supervisor
	routes     *http.ServeMux // run by the loop only
	requests   chan request   // to the loop
	log        *log.Logger
	lastID     atomic.Int64
}

// New returns a server that logs to logger. Neither its loop nor its
// worker runs until Start.
func New(logger *log.Logger) *Server {
	q := jobqueue.New(queueCapacity)
	wk := worker.New(q, transcribeTime, logger)
	s := &Server{
		queue:      q,
		worker:     wk,
		supervisor: worker.NewSupervisor(wk, restartBackoff, logger),
		routes:     http.NewServeMux(),
		requests:   make(chan request),
		log:        logger,
	}
	s.routes.HandleFunc("/transcribe", s.transcribe)
	s.routes.HandleFunc("/healthz", s.healthz)
	return s
}

// Start starts the event loop and the supervised worker, which run until
// ctx is done.
func (s *Server) Start(ctx context.Context) {
	go s.supervisor.Run(ctx)
	go s.loop(ctx)
}

// transcribe queues a transcription job and answers 202, or 503 when no
// worker is running or the queue is full. It runs on the event loop, so
// it never waits for room. With ?block=true it first stalls the worker,
// as in the incident.
func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("block") == "true" {
		s.worker.Stall()
	}
	if !s.supervisor.Alive() {
		unavailable(w, "no transcription worker")
		return
	}
	job := jobqueue.Job{ID: fmt.Sprintf("job-%d", s.lastID.Add(1))}
	if err := s.queue.TryPut(job); err != nil {
		s.log.Printf("%s not queued: %v", job.ID, err)
		unavailable(w, "queue full")
		return
	}
	w.WriteHeader(http.StatusAccepted)
	fmt.Fprintf(w, "queued %s\n", job.ID)
}

// healthz answers 200 "ok" while the server can serve requests.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "ok\n")
}

// unavailable answers 503 with msg, asking the client to retry later.
func unavailable(w http.ResponseWriter, msg string) {
	w.Header().Set("Retry-After", "1")
	http.Error(w, msg, http.StatusServiceUnavailable)
}
