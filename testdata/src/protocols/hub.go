package protocols

import "net/http"

// W, a hub that never leaves: the chat hub of gorilla/websocket's
// examples. Its loop has no way out and nothing in its cases waits (the
// fan-out gives up on a slow client), so it takes register again at
// once, every time: the handler's send is back-pressure, not a hang.
type ChatClient struct{ send chan []byte }

type ChatHub struct {
	clients    map[*ChatClient]bool
	broadcast  chan []byte
	register   chan *ChatClient
	unregister chan *ChatClient
}

func NewChatHub() *ChatHub {
	h := &ChatHub{
		clients:    make(map[*ChatClient]bool),
		broadcast:  make(chan []byte),
		register:   make(chan *ChatClient),
		unregister: make(chan *ChatClient),
	}
	go h.run()
	return h
}

func (h *ChatHub) run() {
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		case c := <-h.unregister:
			if h.clients[c] {
				delete(h.clients, c)
				close(c.send)
			}
		case msg := <-h.broadcast:
			for c := range h.clients {
				select {
				case c.send <- msg:
				default:
					close(c.send)
					delete(h.clients, c)
				}
			}
		}
	}
}

func (h *ChatHub) serveWS(w http.ResponseWriter, r *http.Request) {
	h.register <- &ChatClient{send: make(chan []byte, 256)}
}

// The same hub with a fan-out that waits for every client: one client
// that stops reading stalls the hub, and the next handler waits behind
// it forever.
type StallingHub struct {
	clients  map[chan []byte]bool
	register chan chan []byte
	publish  chan []byte
}

func NewStallingHub() *StallingHub {
	h := &StallingHub{clients: make(map[chan []byte]bool), register: make(chan chan []byte), publish: make(chan []byte)}
	go h.run()
	return h
}

func (h *StallingHub) run() {
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		case msg := <-h.publish:
			for c := range h.clients {
				c <- msg // want `send on c may block forever: .*fan-out over h.clients`
			}
		}
	}
}

func (h *StallingHub) serveWS(w http.ResponseWriter, r *http.Request) {
	h.register <- make(chan []byte, 16) // want `send on h.register may block forever`
}

// The same hub that leaves when told to stop: a handler that runs after
// Close waits forever on a hub that is gone.
type ClosingHub struct {
	clients  map[*ChatClient]bool
	register chan *ChatClient
	quit     chan struct{}
}

func NewClosingHub() *ClosingHub {
	h := &ClosingHub{clients: make(map[*ChatClient]bool), register: make(chan *ChatClient), quit: make(chan struct{})}
	go h.run()
	return h
}

func (h *ClosingHub) run() {
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		case <-h.quit:
			return
		}
	}
}

func (h *ClosingHub) Close() { close(h.quit) }

func (h *ClosingHub) serveWS(w http.ResponseWriter, r *http.Request) {
	h.register <- &ChatClient{send: make(chan []byte, 256)} // want `send on h.register may block forever`
}

// A hub whose Run is for the importer to start (go hub.Run() in the
// server package, as mailpit does): an exported loop that never leaves
// and never waits owns what it receives, started here or not.
type SharedHub struct {
	clients  map[*ChatClient]bool
	register chan *ChatClient
}

func (h *SharedHub) Run() { // want Run:"may block forever: select at hub.go:129"
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		}
	}
}

func (h *SharedHub) serveWS(w http.ResponseWriter, r *http.Request) {
	h.register <- &ChatClient{send: make(chan []byte, 256)}
}

// The same with a Run that waits on each new client: a client that never
// reads stalls it, and the handlers behind it.
type GreetingHub struct {
	clients  map[*ChatClient]bool
	register chan *ChatClient
}

func (h *GreetingHub) Run() { // want Run:"may block forever: select at hub.go:149"
	for {
		select {
		case c := <-h.register:
			c.send <- []byte("hello")
			h.clients[c] = true
		}
	}
}

func (h *GreetingHub) serveWS(w http.ResponseWriter, r *http.Request) {
	h.register <- &ChatClient{send: make(chan []byte)} // want `send on h.register may block forever`
}
