// Package pump is an unbounded channel: its own goroutine takes every
// value sent on In until Close, queues it, and hands it out on Out (the
// shape of eapache/channels' InfiniteChannel). It hands out only the
// send end of its input; Chan hands out a plain channel, whose other end
// anyone may hold.
package pump

// Pump is an unbounded queue between two channels.
type Pump struct {
	in, out, plain chan any
}

// New starts the pump's goroutine.
func New() *Pump {
	p := &Pump{in: make(chan any), out: make(chan any), plain: make(chan any)}
	go p.run()
	return p
}

// In is where values go in; the pump always takes them.
func (p *Pump) In() chan<- any { return p.in }

// Out is where they come out.
func (p *Pump) Out() <-chan any { return p.out }

// Chan is a plain channel for whoever wants one.
func (p *Pump) Chan() chan any { return p.plain }

// Close stops taking values.
func (p *Pump) Close() { close(p.in) }

func (p *Pump) run() {
	var queue []any
	for {
		if len(queue) == 0 {
			v, ok := <-p.in
			if !ok {
				close(p.out)
				return
			}
			queue = append(queue, v)
			continue
		}
		select {
		case v, ok := <-p.in:
			if !ok {
				close(p.out)
				return
			}
			queue = append(queue, v)
		case p.out <- queue[0]:
			queue = queue[1:]
		}
	}
}
