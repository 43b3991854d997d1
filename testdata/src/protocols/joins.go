package protocols

import "time"

// A join on a channel semaphore: on stop, the loop fills the semaphore
// to its capacity, which waits until every check holding a token has
// given it back (asynq's aggregator). Like WaitGroup.Wait, a join on the
// package's own goroutines is the wait check's business, off by default.
type Aggregator struct {
	sema chan struct{}
	done chan struct{}
}

func NewAggregator() *Aggregator {
	return &Aggregator{sema: make(chan struct{}, 3), done: make(chan struct{})}
}

func (a *Aggregator) start() {
	go func() {
		ticker := time.NewTicker(time.Second)
		for {
			select {
			case <-a.done:
				for i := 0; i < cap(a.sema); i++ {
					a.sema <- struct{}{}
				}
				ticker.Stop()
				return
			case <-ticker.C:
				a.exec()
			}
		}
	}()
}

func (a *Aggregator) exec() {
	select {
	case a.sema <- struct{}{}:
		go a.check()
	default:
	}
}

func (a *Aggregator) check() {
	defer func() { <-a.sema }()
}

// The same loop filling a semaphore with as many tokens as its caller
// says, not its capacity: past the capacity it waits forever.
type Reserver struct {
	sema chan struct{}
	done chan struct{}
	n    int
}

func (r *Reserver) start() {
	go func() {
		ticker := time.NewTicker(time.Second)
		for {
			select {
			case <-r.done:
				for i := 0; i < r.n; i++ {
					r.sema <- struct{}{} // want `send on r.sema may block forever`
				}
				return
			case <-ticker.C:
			}
		}
	}()
}
