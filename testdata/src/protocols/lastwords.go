package protocols

import (
	"net/http"
	"sync"
)

// C: a subscription's error channel has room for one value, and every
// send on it closes it right after, so each channel carries one value.
type subscription struct {
	err chan error
}

// Notifier ends subscriptions when their connection goes.
type Notifier struct {
	mu   sync.Mutex
	subs map[int]*subscription
}

func (n *Notifier) subscribe(id int) *subscription {
	s := &subscription{err: make(chan error, 1)}
	n.mu.Lock()
	n.subs[id] = s
	n.mu.Unlock()
	return s
}

func (n *Notifier) closeAll(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for id, s := range n.subs {
		s.err <- http.ErrServerClosed
		close(s.err)
		delete(n.subs, id)
	}
}

// A channel sent on twice before it is closed can fill up.
type stream struct {
	events chan string
}

// Streamer ends streams with a last event.
type Streamer struct {
	mu      sync.Mutex
	streams map[int]*stream
}

func (st *Streamer) open(id int) *stream {
	s := &stream{events: make(chan string, 1)}
	st.mu.Lock()
	st.streams[id] = s
	st.mu.Unlock()
	return s
}

func (st *Streamer) publish(w http.ResponseWriter, r *http.Request) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, s := range st.streams {
		s.events <- "tick" // want `send on s.events may block forever while holding st.mu`
	}
}

func (st *Streamer) closeAll(w http.ResponseWriter, r *http.Request) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for id, s := range st.streams {
		s.events <- "bye" // want `send on s.events may block forever while holding st.mu`
		close(s.events)
		delete(st.streams, id)
	}
}
