package protocols

import (
	"context"
	"sync"
)

// Slot lists answered with last words: each walk sends once on every
// reply slot of a list and closes it at once, so a slot made with room
// never makes the send wait.

// A refresh loop batches the requests that arrive together and answers
// each waiting one when the refresh is done; a request without a slot
// does not wait.
type refreshReq struct {
	resp  chan error
	force bool
}

type Refresher struct {
	trigger chan *refreshReq
	ctx     context.Context
}

func (r *Refresher) Refresh(force bool) <-chan error {
	resp := make(chan error, 1)
	go func() {
		select {
		case r.trigger <- &refreshReq{resp: resp, force: force}:
		case <-r.ctx.Done():
		}
	}()
	return resp
}

func (r *Refresher) RefreshNoWait() {
	select {
	case r.trigger <- &refreshReq{}:
	default:
	}
}

func (r *Refresher) loop() {
	for {
		var waiting []chan error
		select {
		case req := <-r.trigger:
			if req.resp != nil {
				waiting = append(waiting, req.resp)
			}
		case <-r.ctx.Done():
			return
		}
		err := refresh()
		for _, w := range waiting {
			w <- err
			close(w)
		}
	}
}

func refresh() error { return nil }

// The same loop with slots that have no room: a requester that gave up
// leaves the loop waiting.
type bareReq struct{ resp chan error }

type BareRefresher struct {
	trigger chan *bareReq
	ctx     context.Context
}

func (r *BareRefresher) Refresh() error {
	resp := make(chan error)
	select {
	case r.trigger <- &bareReq{resp: resp}:
	case <-r.ctx.Done():
		return r.ctx.Err()
	}
	select {
	case err := <-resp:
		return err
	case <-r.ctx.Done():
		return r.ctx.Err()
	}
}

func (r *BareRefresher) loop() {
	for {
		var waiting []chan error
		select {
		case req := <-r.trigger:
			waiting = append(waiting, req.resp)
		case <-r.ctx.Done():
			return
		}
		err := refresh()
		for _, w := range waiting {
			w <- err // want `send on w may block forever: .*\(replies to each waiter in waiting in \(\*BareRefresher\).loop: one waiter that left stalls the rest\); make each reply slot with room`
			close(w)
		}
	}
}

// Single-flight waiters kept in a field: wait appends a slot with room,
// the refresh answers and closes each, and clear truncates the list.
type currentRefresh struct {
	mu      sync.Mutex
	ongoing bool
	chans   []chan error
}

func (r *currentRefresh) wait() chan error {
	ch := make(chan error, 1)
	r.chans = append(r.chans, ch)
	return ch
}

func (r *currentRefresh) clear() { r.chans = r.chans[:0] }

func (r *currentRefresh) start() chan error {
	r.ongoing = true
	ch := r.wait()
	go func() {
		err := refresh()
		r.mu.Lock()
		defer r.mu.Unlock()
		r.ongoing = false
		for _, ch := range r.chans {
			ch <- err
			close(ch)
		}
		r.clear()
	}()
	return ch
}

// Chunk waiters kept per index in a map of lists, and a list of
// watchers whose channels the callers bring: those may have no room.
type chunkQueue struct {
	mu       sync.Mutex
	files    map[uint32]string
	waiters  map[uint32][]chan uint32
	watchers map[uint32][]chan uint32
	added    chan uint32
	done     chan struct{}
}

func (q *chunkQueue) WaitFor(i uint32) <-chan uint32 {
	q.mu.Lock()
	defer q.mu.Unlock()
	ch := make(chan uint32, 1)
	if f := q.files[i]; f != "" {
		ch <- i
		close(ch)
		return ch
	}
	if q.waiters[i] == nil {
		q.waiters[i] = make([]chan uint32, 0)
	}
	q.waiters[i] = append(q.waiters[i], ch)
	return ch
}

func (q *chunkQueue) Watch(i uint32, ch chan uint32) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.watchers[i] = append(q.watchers[i], ch)
}

func (q *chunkQueue) run() {
	for {
		select {
		case i := <-q.added:
			q.mu.Lock()
			for _, w := range q.waiters[i] {
				w <- i
				close(w)
			}
			delete(q.waiters, i)
			for _, w := range q.watchers[i] {
				w <- i // want `send on w may block forever while holding q.mu: .*replies to each waiter in q.watchers\[i\]: one waiter that left`
				close(w)
			}
			q.mu.Unlock()
		case <-q.done:
			return
		}
	}
}

// A broadcaster hands out listeners with room and answers each once with
// last words. The walk is over a copy of the list, taken and reset under
// the lock, as gocql's error broadcaster does; the copy holds what the
// field holds.
type errBroadcaster struct {
	mu        sync.Mutex
	listeners []chan<- error
}

func (b *errBroadcaster) listen() <-chan error {
	ch := make(chan error, 1)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.listeners = append(b.listeners, ch)
	return ch
}

func (b *errBroadcaster) broadcast(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	current := b.listeners
	if len(current) > 0 {
		b.listeners = nil
	} else {
		return
	}
	for _, l := range current {
		l <- err
		close(l)
	}
}

// The same walk over watchers that callers hand in: a watcher without
// room that stopped reading stalls the rest.
type watchBroadcaster struct {
	mu       sync.Mutex
	watchers []chan<- error
}

func (b *watchBroadcaster) watch(ch chan<- error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.watchers = append(b.watchers, ch)
}

func (b *watchBroadcaster) broadcast(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	current := b.watchers
	b.watchers = nil
	for _, w := range current {
		w <- err // want `send on w may block forever while holding b.mu: .*replies to each waiter in current`
		close(w)
	}
}
