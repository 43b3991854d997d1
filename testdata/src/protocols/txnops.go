package protocols

import "time"

// R1 with the reply awaited among a return's results: newTxn sends its
// op and returns the id with the reply it waits for; the handler's
// answer always finds it waiting. endTxn may leave on a timeout, so the
// answer to an end op can wait forever.
type txnOp struct {
	id    uint64
	errCh chan error
}

type TxnHandler struct {
	news chan *txnOp
	ends chan *txnOp
	quit chan struct{}
}

func (h *TxnHandler) newTxn() (uint64, error) {
	op := &txnOp{id: 1, errCh: make(chan error)}
	h.news <- op
	return op.id, <-op.errCh
}

func (h *TxnHandler) endTxn(id uint64) error {
	op := &txnOp{id: id, errCh: make(chan error)}
	h.ends <- op
	select {
	case err := <-op.errCh:
		return err
	case <-time.After(time.Second):
		return nil
	}
}

func (h *TxnHandler) run() {
	for {
		select {
		case op := <-h.news:
			op.errCh <- nil
		case op := <-h.ends:
			op.errCh <- nil // want `send on op.errCh may block forever`
		case <-h.quit:
			return
		}
	}
}
