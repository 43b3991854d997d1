package protocols

import "errors"

// R2 for a request prepared for the send: the requester is handed the
// request (a parameter, not a literal), gives it fresh reply slots with
// room right before it sends it over a channel of interface{}, and waits
// for both answers; the wallet's loop hands each request to a helper
// that answers each slot once on every way out (lnd's funding
// reservations).
type ReserveRequest struct {
	Amount int
	resp   chan *Reservation
	err    chan error
}

type Reservation struct{ amount int }

// A cancel request is prepared the same way, but its slot has no room:
// once the requester leaves on quit, the answer waits forever.
type CancelRequest struct {
	ID  int
	err chan error
}

type Wallet struct {
	msgs chan interface{}
	quit chan struct{}
}

func (w *Wallet) Reserve(req *ReserveRequest) (*Reservation, error) { // want Reserve:"may block forever: receive from req.resp"
	req.resp = make(chan *Reservation, 1)
	req.err = make(chan error, 1)
	select {
	case w.msgs <- req:
	case <-w.quit:
		return nil, errors.New("wallet shutting down")
	}
	return <-req.resp, <-req.err
}

func (w *Wallet) Cancel(req *CancelRequest) error {
	req.err = make(chan error)
	select {
	case w.msgs <- req:
	case <-w.quit:
		return errors.New("wallet shutting down")
	}
	select {
	case err := <-req.err:
		return err
	case <-w.quit:
		return errors.New("wallet shutting down")
	}
}

func (w *Wallet) requestHandler() {
	for {
		select {
		case m := <-w.msgs:
			switch msg := m.(type) {
			case *ReserveRequest:
				w.handleReserve(msg)
			case *CancelRequest:
				w.handleCancel(msg)
			}
		case <-w.quit:
			return
		}
	}
}

func (w *Wallet) handleReserve(req *ReserveRequest) {
	if req.Amount <= 0 {
		req.err <- errors.New("zero capacity")
		req.resp <- nil
		return
	}
	req.err <- nil
	req.resp <- &Reservation{amount: req.Amount}
}

func (w *Wallet) handleCancel(req *CancelRequest) {
	req.err <- nil // want `send on req.err may block forever`
}

// A session is no request, though it travels like one: its updates
// channel, made with room for many before it is registered, is the
// session's queue, and each event takes a place in it.
type session struct {
	updates chan int
}

type Registry struct {
	register chan interface{}
	events   chan int
	quit     chan struct{}
}

func (r *Registry) Open(s *session) {
	s.updates = make(chan int, 16)
	select {
	case r.register <- s:
	case <-r.quit:
	}
}

func (r *Registry) loop() {
	var sessions []*session
	for {
		select {
		case m := <-r.register:
			if s, ok := m.(*session); ok {
				sessions = append(sessions, s)
			}
		case ev := <-r.events:
			for _, s := range sessions {
				s.updates <- ev // want `send on s.updates may block forever`
			}
		case <-r.quit:
			return
		}
	}
}
