package protocols

import "errors"

// K3, turns handed back: the peer arms writeStart once, and re-arms it
// only on a protocol's write report, which each protocol sends once per
// turn it took. One turn is in flight at a time, so the buffer of one is
// empty whenever the loop re-arms.
type protoRW struct {
	wstart <-chan struct{}
	werr   chan<- error
	closed <-chan struct{}
}

func (rw *protoRW) writeMsg(msg []byte) error {
	select {
	case <-rw.wstart:
		err := write(msg)
		rw.werr <- err
		return err
	case <-rw.closed:
		return errors.New("shutting down")
	}
}

func write(msg []byte) error { return nil }

// Peer runs the protocols of one connection.
type Peer struct {
	running map[string]*protoRW
	closed  chan struct{}
	disc    chan error
}

func (p *Peer) run() error {
	writeStart := make(chan struct{}, 1)
	writeErr := make(chan error, 1)
	writeStart <- struct{}{}
	p.startProtocols(writeStart, writeErr)
	for {
		select {
		case err := <-writeErr:
			if err != nil {
				return err
			}
			writeStart <- struct{}{}
		case err := <-p.disc:
			return err
		}
	}
}

func (p *Peer) startProtocols(writeStart <-chan struct{}, writeErr chan<- error) {
	for _, proto := range p.running {
		proto.wstart = writeStart
		proto.werr = writeErr
		proto.closed = p.closed
	}
}

// A writer that reports twice per turn makes the loop re-arm twice.
type chattyRW struct {
	wstart <-chan struct{}
	werr   chan<- error
}

func (rw *chattyRW) writeMsg(msg []byte) {
	<-rw.wstart
	rw.werr <- write(msg)
	rw.werr <- nil
}

// ChattyPeer runs chatty protocols.
type ChattyPeer struct {
	rw   *chattyRW
	disc chan error
}

func (p *ChattyPeer) run() error {
	writeStart := make(chan struct{}, 1)
	writeErr := make(chan error, 1)
	writeStart <- struct{}{}
	p.rw = &chattyRW{wstart: writeStart, werr: writeErr}
	for {
		select {
		case <-writeErr:
			writeStart <- struct{}{} // want `send on writeStart may block forever`
		case err := <-p.disc:
			return err
		}
	}
}
