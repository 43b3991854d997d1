package protocols

import "net/http"

// W with a stop handshake: the generator is started with running set
// and stopped at most once per start, and it answers a stop request
// before every exit, so the stop is always taken.
type generator struct {
	running bool
	abort   chan chan struct{}
	done    chan struct{}
}

func (g *generator) run() {
	if g.running {
		g.stop()
	}
	g.running = true
	go g.generate()
}

func (g *generator) stop() {
	if !g.running {
		return
	}
	ch := make(chan struct{})
	g.abort <- ch
	<-ch // want `recv: receive from ch may block forever`
	g.running = false
}

func (g *generator) generate() {
	var abort chan struct{}
	if err := g.step(); err != nil {
		abort = <-g.abort
		close(abort)
		return
	}
	close(g.done)
	abort = <-g.abort // someone will be looking for us
	close(abort)
}

func (g *generator) step() error { return nil }

func (g *generator) rebuild(w http.ResponseWriter, r *http.Request) {
	g.stop()
	g.run()
}

// A worker that may leave without answering strands the next stop.
type indexer struct {
	running bool
	abort   chan chan struct{}
}

func (x *indexer) run() {
	x.running = true
	go x.index()
}

func (x *indexer) stop() {
	if !x.running {
		return
	}
	ch := make(chan struct{})
	x.abort <- ch // want `send on x.abort may block forever`
	<-ch          // want `recv: receive from ch may block forever`
	x.running = false
}

func (x *indexer) index() {
	if err := x.step(); err != nil {
		return // gone without a word
	}
	close(<-x.abort)
}

func (x *indexer) step() error { return nil }

func (x *indexer) reindex(w http.ResponseWriter, r *http.Request) {
	x.stop()
	x.run()
}
