package protocols

import (
	"errors"
	"time"
)

// R1 with the reply slot held in a local: the API call builds its
// operation around a reply channel it keeps (op := &mgmtOp{errCh: ch}),
// hands the operation to the server's loop in a select case, and waits
// on the channel it kept; the loop's bare answer always finds it waiting
// (gobgp's management operations).
type mgmtOp struct {
	f     func() error
	errCh chan error
}

type BGPServer struct {
	mgmtCh  chan *mgmtOp
	peerCh  chan *mgmtOp
	closeCh chan struct{}
}

func (s *BGPServer) mgmtOperation(f func() error) error {
	ch := make(chan error)
	op := &mgmtOp{f: f, errCh: ch}
	select {
	case s.mgmtCh <- op:
		return <-ch
	case <-s.closeCh:
		return errors.New("server stopped")
	}
}

// peerOperation gives up after a second, and then nobody takes the
// loop's answer.
func (s *BGPServer) peerOperation(f func() error) error {
	ch := make(chan error)
	op := &mgmtOp{f: f, errCh: ch}
	select {
	case s.peerCh <- op:
	case <-s.closeCh:
		return errors.New("server stopped")
	}
	select {
	case err := <-ch:
		return err
	case <-time.After(time.Second):
		return errors.New("peer operation timed out")
	}
}

func (s *BGPServer) Serve() { // want Serve:"may block forever: send on op.errCh at mgmtops.go:59"
	for {
		select {
		case op := <-s.mgmtCh:
			op.errCh <- op.f()
		case op := <-s.peerCh:
			op.errCh <- op.f() // want `send on op.errCh may block forever`
		case <-s.closeCh:
			return
		}
	}
}
