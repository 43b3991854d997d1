// Package fanout holds dispatchers that send each value to every member
// of a set of subscribers: a watch multiplexer (the Kubernetes shape) and
// an upload notifier (the MinIO shape). One subscriber that stops reading
// stalls every other one, so a bare fan-out send is a finding wherever it
// runs.
package fanout

import (
	"net/http"
	"sync"
)

type Event struct{ Type, Object string }

type watcher struct {
	result  chan Event
	stopped chan struct{}
}

// Mux distributes incoming events to its watchers.
type Mux struct {
	lock     sync.Mutex
	incoming chan Event
	watchers map[int64]*watcher
}

// loop is a range dispatcher: not hot by itself, but its fan-out is.
func (m *Mux) loop() {
	for ev := range m.incoming {
		m.distribute(ev)
	}
}

func (m *Mux) distribute(ev Event) {
	m.lock.Lock()
	defer m.lock.Unlock()
	for _, w := range m.watchers {
		w.result <- ev // want `send: send on w.result may block forever while holding m.lock: no default, ctx.Done\(\) or timeout case \(fan-out over m.watchers in \(\*Mux\).distribute: one stalled subscriber stalls them all\)`
	}
}

// distributeFixed lets a stopped watcher go.
func (m *Mux) distributeFixed(ev Event) {
	m.lock.Lock()
	defer m.lock.Unlock()
	for _, w := range m.watchers {
		select {
		case w.result <- ev:
		case <-w.stopped:
		}
	}
}

// Notifier tells every listening request about new uploads.
type Notifier struct {
	mu        sync.RWMutex
	listeners []chan string
	indexed   map[string]chan string
}

func (n *Notifier) upload(w http.ResponseWriter, r *http.Request) {
	n.notify(r.URL.Path)
}

func (n *Notifier) notify(object string) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	for i := range n.listeners {
		n.listeners[i] <- object // want `send: send on n.listeners\[i\] may block forever while holding n.mu: .* \(HTTP handler \(\*Notifier\).upload → \(\*Notifier\).notify, fan-out over n.listeners: one stalled subscriber stalls them all\)`
	}
	for key := range n.indexed {
		n.indexed[key] <- object // want `send: send on n.indexed\[key\] may block forever while holding n.mu: .* fan-out over n.indexed`
	}
}

// copyAll sends every value to one channel: a loop, but not a fan-out.
func copyAll(values []string, out chan string) {
	for _, v := range values {
		out <- v
	}
}
