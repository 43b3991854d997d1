package worker

import (
	"context"
	"fmt"
	"log"
	"sync/atomic"
	"time"
)

// A Supervisor runs a worker and restarts it when it panics or returns
// while its context is still live, so that one bad job does not leave the
// queue without a consumer, the way the original server's consumer
// thread died. Between a failure and the restart, Alive reports false,
// so that producers can fail fast instead of filling a queue nobody reads.
type Supervisor struct {
	worker  *Worker
	backoff time.Duration // wait before a restart
	log     *log.Logger
	alive   atomic.Bool
}

// NewSupervisor returns a supervisor for w that restarts it backoff after
// each failure. It does nothing until Run is called.
func NewSupervisor(w *Worker, backoff time.Duration, logger *log.Logger) *Supervisor {
	return &Supervisor{worker: w, backoff: backoff, log: logger}
}

// Run runs the worker, restarting it after each failure, until ctx is
// done; it returns ctx's error.
func (s *Supervisor) Run(ctx context.Context) error { // want Run:"blocks until parameter 0 is done"
	for {
		err := s.runOnce(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.log.Printf("worker failed: %v; restarting in %v", err, s.backoff)
		select {
		case <-time.After(s.backoff):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Alive reports whether the worker is running. A paused worker is alive:
// it will consume again once resumed.
func (s *Supervisor) Alive() bool { return s.alive.Load() }

// runOnce runs the worker once, turning a panic into an error.
func (s *Supervisor) runOnce(ctx context.Context) (err error) {
	s.alive.Store(true)
	defer s.alive.Store(false)
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return s.worker.Run(ctx)
}
