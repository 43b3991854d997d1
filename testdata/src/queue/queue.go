// Package queue holds the work queues an API server hands jobs to: a
// channel-backed queue whose Push can wait forever, with bounded
// variants beside it, and a condition-variable bounded buffer, the Go
// twin of a full JoinableQueue.
package queue

import (
	"context"
	"errors"
	"sync"
)

type Job struct{ ID string }

// ErrFull is returned when a bounded put gives up.
var ErrFull = errors.New("queue full")

// Queue is a bounded FIFO of jobs drained by a worker.
type Queue struct {
	jobs    chan Job
	stopped chan struct{}
}

// New returns a queue with room for size jobs.
func New(size int) *Queue { return &Queue{jobs: make(chan Job, size), stopped: make(chan struct{})} }

// Push waits for room, however long that takes.
func (q *Queue) Push(j Job) { // want Push:"may block forever: send on q.jobs at queue.go:40: no default, ctx.Done\\(\\) or timeout case \\(via queue.\\(\\*Queue\\).push\\)"
	q.push(j)
}

// PushAll pushes every job; the wait is two calls down.
func (q *Queue) PushAll(js []Job) { // want PushAll:"may block forever: send on q.jobs .* \\(via queue.\\(\\*Queue\\).Push → queue.\\(\\*Queue\\).push\\)"
	for _, j := range js {
		q.Push(j)
	}
}

func (q *Queue) push(j Job) {
	q.jobs <- j
}

// PushContext waits for room until ctx is done.
func (q *Queue) PushContext(ctx context.Context, j Job) error { // want PushContext:"blocks until parameter 0 is done"
	select {
	case q.jobs <- j:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Offer gives up at once when the queue is full.
func (q *Queue) Offer(j Job) error {
	select {
	case q.jobs <- j:
		return nil
	default:
		return ErrFull
	}
}

// PushUntilStopped waits for room until the queue is stopped.
func (q *Queue) PushUntilStopped(j Job) error {
	select {
	case q.jobs <- j:
		return nil
	case <-q.stopped:
		return ErrFull
	}
}

// Next waits for the next job; the worker calls it, never a handler.
func (q *Queue) Next() Job { return <-q.jobs }

// Buffer is a bounded buffer built on a condition variable.
type Buffer struct {
	mu      sync.Mutex
	notFull *sync.Cond
	items   []Job
	max     int
}

// NewBuffer returns a buffer that holds at most max jobs.
func NewBuffer(max int) *Buffer {
	b := &Buffer{max: max}
	b.notFull = sync.NewCond(&b.mu)
	return b
}

// Put waits while the buffer is full: if the consumer died, forever.
func (b *Buffer) Put(j Job) { // want Put:"may block forever: call to sync.\\(\\*Cond\\).Wait at queue.go:96: it returns only after another goroutine calls Signal or Broadcast"
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.items) == b.max {
		b.notFull.Wait()
	}
	b.items = append(b.items, j)
}

// TryPut fails when the buffer is full.
func (b *Buffer) TryPut(j Job) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.items) == b.max {
		return false
	}
	b.items = append(b.items, j)
	return true
}

// Locked runs f while holding the buffer's lock: f runs on the caller's
// goroutine.
func (b *Buffer) Locked(f func()) { // want Locked:"never blocks; calls parameters 1"
	b.mu.Lock()
	defer b.mu.Unlock()
	f()
}

// Retry pushes j after n retries; it recurses, and still blocks.
func (q *Queue) Retry(n int, j Job) { // want Retry:"may block forever: send on q.jobs"
	if n == 0 {
		q.jobs <- j
		return
	}
	q.Retry(n-1, j)
}

// Ping and Pong call each other; neither ever waits.
func Ping(n int) int {
	if n <= 0 {
		return 0
	}
	return Pong(n - 1)
}

// Pong is Ping's partner.
func Pong(n int) int { return Ping(n) }
