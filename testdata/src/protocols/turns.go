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

// K3 through a reader goroutine that ranges over its turns and reports
// through a function of the package; a caller that reports outside a turn
// takes the turn its report causes right after.
type Discv5 struct {
	readNext chan struct{}
	packetIn chan []byte
	closing  chan struct{}
}

func NewDiscv5() *Discv5 {
	t := &Discv5{readNext: make(chan struct{}, 1), packetIn: make(chan []byte, 1), closing: make(chan struct{})}
	go t.readLoop()
	go t.dispatch()
	return t
}

func (t *Discv5) dispatch() {
	t.readNext <- struct{}{}
	for {
		select {
		case p := <-t.packetIn:
			t.handle(p)
			t.readNext <- struct{}{}
		case <-t.closing:
			close(t.readNext)
			return
		}
	}
}

func (t *Discv5) handle(p []byte) {}

func (t *Discv5) readLoop() {
	for range t.readNext {
		p := read()
		if p == nil {
			return // the socket is closed
		}
		t.deliver(p)
	}
}

func read() []byte { return nil }

func (t *Discv5) deliver(p []byte) bool {
	select {
	case t.packetIn <- p:
		return true
	case <-t.closing:
		return false
	}
}

func (t *Discv5) inject(p []byte) {
	if t.deliver(p) {
		<-t.readNext
	}
}

// A second reader that injects without taking its turn breaks the count.
type Discv4 struct {
	readNext chan struct{}
	packetIn chan []byte
	closing  chan struct{}
}

func (t *Discv4) dispatch() {
	t.readNext <- struct{}{}
	for {
		select {
		case <-t.packetIn:
			t.readNext <- struct{}{} // want `send on t.readNext may block forever`
		case <-t.closing:
			return
		}
	}
}

func (t *Discv4) readLoop() {
	for range t.readNext {
		p := read()
		if p == nil {
			return
		}
		t.deliver(p)
	}
}

func (t *Discv4) deliver(p []byte) {
	select {
	case t.packetIn <- p:
	case <-t.closing:
	}
}

func (t *Discv4) inject(p []byte) { t.deliver(p) }

func newDiscv4() *Discv4 {
	t := &Discv4{readNext: make(chan struct{}, 1), packetIn: make(chan []byte, 1), closing: make(chan struct{})}
	go t.readLoop()
	go t.dispatch()
	return t
}
