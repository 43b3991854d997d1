package protocols

import (
	"context"
	"io"
	"time"
)

// R2 in a batch: a write coalescer collects the reply slot of each write
// request (made with room by the writer) into a batch, answers every
// slot of the batch once when it flushes, in a helper that gets the
// batch, and starts a new batch; on quit it answers what is pending and
// returns (gocql's write coalescer). Each slot gets one reply, into its
// own room.
type writeResult struct {
	n   int
	err error
}

type writeRequest struct {
	result chan<- writeResult
	data   []byte
}

type Coalescer struct {
	writes chan writeRequest
	quit   chan struct{}
}

func (w *Coalescer) write(ctx context.Context, p []byte) (int, error) {
	result := make(chan writeResult, 1)
	select {
	case w.writes <- writeRequest{result: result, data: p}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	r := <-result
	return r.n, r.err
}

func (w *Coalescer) flusher(tick <-chan time.Time) {
	var buffers [][]byte
	var results []chan<- writeResult
	for {
		select {
		case req := <-w.writes:
			buffers = append(buffers, req.data)
			results = append(results, req.result)
		case <-w.quit:
			for _, r := range results {
				r <- writeResult{err: io.EOF}
			}
			return
		case <-tick:
			w.flush(results, buffers)
			buffers = nil
			results = nil
		}
	}
}

func (w *Coalescer) flush(results []chan<- writeResult, buffers [][]byte) {
	for i := range buffers {
		results[i] <- writeResult{n: len(buffers[i])}
	}
}

// The same coalescer that forgets to start a new batch after a flush:
// the next flush answers the old slots again, and a writer that already
// took its one reply has left a full slot behind.
type StaleCoalescer struct {
	writes chan writeRequest
	quit   chan struct{}
}

func (w *StaleCoalescer) flusher(tick <-chan time.Time) {
	var buffers [][]byte
	var results []chan<- writeResult
	for {
		select {
		case req := <-w.writes:
			buffers = append(buffers, req.data)
			results = append(results, req.result)
		case <-w.quit:
			return
		case <-tick:
			w.flush(results, buffers)
			buffers = buffers[:0]
		}
	}
}

func (w *StaleCoalescer) flush(results []chan<- writeResult, buffers [][]byte) {
	for i := range buffers {
		results[i] <- writeResult{n: len(buffers[i])} // want `send on results\[i\] may block forever`
	}
}
