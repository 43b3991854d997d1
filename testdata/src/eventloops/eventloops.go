// Package eventloops holds goroutines that serve several channels from
// one for-select loop: a chat hub, an event dispatcher and a mining loop
// that adjusts another loop. What a case body does is on the loop's hot
// path: a bare send there stops every producer feeding the loop.
package eventloops

import (
	"context"
	"log"
	"time"
)

type Client struct {
	send chan []byte
}

// Hub is a chat hub in the gorilla/websocket style.
type Hub struct {
	clients    map[*Client]bool
	broadcast  chan []byte
	register   chan *Client
	unregister chan *Client
}

// Run drops a client whose buffer is full instead of waiting for it.
func (h *Hub) Run() { // want Run:"may block forever: select at eventloops.go:28"
	for {
		select { // the loop's own wait: not a finding
		case c := <-h.register:
			h.clients[c] = true
		case c := <-h.unregister:
			delete(h.clients, c)
			close(c.send)
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

// NaiveHub waits for each client in turn.
type NaiveHub struct{ Hub }

func (h *NaiveHub) Run() { // want Run:"may block forever: select at eventloops.go:52"
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		case msg := <-h.broadcast:
			for c := range h.clients {
				c.send <- msg // want `send: send on c.send may block forever: no default, ctx.Done\(\) or timeout case \(event loop \(\*NaiveHub\).Run, fan-out over h.clients: one stalled subscriber stalls them all\); select each send with the subscriber's done channel, or drop with a default`
			}
		}
	}
}

type Event struct{ Name string }

// Dispatcher forwards events to a sink; it also answers control requests.
type Dispatcher struct {
	in      chan Event
	sink    chan Event
	control chan string
	stop    chan struct{}
}

func (d *Dispatcher) run(ctx context.Context) {
	for {
		select {
		case ev := <-d.in:
			d.sink <- ev // want `send: send on d.sink may block forever: no default, ctx.Done\(\) or timeout case \(event loop \(\*Dispatcher\).run\); add a case <-ctx.Done\(\)`
		case cmd := <-d.control:
			log.Println("control:", cmd)
		case <-ctx.Done():
			return
		}
	}
}

// runBounded gives the forward a way out.
func (d *Dispatcher) runBounded(ctx context.Context) {
	for {
		select {
		case ev := <-d.in:
			select {
			case d.sink <- ev:
			case <-ctx.Done():
				return
			}
		case <-d.stop:
			return
		}
	}
}

// Miner adjusts the resubmit interval of another loop (the geth shape).
type Miner struct {
	newWork    chan struct{}
	adjustCh   chan time.Duration
	intervalCh chan time.Duration
	exitCh     chan struct{}
}

func (m *Miner) mainLoop() {
	for {
		select {
		case <-m.newWork:
			m.commit()
		case d := <-m.adjustCh:
			m.adjust(d)
		case <-m.exitCh:
			return
		}
	}
}

func (m *Miner) commit() {}

func (m *Miner) adjust(d time.Duration) {
	m.intervalCh <- d * 2 // want `send: send on m.intervalCh may block forever: .* \(event loop \(\*Miner\).mainLoop → \(\*Miner\).adjust\)`
}

// adjustOrDrop is the fix: the adjustment is only a hint.
func (m *Miner) adjustOrDrop(d time.Duration) {
	select {
	case m.intervalCh <- d * 2:
	default:
		log.Println("interval adjustment dropped")
	}
}

// Stage is a pipeline stage: one input, one output, back-pressure by
// design. It is not an event loop.
func Stage(in <-chan Event, out chan<- Event) { // want Stage:"may block forever: send on out"
	for ev := range in {
		out <- ev
	}
}

// poll has a single case and a default: not an event loop.
func poll(in chan Event, out chan Event) {
	for {
		select {
		case ev := <-in:
			out <- ev
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

// Renderer polls two inputs between frames: its select has a default, so
// it never waits there, and the loop is a polling loop, not an event
// loop. A send in its case bodies is not on an event loop's hot path.
type Renderer struct {
	input, resize chan Event
	frames        chan Event
}

func (r *Renderer) run() {
	for {
		select {
		case ev := <-r.input:
			r.frames <- ev
		case ev := <-r.resize:
			r.frames <- ev
		default:
		}
		r.draw()
	}
}

func (r *Renderer) draw() {}
