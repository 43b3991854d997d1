// Package eventloop is the frozen server in the event-loop architecture,
// broken: the way asyncio runs handlers, one event-loop goroutine runs
// every handler, and net/http's goroutines only hand their requests to
// it and wait.
//
// /transcribe queues its job with the unbounded jobqueue Put. Once the
// worker is paused and the queue full (/transcribe?block=true sets that
// up), Put never returns, and the loop with it: every later request,
// /healthz too, waits forever to be handed to the loop, while the
// heartbeat goroutine goes on logging as if all were well.
package eventloop

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
)

// Server is the transcription service: its handlers run on one event
// loop and queue jobs for one worker.
type Server struct {
	queue    *jobqueue.Queue
	worker   *worker.Worker
	routes   *http.ServeMux // run by the loop only
	requests chan request   // to the loop
	log      *log.Logger
	lastID   atomic.Int64
}

// New returns a server that logs to logger. Neither its loop nor its
// worker runs until Start.
func New(logger *log.Logger) *Server {
	q := jobqueue.New(queueCapacity)
	s := &Server{
		queue:    q,
		worker:   worker.New(q, transcribeTime, logger),
		routes:   http.NewServeMux(),
		requests: make(chan request),
		log:      logger,
	}
	s.routes.HandleFunc("/transcribe", s.transcribe)
	s.routes.HandleFunc("/healthz", s.healthz)
	return s
}

// Start starts the event loop and the worker, which run until ctx is
// done.
func (s *Server) Start(ctx context.Context) {
	go s.worker.Run(ctx)
	go s.loop(ctx)
}

// transcribe queues a transcription job and answers 202. With
// ?block=true it first stalls the worker, as in the incident.
func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("block") == "true" {
		s.worker.Stall()
	}
	job := jobqueue.Job{ID: fmt.Sprintf("job-%d", s.lastID.Add(1))}
	s.queue.Put(job) // want `call: call to jobqueue.\(\*Queue\).Put may block forever at send on q.jobs \(queue.go:47\): no default, ctx.Done\(\) or timeout case \(HTTP handler \(\*Server\).transcribe → jobqueue.\(\*Queue\).Put\); call a variant bounded by r.Context\(\)`
	w.WriteHeader(http.StatusAccepted)
	fmt.Fprintf(w, "queued %s\n", job.ID)
}

// healthz answers 200 "ok" while the server can serve requests.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "ok\n")
}
