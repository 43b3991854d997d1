package protocols

import (
	"net/http"
	"sync"
)

// B1 for a value straight from its constructor: a new subscriber's
// buffer has room for 64 events, and the handler gives it its first one
// before it registers it, while no one else can hold it (litefs's event
// subscribers). A handler that registers the subscriber first lets the
// store's notifications fill the buffer before its own send, which then
// waits, with the store's lock held, for a reader that may never come.
type storeEvent struct{ kind string }

type eventSubscriber struct {
	ch chan storeEvent
}

func newEventSubscriber() *eventSubscriber {
	return &eventSubscriber{ch: make(chan storeEvent, 64)}
}

type EventStore struct {
	mu   sync.Mutex
	subs map[*eventSubscriber]struct{}
}

func (s *EventStore) subscribe(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub := newEventSubscriber()
	sub.ch <- storeEvent{kind: "init"}
	s.subs[sub] = struct{}{}
}

func (s *EventStore) subscribeLate(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub := newEventSubscriber()
	s.subs[sub] = struct{}{}
	sub.ch <- storeEvent{kind: "init"} // want `send on sub.ch may block forever`
}

func (s *EventStore) notify(ev storeEvent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for sub := range s.subs {
		select {
		case sub.ch <- ev:
		default:
		}
	}
}
