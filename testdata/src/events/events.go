// Package events is an event bus library whose author declares, once,
// what runs on the bus's dispatch goroutine: the Handler callback type,
// the Listener interface and the steps of Loop.Each. Packages that
// import it get their callbacks checked as hot paths.
package events

type Event struct{ Name string }

// Handler is called on the bus's dispatch goroutine.
//
//hotblock:hotpath the bus calls handlers one after another
type Handler func(Event) // want Handler:"hot path: events.Handler callback"

// Listener is notified on the bus's dispatch goroutine.
//
//hotblock:hotpath
type Listener interface { // want Listener:"hot path: events.Listener method"
	OnEvent(Event)
}

// Legacy is called on the dispatch goroutine too, but its author did
// not say so; users name it in the roots setting.
type Legacy func(Event)

type Bus struct {
	queue     chan Event
	handlers  []Handler
	listeners []Listener
	legacy    []Legacy
}

func (b *Bus) Subscribe(h Handler)      { b.handlers = append(b.handlers, h) }
func (b *Bus) Listen(l Listener)        { b.listeners = append(b.listeners, l) }
func (b *Bus) SubscribeLegacy(h Legacy) { b.legacy = append(b.legacy, h) }

// Emit queues an event.
//
//hotblock:nonblocking the queue is sized for every producer and drained by the bus
func (b *Bus) Emit(e Event) {
	b.queue <- e
}

// Loop runs steps on the game's frame goroutine.
type Loop struct{ events []Event }

// Each runs step for every pending event, on the frame goroutine.
//
//hotblock:hotpath
func (l *Loop) Each(step func(Event)) { // want Each:"never blocks; calls parameters 1; hot path"
	for _, e := range l.events {
		step(e)
	}
}
