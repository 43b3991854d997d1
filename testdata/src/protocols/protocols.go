// Package protocols holds the channel protocols that make a bare send
// safe, as real servers use them, each beside the true-risk shape it must
// not hide. The safe ones are silent; every line marked `want` is a risk
// that stays flagged.
package protocols

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// R1: the router answers a requester that is already waiting.
type Router struct {
	reload chan chan error
	quit   chan struct{}
}

func (a *Router) loop() {
	for {
		select {
		case errc := <-a.reload:
			errc <- nil // the only requester waits for this reply
		case <-a.quit:
			return
		}
	}
}

// handleReload asks the router; the router may have quit, so the request
// itself can hang.
func (a *Router) handleReload(w http.ResponseWriter, r *http.Request) {
	errc := make(chan error)
	a.reload <- errc // want `send: send on a.reload may block forever`
	<-errc           // want `recv: receive from errc may block forever`
}

// R1 must not apply when a requester can leave before the reply.
type Asker struct{ reqs chan chan int }

func (s *Asker) loop(quit chan struct{}) {
	for {
		select {
		case reply := <-s.reqs:
			reply <- 42 // want `send: send on reply may block forever: .* \(event loop \(\*Asker\).loop\)`
		case <-quit:
			return
		}
	}
}

func (s *Asker) Ask(ctx context.Context) (int, error) { // want Ask:"blocks until parameter 0 is done"
	reply := make(chan int)
	select {
	case s.reqs <- reply:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	select {
	case v := <-reply:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// R2: every request carries a reply slot with room for its one answer.
type request struct {
	n     int
	reply chan int
}

type Doubler struct{ reqs chan request }

func (s *Doubler) loop(quit chan struct{}) {
	for {
		select {
		case r := <-s.reqs:
			r.reply <- 2 * r.n // the slot always has room
		case <-quit:
			return
		}
	}
}

func (s *Doubler) Double(ctx context.Context, n int) (int, error) { // want Double:"blocks until parameter 0 is done"
	r := request{n: n, reply: make(chan int, 1)}
	select {
	case s.reqs <- r:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	select {
	case v := <-r.reply:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Slots that are sometimes unbuffered are not safe.
type job struct{ done chan bool }

type Runner struct{ jobs chan job }

func (s *Runner) loop(stop chan struct{}) {
	for {
		select {
		case j := <-s.jobs:
			j.done <- true // want `send: send on j.done may block forever`
		case <-stop:
			return
		}
	}
}

func (s *Runner) Submit(ctx context.Context) { // want Submit:"blocks until parameter 0 is done"
	select {
	case s.jobs <- job{done: make(chan bool)}:
	case <-ctx.Done():
	}
}

// W: a worker the type starts drains the channel until it is closed.
type Output struct{ work, batches chan []byte }

func NewOutput() *Output {
	o := &Output{work: make(chan []byte, 64), batches: make(chan []byte, 4)}
	go func() {
		for b := range o.batches {
			_ = b
		}
	}()
	go o.batchLoop(time.NewTicker(time.Second).C)
	return o
}

func (o *Output) batchLoop(tick <-chan time.Time) {
	defer close(o.batches)
	var buf []byte
	for {
		select {
		case b := <-o.work:
			buf = append(buf, b...)
		case <-tick:
			o.batches <- buf // the owned worker is alive until batches closes
			buf = nil
		}
	}
}

// A reader that returns on its own stop channel can be gone.
func rotate(tick <-chan int, done <-chan struct{}, keys chan<- int) {
	for {
		select {
		case k := <-tick:
			keys <- k // want `send: send on keys may block forever: .* \(event loop rotate\)`
		case <-done:
			return
		}
	}
}

// K1: a channel used as a mutex gives its token back.
type Conn struct {
	mu   chan struct{}
	data chan []byte
}

func (c *Conn) write(w http.ResponseWriter, r *http.Request) {
	<-c.mu // want `recv: receive from c.mu may block forever`
	defer func() { c.mu <- struct{}{} }()
}

// K2: a limiter that the function's own goroutines release.
type Pool struct{ sem chan struct{} }

func (p *Pool) fetchAll(w http.ResponseWriter, r *http.Request) {
	for range 3 {
		p.sem <- struct{}{} // waits only for goroutines started here
		go func() {
			defer func() { <-p.sem }()
		}()
	}
}

// L: a "latest value" mailbox never waits.
type Latest struct{ c chan int }

func (l *Latest) publish(w http.ResponseWriter, r *http.Request) {
	select {
	case l.c <- 1:
	case <-l.c:
	}
}

// P: select {} after go panic only waits for the panic.
func (l *Latest) crash(w http.ResponseWriter, r *http.Request) {
	go panic("fatal")
	select {}
}

// A Cond.Wait with no predicate loop stays flagged.
type Payload struct {
	mu   sync.Mutex
	cond *sync.Cond
	full *int
}

func (p *Payload) resolve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.full == nil {
		p.cond.Wait() // want `call: call to sync.\(\*Cond\).Wait may block forever: it returns only after another goroutine calls Signal or Broadcast`
	}
}

// W with a quit message: the actor leaves only on receiving stop, so the
// one stop sent is always taken; sends on its work channel are not safe
// (the actor may have stopped).
type Actor struct {
	work chan func()
	stop chan chan struct{}
}

func NewActor() *Actor {
	a := &Actor{work: make(chan func()), stop: make(chan chan struct{})}
	go a.run()
	return a
}

func (a *Actor) run() {
	for {
		select {
		case f := <-a.work:
			f()
		case done := <-a.stop:
			close(done)
			return
		}
	}
}

func (a *Actor) close(w http.ResponseWriter, r *http.Request) {
	done := make(chan struct{})
	a.stop <- done // the actor is alive until it takes this
	<-done         // want `recv: receive from done may block forever`
}

func (a *Actor) do(w http.ResponseWriter, r *http.Request) {
	a.work <- func() {} // want `send: send on a.work may block forever`
}

// N: an event loop's own wait is not a finding, even when another event
// loop's case body reaches it.
type Nested struct{ a, b, c, d chan int }

func (n *Nested) outer() {
	for {
		select {
		case <-n.a:
			n.inner()
		case <-n.b:
		}
	}
}

func (n *Nested) inner() {
	for {
		select {
		case v := <-n.c:
			_ = v
		case v := <-n.d:
			_ = v
		}
	}
}

// B1: a buffer sized by the one loop that fills it has room for every
// send; two sends per iteration do not fit.
type Batch struct{ items []int }

func (b *Batch) collect(w http.ResponseWriter, r *http.Request) {
	results := make(chan int, len(b.items))
	for _, it := range b.items {
		results <- it
	}
	twice := make(chan int, len(b.items))
	for _, it := range b.items {
		twice <- it // want `send: send on twice may block forever`
		twice <- it // want `send: send on twice may block forever`
	}
}

// A subscription replays the current items into a buffer of at least as
// many, and at least 200; a smaller floor does not hold three sends.
func (b *Batch) subscribe(w http.ResponseWriter, r *http.Request) {
	replay := make(chan int, max(len(b.items), 200))
	for _, it := range b.items {
		replay <- it
	}
	greeting := make(chan string, max(2, len(b.items)))
	greeting <- "hello"
	greeting <- "items follow"
	small := make(chan string, max(2, len(b.items)))
	small <- "hello"  // want `send: send on small may block forever`
	small <- "items"  // want `send: send on small may block forever`
	small <- "follow" // want `send: send on small may block forever`
}

// K1 across methods: a token pool filled when it is made; release gives
// back a token that acquire took.
type Sem struct{ ch chan struct{} }

func NewSem(n int) *Sem {
	s := &Sem{ch: make(chan struct{}, n)}
	for range n {
		s.ch <- struct{}{}
	}
	return s
}

func (s *Sem) release() { s.ch <- struct{}{} }

func (s *Sem) serve(w http.ResponseWriter, r *http.Request) {
	<-s.ch // want `recv: receive from s.ch may block forever`
	defer s.release()
}

// R2 over a list of pending requests: each is answered once, in a slot
// that has room.
type Converter struct {
	reqs    chan *request
	pending []*request
}

func (c *Converter) flush(quit chan struct{}) {
	for {
		select {
		case r := <-c.reqs:
			c.pending = append(c.pending, r)
		case <-quit:
			for _, r := range c.pending {
				r.reply <- 0
			}
			return
		}
	}
}

// U: subscribers that leave by asking while they drain their channel
// cannot wedge the fan-out.
type subscriber struct{ events chan int }

type System struct {
	install, uninstall chan *subscriber
	subs               map[*subscriber]bool
}

func (s *System) loop(in chan int) {
	for {
		select {
		case sub := <-s.install:
			s.subs[sub] = true
		case sub := <-s.uninstall:
			delete(s.subs, sub)
		case v := <-in:
			for sub := range s.subs {
				sub.events <- v
			}
		}
	}
}

func (s *System) Unsubscribe(sub *subscriber) { // want Unsubscribe:"may block forever: select"
	for {
		select {
		case s.uninstall <- sub:
			return
		case <-sub.events:
		}
	}
}

// A subscriber that asks to leave without draining can wedge it.
type listener struct{ events chan int }

type Bus struct {
	remove chan *listener
	ls     map[*listener]bool
}

func (b *Bus) loop(in chan int) {
	for {
		select {
		case l := <-b.remove:
			delete(b.ls, l)
		case v := <-in:
			for l := range b.ls {
				l.events <- v // want `send: send on l.events may block forever: .* fan-out over b.ls`
			}
		}
	}
}

func (b *Bus) Unsubscribe(l *listener) { b.remove <- l } // want Unsubscribe:"may block forever: send on b.remove"

// R1 through a parameter: whichever stage channel carries the conn,
// the one who sends it waits for the answer on its cont field, though
// conns also travel elsewhere as mere notices.
type conn struct{ cont chan error }

func notify(c *conn, peers chan *conn) { peers <- c }

type Server struct {
	handshake, addPeer chan *conn
	quit               chan struct{}
}

func (s *Server) run() {
	for {
		select {
		case c := <-s.handshake:
			c.cont <- nil
		case c := <-s.addPeer:
			c.cont <- nil
		case <-s.quit:
			return
		}
	}
}

func (s *Server) checkpoint(c *conn, stage chan<- *conn) error {
	select {
	case stage <- c:
	case <-s.quit:
		return nil
	}
	return <-c.cont
}

func (s *Server) setup(c *conn) error {
	if err := s.checkpoint(c, s.handshake); err != nil {
		return err
	}
	return s.checkpoint(c, s.addPeer)
}

// W with a condition variable: the writer waits in a predicate loop for
// a condition that its own worker goroutine signals (a join, reported by
// the wait check only when it is on); a bare Wait with no loop stays a
// call finding (resolve, above).
type Writer struct {
	mu     sync.Mutex
	cond   *sync.Cond
	tasks  chan func()
	queued int
	done   int
}

func NewWriter() *Writer {
	w := &Writer{tasks: make(chan func(), 8)}
	w.cond = sync.NewCond(&w.mu)
	var workers sync.WaitGroup
	workers.Go(func() { w.loop() }) // a goroutine, as with go
	return w
}

func (w *Writer) loop() {
	for task := range w.tasks {
		task()
		w.finished()
	}
}

func (w *Writer) finished() {
	w.mu.Lock()
	w.done++
	w.cond.Broadcast()
	w.mu.Unlock()
}

func (w *Writer) flush(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for queued := w.queued; w.done < queued; {
		w.cond.Wait()
	}
}
