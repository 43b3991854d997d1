// Package threadedfixed is the frozen server in the threaded
// architecture, fixed: net/http runs each handler on a goroutine of its
// own, and /transcribe no longer waits for room without bound.
//
// It puts its job with PutContext under a short deadline derived from
// the request's context, and answers 503 "queue full" when the deadline
// passes; and a supervisor restarts the worker if it panics, while
// /transcribe fails fast with 503 when no worker is running. With the
// worker paused and the queue full (/transcribe?block=true), the request
// gets its 503 within the deadline and no goroutine is left behind.
package threadedfixed

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
	// putTimeout bounds how long a request waits for room in the queue.
	putTimeout = 200 * time.Millisecond
	// restartBackoff is how long the supervisor waits before restarting
	// a failed worker.
	restartBackoff = time.Second
)

// Server is the transcription service: its handlers queue jobs for one
// supervised worker.
type Server struct {
	queue      *jobqueue.Queue
	worker     *worker.Worker
	supervisor *worker.Supervisor
	routes     *http.ServeMux
	log        *log.Logger
	lastID     atomic.Int64
}

// New returns a server that logs to logger. Its worker does not run
// until Start.
func New(logger *log.Logger) *Server {
	q := jobqueue.New(queueCapacity)
	wk := worker.New(q, transcribeTime, logger)
	s := &Server{
		queue:      q,
		worker:     wk,
		supervisor: worker.NewSupervisor(wk, restartBackoff, logger),
		routes:     http.NewServeMux(),
		log:        logger,
	}
	s.routes.HandleFunc("/transcribe", s.transcribe)
	s.routes.HandleFunc("/healthz", s.healthz)
	return s
}

// Start starts the supervised worker, which runs until ctx is done.
func (s *Server) Start(ctx context.Context) {
	go s.supervisor.Run(ctx)
}

// ServeHTTP runs the request's handler on the calling goroutine.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.routes.ServeHTTP(w, r)
}

// transcribe queues a transcription job and answers 202, or 503 when no
// worker is running or the queue stays full for putTimeout. With
// ?block=true it first stalls the worker, as in the incident.
func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("block") == "true" {
		s.worker.Stall()
	}
	if !s.supervisor.Alive() {
		unavailable(w, "no transcription worker")
		return
	}
	job := jobqueue.Job{ID: fmt.Sprintf("job-%d", s.lastID.Add(1))}
	ctx, cancel := context.WithTimeout(r.Context(), putTimeout)
	defer cancel()
	if err := s.queue.PutContext(ctx, job); err != nil {
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
