// Package bgpfsm runs a session's event loop, which queues what it has
// to say on another package's pump. The pump hands out only the send
// end of its input, so it is that package's to serve, by code this
// package cannot see: the send is not reported (gobgp's FSM queueing on
// an InfiniteChannel). A plain channel from the same package may have
// its other end anywhere, and a send on it stays reported.
package bgpfsm

import "handoff/pump"

type fsm struct {
	outgoing *pump.Pump
	msgs     chan string
	timeouts chan struct{}
	stop     chan struct{}
}

func (h *fsm) established() {
	in := h.outgoing.In()
	for {
		select {
		case m := <-h.msgs:
			h.outgoing.In() <- m
		case <-h.timeouts:
			in <- "hold timer expired"
			h.outgoing.Chan() <- "notification" // want `send on h.outgoing.Chan\(\) may block forever`
		case <-h.stop:
			return
		}
	}
}
