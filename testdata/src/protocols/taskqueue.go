package protocols

import "net/http"

// Parameter guards: enableStreams sends on its task queue only when it
// is given one, and every queue it is given is drained by workers until
// it is closed. Called with nil, or with such a queue, it cannot block.
type Account struct {
	streams []string
}

func (a *Account) enableStreams(tq chan<- func()) error {
	if tq != nil {
		for _, s := range a.streams {
			tq <- func() { restore(s) } // want `send on tq may block forever: .*\(HTTP handler \(\*Account\).enableLater → configure`
		}
		return nil
	}
	for _, s := range a.streams {
		restore(s)
	}
	return nil
}

func restore(stream string) {}

func configure(a *Account, tq chan<- func()) error {
	return a.enableStreams(tq)
}

func parallelTaskQueue(n int) chan<- func() {
	tq := make(chan func(), n)
	for range n {
		go func() {
			for fn := range tq {
				fn()
			}
		}()
	}
	return tq
}

func (a *Account) updateClaims(w http.ResponseWriter, r *http.Request) {
	configure(a, nil) // inline: nothing to wait for
}

func (a *Account) enableAll(w http.ResponseWriter, r *http.Request) {
	tq := parallelTaskQueue(8)
	defer close(tq)
	configure(a, tq) // workers drain the queue until it is closed
}

// A queue nobody drains can fill up.
func (a *Account) enableLater(w http.ResponseWriter, r *http.Request) {
	tq := make(chan func(), 8)
	configure(a, tq) // reported at the send above, with this path
}
