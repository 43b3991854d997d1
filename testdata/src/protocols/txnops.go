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

// R1 with fire-and-forget requests: flush sends its op with no reply
// slot, and the handler answers only ops that have one. Every op that
// has one is awaited, so the answer always finds its requester. The
// twin below answers without looking: a flush op there leaves it
// sending on a nil channel, which blocks forever.
type ackOp struct {
	topic string
	errCh chan error
}

type AckHandler struct {
	acks chan *ackOp
	quit chan struct{}
}

func (h *AckHandler) ack(topic string) error {
	op := &ackOp{topic: topic, errCh: make(chan error)}
	h.acks <- op
	return <-op.errCh
}

func (h *AckHandler) flush() { h.acks <- &ackOp{topic: "all"} }

func (h *AckHandler) run() {
	for {
		select {
		case op := <-h.acks:
			if op.errCh != nil {
				op.errCh <- nil
			}
		case <-h.quit:
			return
		}
	}
}

type RawAckHandler struct {
	acks chan *ackOp
	quit chan struct{}
}

func (h *RawAckHandler) ack(topic string) error {
	op := &ackOp{topic: topic, errCh: make(chan error)}
	h.acks <- op
	return <-op.errCh
}

func (h *RawAckHandler) flush() { h.acks <- &ackOp{topic: "all", errCh: nil} }

func (h *RawAckHandler) run() {
	for {
		select {
		case op := <-h.acks:
			op.errCh <- nil // want `send on op.errCh may block forever`
		case <-h.quit:
			return
		}
	}
}
