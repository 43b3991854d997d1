package protocols

import "errors"

// R2 over a channel of interface{}: registrations of several types
// travel on one channel and are told apart by a type switch; each carries
// an error slot with room, made by its constructor, and the dispatcher
// answers each once (lnd's chain notifiers).
type epochRegistration struct {
	id        int
	errorChan chan error
}

type spendRegistration struct {
	outpoint  string
	errorChan chan error
}

type ChainNotifier struct {
	registry chan interface{}
	blocks   chan int
	quit     chan struct{}
}

func (n *ChainNotifier) registerEpoch(id int) error {
	reg := &epochRegistration{id: id, errorChan: make(chan error, 1)}
	select {
	case n.registry <- reg:
	case <-n.quit:
		return errors.New("shutting down")
	}
	select {
	case err := <-reg.errorChan:
		return err
	case <-n.quit:
		return errors.New("shutting down")
	}
}

func (n *ChainNotifier) registerSpend(op string) error {
	reg := &spendRegistration{outpoint: op}
	reg.errorChan = make(chan error)
	select {
	case n.registry <- reg:
	case <-n.quit:
		return errors.New("shutting down")
	}
	select {
	case err := <-reg.errorChan:
		return err
	case <-n.quit:
		return errors.New("shutting down")
	}
}

func (n *ChainNotifier) dispatcher() {
	for {
		select {
		case r := <-n.registry:
			switch msg := r.(type) {
			case *epochRegistration:
				if msg.id < 0 {
					msg.errorChan <- errors.New("bad id")
					continue
				}
				msg.errorChan <- nil
			case *spendRegistration:
				msg.errorChan <- nil // want `send on msg.errorChan may block forever`
			}
		case <-n.blocks:
		case <-n.quit:
			return
		}
	}
}
