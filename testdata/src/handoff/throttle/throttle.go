// Package throttle limits how many table builders run at once: a
// counting semaphore whose tokens are the slots of a buffered channel.
package throttle

// Throttle lets at most n holders run; Do takes a slot, Done gives it
// back.
type Throttle struct {
	slots chan struct{}
	errs  chan error
}

// New returns a throttle with n slots.
func New(n int) *Throttle {
	return &Throttle{slots: make(chan struct{}, n), errs: make(chan error, n)}
}

// Do waits for a free slot, or returns the error a holder gave back.
func (t *Throttle) Do() error { // want Do:`may block forever: select at throttle.go:\d+: .*; acquires a slot of receiver field slots`
	for {
		select {
		case t.slots <- struct{}{}:
			return nil
		case err := <-t.errs:
			if err != nil {
				return err
			}
		}
	}
}

// Done gives a slot back, with the holder's error.
func (t *Throttle) Done(err error) { // want Done:`never blocks; releases a slot of receiver field slots`
	if err != nil {
		select {
		case t.errs <- err:
		default:
		}
	}
	select {
	case <-t.slots:
	default:
		panic("throttle: Done without Do")
	}
}

// Gate is a one-slot lock whose release is a plain receive.
type Gate struct{ c chan struct{} }

// NewGate returns an open gate.
func NewGate() *Gate { return &Gate{c: make(chan struct{}, 1)} }

// Enter waits until the gate is free.
func (g *Gate) Enter() { g.c <- struct{}{} } // want Enter:`may block forever: send on g.c at throttle.go:\d+: .*; acquires a slot of receiver field c`

// Leave frees the gate.
func (g *Gate) Leave() { <-g.c } // want Leave:`never blocks; releases a slot of receiver field c`

// Mailbox is not a semaphore: Put sends, and only a loop of the owner's
// goroutine takes the messages out.
type Mailbox struct{ in chan string }

// NewMailbox returns a mailbox with room for n messages.
func NewMailbox(n int) *Mailbox { return &Mailbox{in: make(chan string, n)} }

// Put waits for room.
func (m *Mailbox) Put(s string) { m.in <- s } // want Put:`may block forever: send on m.in at throttle.go:\d+: .*`

// Drain empties the mailbox into f, one message at a time, forever.
func (m *Mailbox) Drain(f func(string)) { // want Drain:`calls parameters 1`
	for {
		f(<-m.in)
	}
}
