// Package threaded is the frozen server in the threaded architecture,
// broken: net/http runs each handler on a goroutine of its own, and
// /transcribe queues its job with the unbounded jobqueue Put.
//
// Once the worker is paused and the queue full (/transcribe?block=true
// sets that up), Put never returns: the request hangs and its goroutine
// leaks, one more with every request. Other requests run on other
// goroutines, so /healthz keeps answering 200: the server looks healthy
// while no transcription gets through.
package threaded

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

// Server is the transcription service: its handlers queue jobs for one
// worker.
type Server struct {
	queue  *jobqueue.Queue
	worker *worker.Worker
	routes *http.ServeMux
	log    *log.Logger
	lastID atomic.Int64
}

// New returns a server that logs to logger. Its worker does not run
// until Start.
func New(logger *log.Logger) *Server {
	q := jobqueue.New(queueCapacity)
	s := &Server{
		queue:  q,
		worker: worker.New(q, transcribeTime, logger),
		routes: http.NewServeMux(),
		log:    logger,
	}
	s.routes.HandleFunc("/transcribe", s.transcribe)
	s.routes.HandleFunc("/healthz", s.healthz)
	return s
}

// Start starts the worker, which runs until ctx is done.
func (s *Server) Start(ctx context.Context) {
	go s.worker.Run(ctx)
}

// ServeHTTP runs the request's handler on the calling goroutine.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.routes.ServeHTTP(w, r)
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
