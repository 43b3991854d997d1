package protocols

import (
	"context"
	"sync"
	"time"
)

// R2 through a wait list: each waiter appends a reply slot with room,
// and the collector answers every slot once, then forgets the list.
type Stats struct{ Removed int }

type Collector struct {
	waiterL sync.Mutex
	waiters []chan Stats
	trigger chan struct{}
	ticks   <-chan time.Time
}

func (s *Collector) Wait(ctx context.Context) (Stats, error) { // want Wait:"blocks until parameter 0 is done"
	wc := make(chan Stats, 1)
	s.waiterL.Lock()
	s.waiters = append(s.waiters, wc)
	s.waiterL.Unlock()
	select {
	case st := <-wc:
		return st, nil
	case <-ctx.Done():
		return Stats{}, ctx.Err()
	}
}

func (s *Collector) run() {
	for {
		select {
		case <-s.trigger:
		case <-s.ticks:
		}
		st := Stats{}
		s.waiterL.Lock()
		for _, w := range s.waiters {
			w <- st
		}
		s.waiters = nil
		s.waiterL.Unlock()
	}
}

// A list that is not forgotten after the walk answers a slot twice.
type Notifier2 struct {
	mu        sync.Mutex
	listeners []chan Stats
	ticks     <-chan time.Time
	quit      chan struct{}
}

func (n *Notifier2) Listen() <-chan Stats {
	l := make(chan Stats, 1)
	n.mu.Lock()
	n.listeners = append(n.listeners, l)
	n.mu.Unlock()
	return l
}

func (n *Notifier2) run() {
	for {
		select {
		case <-n.ticks:
			n.mu.Lock()
			for _, l := range n.listeners {
				l <- Stats{} // want `send on l may block forever`
			}
			n.mu.Unlock()
		case <-n.quit:
			return
		}
	}
}
