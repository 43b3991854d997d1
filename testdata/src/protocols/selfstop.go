package protocols

import (
	"context"
	"time"
)

// W, a worker the sender stops (mpb's progress renderer): the render
// loop serves frame requests until its done channel is closed, and only
// the refresher that sends the requests closes it, as the last thing it
// does. While the refresher can still send, the render loop is there to
// take the send.
type Screen struct {
	ctx    context.Context
	frames chan time.Time
	resize chan int
	done   chan struct{}
}

func NewScreen(ctx context.Context, every time.Duration) *Screen {
	s := &Screen{ctx: ctx, frames: make(chan time.Time), resize: make(chan int), done: make(chan struct{})}
	go s.render()
	go s.refresh(every)
	return s
}

func (s *Screen) render() {
	for {
		select {
		case <-s.frames:
			s.draw()
		case w := <-s.resize:
			s.reflow(w)
		case <-s.done:
			return
		}
	}
}

func (s *Screen) refresh(every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case t := <-tick.C:
			s.frames <- t
		case <-s.ctx.Done():
			close(s.done)
			return
		}
	}
}

func (s *Screen) draw()        {}
func (s *Screen) reflow(w int) {}

// The same render loop stopped from outside: Stop may close done while
// the refresher is about to send, and the send waits for a loop that has
// left (REAL-BUGS 1's dispatcher, stopped by a reload).
type Panel struct {
	frames chan time.Time
	quit   chan struct{}
	done   chan struct{}
}

func (p *Panel) render() {
	for {
		select {
		case <-p.frames:
		case <-p.done:
			return
		}
	}
}

func (p *Panel) refresh() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case t := <-tick.C:
			p.frames <- t // want `send on p.frames may block forever`
		case <-p.quit:
			return
		}
	}
}

func (p *Panel) Stop() { close(p.done) }

// A render loop that also leaves when its own context ends: the
// refresher's close is not its only way out.
type Gauge struct {
	ctx    context.Context
	frames chan time.Time
	done   chan struct{}
}

func (g *Gauge) render() {
	for {
		select {
		case <-g.frames:
		case <-g.ctx.Done():
			return
		case <-g.done:
			return
		}
	}
}

func (g *Gauge) refresh(stop <-chan struct{}) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case t := <-tick.C:
			g.frames <- t // want `send on g.frames may block forever`
		case <-stop:
			close(g.done)
			return
		}
	}
}
