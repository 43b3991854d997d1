// Package notify hands each event to every listener through an
// unbuffered channel that the listener's own goroutine drains until it
// is closed (the shape of client-go's processorListener).
package notify

import "handoff/group"

// Listener takes events on add and hands them to its handler in batches.
type Listener struct {
	add     chan string
	flushes chan struct{}
	next    chan string
	handle  func([]string)
}

// pop drains add until it is closed.
func (l *Listener) pop() {
	var pending []string
	for {
		select {
		case ev, ok := <-l.add:
			if !ok {
				return
			}
			pending = append(pending, ev)
		case <-l.flushes:
			l.handle(pending)
			pending = nil
		}
	}
}

// Processor distributes events on its own loop.
type Processor struct {
	g         group.Group
	listeners []*Listener
	late      []*Listener
	events    chan string
	quit      chan struct{}
}

// Run starts every listener's goroutine, through the group.
func (p *Processor) Run() {
	for _, l := range p.listeners {
		p.g.Start(l.pop)
	}
	for _, l := range p.late {
		p.g.Later(l.pop) // kept, not started: nothing drains these yet
	}
}

func (p *Processor) loop() {
	for {
		select {
		case ev := <-p.events:
			for _, l := range p.listeners {
				l.add <- ev
			}
			for _, l := range p.late {
				l.next <- ev // want `send on l.next may block forever`
			}
		case <-p.quit:
			return
		}
	}
}
