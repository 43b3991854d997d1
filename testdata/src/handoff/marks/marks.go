// Package marks tracks which writes are done, on a goroutine each
// tracker starts for itself and keeps until its owner closes it.
package marks

import "context"

// Closer tells goroutines to stop, like a context's Done channel.
type Closer struct{ done chan struct{} }

// NewCloser returns an open closer.
func NewCloser() *Closer { return &Closer{done: make(chan struct{})} }

// Closed returns a channel closed when the closer is.
func (c *Closer) Closed() <-chan struct{} { return c.done }

// Close tells the goroutines to stop.
func (c *Closer) Close() { close(c.done) }

// Tracker serves marks on its own goroutine until its closer closes.
type Tracker struct {
	marks chan uint64
	last  uint64
}

// Init starts the tracker's goroutine.
func (t *Tracker) Init(c *Closer) {
	t.marks = make(chan uint64, 100)
	go t.process(c)
}

func (t *Tracker) process(c *Closer) {
	for {
		select {
		case <-c.Closed():
			return
		case m := <-t.marks:
			t.last = m
		}
	}
}

// Done marks index i done; it waits only if the tracker was closed.
func (t *Tracker) Done(i uint64) { // want Done:`may block forever: send on t.marks at marks.go:\d+: .*; only after its worker stops`
	t.marks <- i // want `send on t.marks may block forever: .*\(event loop \(\*Reporter\).loop → \(\*Tracker\).Done\)`
}

// Flusher serves flushes until its context ends, or until a flush fails:
// after a failure nothing takes the next flush.
type Flusher struct {
	flushes chan []byte
}

// Start starts the flusher's goroutine.
func (f *Flusher) Start(ctx context.Context) {
	f.flushes = make(chan []byte, 8)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case b := <-f.flushes:
				if err := write(b); err != nil {
					return
				}
			}
		}
	}()
}

// Flush hands b to the flusher.
func (f *Flusher) Flush(b []byte) { // want Flush:`may block forever: send on f.flushes at marks.go:\d+: [^;]*$`
	f.flushes <- b
}

func write(b []byte) error { return nil }

// Reporter stops its tracker's closer from its own loop, and then marks
// a last index: within the package the send after the stop is in sight.
type Reporter struct {
	t      Tracker
	c      *Closer
	events chan uint64
	quit   chan struct{}
}

func (r *Reporter) loop() {
	for {
		select {
		case i := <-r.events:
			r.t.Done(i)
		case <-r.quit:
			r.c.Close()
			r.t.Done(0)
			return
		}
	}
}
