package protocols

import "errors"

// R1 through a variable that holds a pending request across iterations:
// sync1 waits for its reply, and the loop answers once, after the next
// reset, from the variable it parked the reply channel in.
type TxPool struct {
	sync      chan chan error
	resetDone chan struct{}
	quit      chan chan error
	hints     chan chan error
}

func (p *TxPool) sync1() error {
	sync := make(chan error)
	p.sync <- sync
	return <-sync
}

// hint parks its reply channel and leaves: nobody may take the answer.
func (p *TxPool) hint() {
	p.hints <- make(chan error)
}

func (p *TxPool) loop() {
	var resetWaiter, hinted chan error
	defer func() {
		if resetWaiter != nil {
			resetWaiter <- errors.New("pool already terminated")
			resetWaiter = nil
		}
	}()
	for {
		select {
		case <-p.resetDone:
			if resetWaiter != nil {
				resetWaiter <- nil
				resetWaiter = nil
			}
			if hinted != nil {
				hinted <- nil // want `send on hinted may block forever`
				hinted = nil
			}
		case syncc := <-p.sync:
			resetWaiter = syncc
		case h := <-p.hints:
			hinted = h
		case errc := <-p.quit:
			errc <- nil // want `send on errc may block forever`
			return
		}
	}
}
