package protocols

import (
	"net/http"
	"sync"
	"time"
)

// W with a quit message to a poller started through a wrapper: the
// poller leaves only when it receives stopPoll, including from the
// back-off select nested in its default case, so the one stop sent is
// always taken.
type Consumer struct {
	stopReclaim chan struct{}
	stopPoll    chan struct{}
	queue       chan string
}

func NewConsumer() *Consumer {
	return &Consumer{stopReclaim: make(chan struct{}), stopPoll: make(chan struct{}), queue: make(chan string, 8)}
}

func (c *Consumer) Run() {
	go c.reclaim()
	var pollers sync.WaitGroup
	pollers.Add(1)
	go func() {
		defer pollers.Done()
		c.poll()
	}()
	pollers.Wait()
}

func (c *Consumer) reclaim() {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-c.stopReclaim:
			c.stopPoll <- struct{}{}
			return
		case <-ticker.C:
		}
	}
}

func (c *Consumer) poll() {
	for {
		select {
		case <-c.stopPoll:
			return
		default:
			if err := c.read(); err != nil {
				select {
				case <-c.stopPoll:
					return
				case <-time.After(200 * time.Millisecond):
				}
				continue
			}
		}
	}
}

func (c *Consumer) read() error { return nil }

// A worker that can leave on either of two channels may be gone when a
// stop arrives on the other.
type Monitor struct {
	stop, quit chan struct{}
	ticks      chan time.Time
}

func NewMonitor() *Monitor {
	m := &Monitor{stop: make(chan struct{}), quit: make(chan struct{}), ticks: make(chan time.Time)}
	go m.run()
	return m
}

func (m *Monitor) run() {
	for {
		select {
		case <-m.stop:
			return
		case <-m.quit:
			return
		}
	}
}

func (m *Monitor) reload() {
	for {
		select {
		case <-m.ticks:
			m.stop <- struct{}{} // want `send on m.stop may block forever`
		case <-time.After(time.Minute):
			m.quit <- struct{}{} // want `send on m.quit may block forever`
		}
	}
}

// W after a labeled loop: the actor serves until stopped, then drains
// what is left until the channel is closed, so a send on actorc is
// always taken.
type WAL struct {
	actorc chan func()
	stopc  chan chan struct{}
}

func NewWAL() *WAL {
	w := &WAL{actorc: make(chan func(), 100), stopc: make(chan chan struct{})}
	go w.run()
	return w
}

func (w *WAL) run() {
Loop:
	for {
		select {
		case f := <-w.actorc:
			f()
		case donec := <-w.stopc:
			close(w.actorc)
			defer close(donec)
			break Loop
		}
	}
	for f := range w.actorc {
		f()
	}
}

func (w *WAL) flush(rw http.ResponseWriter, r *http.Request) {
	w.actorc <- func() {}
}

// W for workers that never leave: nothing closes or sends on their quit
// channel, so they serve their jobs for the life of the program.
type WorkerPool struct {
	jobs chan func()
	stop chan struct{}
}

func NewWorkerPool(workers int) *WorkerPool {
	jobs := make(chan func())
	stop := make(chan struct{})
	for range workers {
		go func() {
			for {
				select {
				case job := <-jobs:
					job()
				case <-stop:
					return
				}
			}
		}()
	}
	return &WorkerPool{jobs: jobs, stop: stop}
}

func (p *WorkerPool) execute(job func()) { p.jobs <- job }

func (p *WorkerPool) bestETA(w http.ResponseWriter, r *http.Request) {
	p.execute(func() {})
}

// Workers that a Stop can end leave jobs behind them.
type StoppablePool struct {
	jobs chan func()
	stop chan struct{}
}

func NewStoppablePool(workers int) *StoppablePool {
	p := &StoppablePool{jobs: make(chan func()), stop: make(chan struct{})}
	for range workers {
		go p.work()
	}
	return p
}

func (p *StoppablePool) work() {
	for {
		select {
		case job := <-p.jobs:
			job()
		case <-p.stop:
			return
		}
	}
}

func (p *StoppablePool) Stop() { close(p.stop) }

func (p *StoppablePool) execute(job func()) {
	p.jobs <- job // want `send on p.jobs may block forever`
}

func (p *StoppablePool) bestETA(w http.ResponseWriter, r *http.Request) {
	p.execute(func() {})
}
