// Package linkpeer answers the switch's requests on its channel
// manager's loop. A close request's error slot has room wherever the
// switch builds one (its RoomySlot fact), so the one answer of each
// handling never waits; a probe's slot has none, and a probe whose
// switch has left on quit leaves the answer waiting forever.
package linkpeer

import (
	"errors"

	"handoff/switchboard"
)

// Peer owns links and answers the switch.
type Peer struct {
	closeReqs chan *switchboard.CloseRequest
	probeReqs chan *switchboard.ProbeRequest
	links     map[int]bool
	quit      chan struct{}
}

// HandleClose passes a close request on to the channel manager.
func (p *Peer) HandleClose(req *switchboard.CloseRequest) {
	select {
	case p.closeReqs <- req:
	case <-p.quit:
	}
}

// HandleProbe passes a probe on to the channel manager.
func (p *Peer) HandleProbe(req *switchboard.ProbeRequest) {
	select {
	case p.probeReqs <- req:
	case <-p.quit:
	}
}

func (p *Peer) channelManager() {
	for {
		select {
		case req := <-p.closeReqs:
			p.handleClose(req)
		case req := <-p.probeReqs:
			req.Done <- nil // want `send on req.Done may block forever`
		case <-p.quit:
			return
		}
	}
}

func (p *Peer) handleClose(req *switchboard.CloseRequest) {
	if !p.links[req.ChanID] {
		req.Err <- errors.New("unknown channel")
		return
	}
	delete(p.links, req.ChanID)
	req.Err <- nil
}
