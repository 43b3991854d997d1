package protocols

import "errors"

// Merges: a writer goroutine drains its inputs until every one is
// closed, so a redirector's sends to it always find it there. What the
// writers send on, which nothing here drains, stays a finding.
type Packet struct{ body []byte }

type MQTTConn struct {
	out       chan *Packet
	acks      chan *Packet
	stop      chan struct{}
	written   chan int
	abandoned chan int
}

// startWriter drains priority and normal until both are closed.
func startWriter(priority, normal <-chan *Packet, written chan<- int) {
	go func() {
		for {
			if priority == nil && normal == nil {
				return
			}
			select {
			case p, ok := <-priority:
				if !ok {
					priority = nil
					continue
				}
				written <- len(p.body) // want `send on written may block forever`
			case p, ok := <-normal:
				if !ok {
					normal = nil
					continue
				}
				written <- len(p.body) // want `send on written may block forever`
			}
		}
	}()
}

// startMerge is the same with the condition on the loop.
func startMerge(a, b <-chan *Packet, written chan<- int) {
	go func() {
		for a != nil || b != nil {
			select {
			case p, ok := <-a:
				if !ok {
					a = nil
					continue
				}
				written <- len(p.body) // want `send on written may block forever`
			case p, ok := <-b:
				if !ok {
					b = nil
					continue
				}
				written <- len(p.body) // want `send on written may block forever`
			}
		}
	}()
}

// startSampler stops reading an input after its first packet: a send
// on it after that waits forever.
func startSampler(a, b <-chan *Packet, written chan<- int) {
	go func() {
		for a != nil || b != nil {
			select {
			case p := <-a:
				a = nil
				written <- len(p.body) // want `send on written may block forever`
			case p, ok := <-b:
				if !ok {
					b = nil
					continue
				}
				written <- len(p.body) // want `send on written may block forever`
			}
		}
	}()
}

func (c *MQTTConn) redirect() {
	prio, norm := make(chan *Packet), make(chan *Packet)
	startWriter(prio, norm, c.written)
	first, second := make(chan *Packet), make(chan *Packet)
	startMerge(first, second, c.written)
	sampled, rest := make(chan *Packet), make(chan *Packet)
	startSampler(sampled, rest, c.abandoned)
	for {
		select {
		case p := <-c.acks:
			prio <- p
			first <- p
			sampled <- p // want `send on sampled may block forever`
		case p := <-c.out:
			norm <- p
			second <- p
			// The sampler is no merge (one input is dropped while open), so
			// neither of its inputs is taken as drained.
			rest <- p // want `send on rest may block forever`
		case <-c.stop:
			close(prio)
			close(norm)
			close(first)
			close(second)
			return
		}
	}
}

// A writer that reports its errors on a channel it makes and returns:
// the caller's goroutine ranges over what it returned, so every report
// is taken.
func startReporter(in <-chan *Packet, flushes <-chan struct{}) <-chan error {
	errs := make(chan error)
	go func() {
		defer close(errs)
		for {
			select {
			case p, ok := <-in:
				if !ok {
					return
				}
				if len(p.body) == 0 {
					errs <- errEmpty
				}
			case <-flushes:
				errs <- errEmpty
			}
		}
	}()
	return errs
}

// The same, whose caller keeps the channel and never reads it.
func startMuted(in <-chan *Packet, flushes <-chan struct{}) <-chan error {
	errs := make(chan error)
	go func() {
		defer close(errs)
		for {
			select {
			case p, ok := <-in:
				if !ok {
					return
				}
				if len(p.body) == 0 {
					errs <- errEmpty // want `send on errs may block forever`
				}
			case <-flushes:
				errs <- errEmpty // want `send on errs may block forever`
			}
		}
	}()
	return errs
}

var errEmpty = errors.New("empty packet")

type Reporting struct {
	failures chan error
	muted    <-chan error
}

func (r *Reporting) start(in, quiet <-chan *Packet, flushes <-chan struct{}) {
	errs := startReporter(in, flushes)
	go func() {
		for err := range errs {
			r.failures <- err
		}
	}()
	r.muted = startMuted(quiet, flushes)
}
