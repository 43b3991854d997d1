// Package worker is the consumer side of the frozen server: a worker that
// takes jobs from a jobqueue.Queue one at a time and transcribes them,
// which can be paused and resumed, and a supervisor that restarts it when
// it panics or returns.
//
// Pausing the worker and filling its queue (Stall) reproduces the state
// the incident began in: a full queue that nobody consumes, where the
// next unbounded Put waits forever.
package worker

import (
	"context"
	"fmt"
	"log"
	"sync"
	"time"

	"frozenserver/jobqueue"
)

// A Worker transcribes the jobs of one queue, one at a time.
type Worker struct {
	queue *jobqueue.Queue
	work  time.Duration // how long one transcription takes
	log   *log.Logger

	mu      sync.Mutex
	resumed chan struct{} // non-nil while paused; Resume closes it
}

// New returns a worker for q whose transcriptions take work each. It does
// nothing until Run is called.
func New(q *jobqueue.Queue, work time.Duration, logger *log.Logger) *Worker {
	return &Worker{queue: q, work: work, log: logger}
}

// Run takes jobs from the queue and transcribes them until ctx is done,
// and returns ctx's error. While the worker is paused it takes no job.
func (w *Worker) Run(ctx context.Context) error { // want Run:"blocks until parameter 0 is done"
	for {
		if err := w.waitResumed(ctx); err != nil {
			return err
		}
		job, err := w.queue.GetContext(ctx)
		if err != nil {
			return err
		}
		w.handle(job)
	}
}

// handle transcribes one job and marks it done, even if transcribing
// panics: the supervisor restarts the worker, and Join must not wait for
// a job nobody will finish.
func (w *Worker) handle(job jobqueue.Job) {
	defer w.queue.TaskDone()
	w.log.Printf("transcribing %s", job.ID)
	time.Sleep(w.work)
	w.log.Printf("transcribed %s", job.ID)
}

// Pause stops the worker from taking jobs: it finishes the one it holds,
// if any, and then waits until Resume.
func (w *Worker) Pause() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.resumed == nil {
		w.resumed = make(chan struct{})
		w.log.Printf("worker paused")
	}
}

// Resume lets a paused worker take jobs again.
func (w *Worker) Resume() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.resumed != nil {
		close(w.resumed)
		w.resumed = nil
		w.log.Printf("worker resumed")
	}
}

// Paused reports whether the worker is paused.
func (w *Worker) Paused() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.resumed != nil
}

// waitResumed returns when the worker is not paused, or ctx's error when
// ctx is done first.
func (w *Worker) waitResumed(ctx context.Context) error {
	w.mu.Lock()
	resumed := w.resumed
	w.mu.Unlock()
	if resumed == nil {
		return nil
	}
	select {
	case <-resumed:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Stall reproduces the incident: it pauses the worker and fills its queue
// with filler jobs, so that the queue is full and nobody consumes it. An
// idle worker, waiting for a job, takes the first filler and pauses
// before the next; a busy one pauses after its current job.
func (w *Worker) Stall() {
	w.Pause()
	for i := 1; ; i++ {
		if err := w.queue.TryPut(jobqueue.Job{ID: fmt.Sprintf("filler-%d", i)}); err != nil {
			break
		}
	}
	w.log.Printf("stalled: worker paused, queue %d/%d full", w.queue.Len(), w.queue.Cap())
}
