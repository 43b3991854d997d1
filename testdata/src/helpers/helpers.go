// Package helpers is a chat backend whose handlers reach their channel
// operations through helpers several calls deep, recursion, and
// function values: each blocking operation is reported where it stands,
// naming the handler and the chain of calls that reaches it.
package helpers

import (
	"net/http"
	"sync"
	"time"
)

type Message struct{ Room, Text string }

type Hub struct {
	mu       sync.Mutex
	inbox    chan Message
	rooms    map[string][]chan Message
	archive  chan Message
	shutdown chan struct{}
}

func (h *Hub) post(w http.ResponseWriter, r *http.Request) {
	h.accept(Message{Room: r.URL.Query().Get("room"), Text: r.FormValue("text")})
}

func (h *Hub) accept(m Message) { h.route(m) }

func (h *Hub) route(m Message) { h.deliver(m) }

func (h *Hub) deliver(m Message) {
	h.inbox <- m // want `send: send on h.inbox may block forever: no default, ctx.Done\(\) or timeout case \(HTTP handler \(\*Hub\).post → \(\*Hub\).accept → \(\*Hub\).route → \(\*Hub\).deliver\); add a cancellation, timeout or default case`
}

// broadcast offers the message to every member of the room, giving each
// a second: a slow member delays the request but cannot hang it.
func (h *Hub) broadcast(w http.ResponseWriter, r *http.Request) {
	m := Message{Room: r.URL.Query().Get("room")}
	for _, member := range h.rooms[m.Room] {
		select {
		case member <- m:
		case <-time.After(time.Second):
		}
	}
}

// archiveAll retries by recursion; the send at the bottom is reached.
func (h *Hub) archiveAll(w http.ResponseWriter, r *http.Request) {
	h.archiveFrom([]Message{{Text: "a"}, {Text: "b"}})
}

func (h *Hub) archiveFrom(ms []Message) {
	if len(ms) == 0 {
		return
	}
	h.archive <- ms[0] // want `send: send on h.archive may block forever: .* \(HTTP handler \(\*Hub\).archiveAll → \(\*Hub\).archiveFrom\)`
	h.archiveFrom(ms[1:])
}

// even and odd call each other without ever waiting: no finding.
func even(n int) bool {
	if n == 0 {
		return true
	}
	return odd(n - 1)
}

func odd(n int) bool {
	if n == 0 {
		return false
	}
	return even(n - 1)
}

func (h *Hub) parity(w http.ResponseWriter, r *http.Request) {
	_ = even(len(r.URL.Path))
}

// ping and pong recurse into each other; pong waits.
func (h *Hub) ping(n int) {
	if n > 0 {
		h.pong(n - 1)
	}
}

func (h *Hub) pong(n int) {
	h.ping(n)
	h.inbox <- Message{Text: "pong"} // want `send: send on h.inbox may block forever: .* \(HTTP handler \(\*Hub\).pingPong → \(\*Hub\).ping → \(\*Hub\).pong\)`
}

func (h *Hub) pingPong(w http.ResponseWriter, r *http.Request) { h.ping(3) }

// produce starts its producers on goroutines of their own; the handler
// only waits for their results with the request's context as a way out.
func (h *Hub) produce(w http.ResponseWriter, r *http.Request) {
	results := make(chan Message)
	for _, room := range []string{"a", "b"} {
		go func() { results <- Message{Room: room} }()
	}
	for range 2 {
		select {
		case m := <-results:
			_ = m
		case <-r.Context().Done():
			return
		}
	}
}

// viaValue calls a literal through a variable: the literal's send is on
// the handler's path.
func (h *Hub) viaValue(w http.ResponseWriter, r *http.Request) {
	send := func(m Message) {
		h.inbox <- m // want `send: send on h.inbox may block forever: .* \(HTTP handler \(\*Hub\).viaValue\)`
	}
	send(Message{Text: "value"})
}

// stored keeps a literal for later; nothing calls it here.
func (h *Hub) stored(w http.ResponseWriter, r *http.Request) {
	later := func() { h.inbox <- Message{Text: "later"} }
	time.AfterFunc(time.Second, later)
}

// withLock runs f under the hub's lock, on the caller's goroutine.
func (h *Hub) withLock(f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f()
}

func (h *Hub) locked(w http.ResponseWriter, r *http.Request) {
	h.withLock(func() {
		h.archive <- Message{Text: "locked"} // want `send: send on h.archive may block forever: .* \(HTTP handler \(\*Hub\).locked\)`
	})
}

// stop closes the hub; select on shutdown bounds every wait.
func (h *Hub) stop(w http.ResponseWriter, r *http.Request) {
	select {
	case h.inbox <- Message{Text: "bye"}:
	case <-h.shutdown:
	}
}
