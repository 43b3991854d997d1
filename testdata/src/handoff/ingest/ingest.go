// Package ingest writes batches on a loop, with a tracker and a flusher
// from another package.
package ingest

import "handoff/marks"

// Ingester writes what arrives and reports progress.
type Ingester struct {
	batches chan []byte
	stop    chan struct{}
	tracker *marks.Tracker
	flusher *marks.Flusher
}

func (in *Ingester) run() {
	var n uint64
	for {
		select {
		case b := <-in.batches:
			n++
			in.flusher.Flush(b) // want `call to marks.\(\*Flusher\).Flush may block forever at send on f.flushes`
			in.tracker.Done(n)  // the tracker serves marks until its owner closes it
		case <-in.stop:
			return
		}
	}
}
