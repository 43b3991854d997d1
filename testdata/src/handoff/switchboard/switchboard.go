// Package switchboard builds the requests that close or probe a link,
// each with an error slot for the answer, and hands them to the peer
// that owns the link, which answers them on its own loop (the shape of
// lnd's htlcswitch.ChanClose, answered by the peer's channel manager).
// A close request always carries a slot with room, so the peer's one
// answer never waits; a probe's slot has none.
package switchboard

import "errors"

// CloseRequest asks the peer to close a link.
type CloseRequest struct {
	ChanID int
	Err    chan error // want Err:"reply slot with room"
}

// ProbeRequest asks the peer whether a link is alive.
type ProbeRequest struct {
	ChanID int
	Done   chan error
}

// Peer owns the links and answers the requests.
type Peer interface {
	HandleClose(*CloseRequest)
	HandleProbe(*ProbeRequest)
}

// Switch routes requests to the peer.
type Switch struct {
	closes chan *CloseRequest
	probes chan *ProbeRequest
	peer   Peer
	quit   chan struct{}
}

var errExiting = errors.New("switch exiting")

// CloseLink asks the peer to close the link and waits for its answer.
func (s *Switch) CloseLink(id int) error {
	errc := make(chan error, 1)
	select {
	case s.closes <- &CloseRequest{ChanID: id, Err: errc}:
	case <-s.quit:
		return errExiting
	}
	select {
	case err := <-errc:
		return err
	case <-s.quit:
		return errExiting
	}
}

// Probe asks the peer whether the link is alive.
func (s *Switch) Probe(id int) error {
	req := &ProbeRequest{ChanID: id, Done: make(chan error)}
	select {
	case s.probes <- req:
	case <-s.quit:
		return errExiting
	}
	select {
	case err := <-req.Done:
		return err
	case <-s.quit:
		return errExiting
	}
}

func (s *Switch) loop() {
	for {
		select {
		case req := <-s.closes:
			s.peer.HandleClose(req)
		case req := <-s.probes:
			s.peer.HandleProbe(req)
		case <-s.quit:
			return
		}
	}
}
