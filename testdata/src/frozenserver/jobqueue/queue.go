// Package jobqueue is the frozen server's job queue: a bounded FIFO with
// join/task-done accounting, the Go twin of Python's JoinableQueue.
//
// Put is the call that froze the original server: it waits for room
// however long that takes, so with the queue full and no worker
// consuming it never returns. PutContext and TryPut are its bounded
// forms: the first gives up when its context is done, the second at once.
package jobqueue

import (
	"context"
	"errors"
	"sync"
)

// ErrFull is returned by TryPut when the queue has no room.
var ErrFull = errors.New("jobqueue: queue full")

// A Job is one audio file to transcribe.
type Job struct {
	ID string
}

// Queue is a bounded FIFO of jobs. Every job put must be matched by a
// call to TaskDone once its consumer has finished with it; Join waits
// until that has happened for all of them.
type Queue struct {
	jobs chan Job

	mu         sync.Mutex
	allDone    *sync.Cond // signalled when unfinished drops to zero
	unfinished int        // jobs put and not yet marked done
}

// New returns an empty queue with room for capacity jobs.
func New(capacity int) *Queue {
	q := &Queue{jobs: make(chan Job, capacity)}
	q.allDone = sync.NewCond(&q.mu)
	return q
}

// Put adds job to the queue, waiting for room as long as it takes: if no
// worker consumes the queue, forever. Code that must answer in time
// calls PutContext or TryPut instead.
func (q *Queue) Put(job Job) { // want Put:"may block forever: send on q.jobs at queue.go:47: no default, ctx.Done\\(\\) or timeout case"
	q.addUnfinished(1)
	q.jobs <- job
}

// PutContext adds job to the queue, waiting for room until ctx is done,
// in which case it returns ctx's error and the job is not queued.
func (q *Queue) PutContext(ctx context.Context, job Job) error { // want PutContext:"blocks until parameter 0 is done"
	q.addUnfinished(1)
	select {
	case q.jobs <- job:
		return nil
	case <-ctx.Done():
		q.addUnfinished(-1)
		return ctx.Err()
	}
}

// TryPut adds job to the queue if it has room, and returns ErrFull if not.
func (q *Queue) TryPut(job Job) error {
	q.addUnfinished(1)
	select {
	case q.jobs <- job:
		return nil
	default:
		q.addUnfinished(-1)
		return ErrFull
	}
}

// Get removes and returns the next job, waiting until there is one.
func (q *Queue) Get() Job {
	return <-q.jobs
}

// GetContext removes and returns the next job, waiting until there is one
// or ctx is done.
func (q *Queue) GetContext(ctx context.Context) (Job, error) { // want GetContext:"blocks until parameter 0 is done"
	select {
	case job := <-q.jobs:
		return job, nil
	case <-ctx.Done():
		return Job{}, ctx.Err()
	}
}

// TaskDone marks one job taken from the queue as finished. It panics if
// called more times than jobs were put, as Python's task_done raises.
func (q *Queue) TaskDone() {
	q.addUnfinished(-1)
}

// Join waits until every job put has been marked done by TaskDone.
func (q *Queue) Join() { // want Join:"may block forever: call to sync.\\(\\*Cond\\).Wait at queue.go:102: it returns only after another goroutine calls Signal or Broadcast"
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.unfinished > 0 {
		q.allDone.Wait()
	}
}

// Len returns the number of jobs waiting in the queue.
func (q *Queue) Len() int { return len(q.jobs) }

// Cap returns the number of jobs the queue has room for.
func (q *Queue) Cap() int { return cap(q.jobs) }

// addUnfinished adds delta to the count of unfinished jobs. A job counts
// from before it enters the channel, so that a consumer's TaskDone can
// never run ahead of the Put that queued the job.
func (q *Queue) addUnfinished(delta int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.unfinished += delta
	switch {
	case q.unfinished < 0:
		panic("jobqueue: TaskDone called more times than jobs were put")
	case q.unfinished == 0:
		q.allDone.Broadcast()
	}
}
