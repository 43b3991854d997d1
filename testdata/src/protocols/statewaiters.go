package protocols

import (
	"container/list"
	"context"
	"sync"
)

// Waiters removed, then answered: a connection's state machine keeps the
// goroutines waiting for a state in a list; each carries a reply slot
// with room, and each is taken off the list before its one reply.
type connWaiter struct {
	want int
	done chan error
}

type ConnState struct {
	mu      sync.Mutex
	state   int
	waiters *list.List
	events  chan int
	quit    chan struct{}
}

func (s *ConnState) Await(ctx context.Context, want int) error { // want Await:"blocks until parameter 0 is done"
	w := &connWaiter{want: want, done: make(chan error, 1)}
	s.mu.Lock()
	el := s.waiters.PushBack(w)
	s.mu.Unlock()
	select {
	case err := <-w.done:
		return err
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		select {
		case err := <-w.done:
			return err
		default:
		}
		s.waiters.Remove(el)
		return ctx.Err()
	}
}

func (s *ConnState) run() {
	for {
		select {
		case st := <-s.events:
			s.transition(st)
		case <-s.quit:
			return
		}
	}
}

func (s *ConnState) transition(st int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = st
	for el := s.waiters.Front(); el != nil; el = el.Next() {
		w := el.Value.(*connWaiter)
		if w.want == st {
			s.waiters.Remove(el)
			w.done <- nil
			break
		}
	}
}

// A watcher list whose members stay on it: every transition answers
// each of them again, and a watcher that stopped reading fills its slot.
type watcher struct {
	want  int
	ready chan int
}

type Watched struct {
	watchers *list.List
	events   chan int
	quit     chan struct{}
}

func (s *Watched) Watch(want int) <-chan int {
	w := &watcher{want: want, ready: make(chan int, 1)}
	s.watchers.PushBack(w)
	return w.ready
}

func (s *Watched) run() {
	for {
		select {
		case st := <-s.events:
			for el := s.watchers.Front(); el != nil; el = el.Next() {
				w := el.Value.(*watcher)
				if w.want == st {
					w.ready <- st // want `send on w.ready may block forever`
				}
			}
		case <-s.quit:
			return
		}
	}
}
