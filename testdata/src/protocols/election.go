package protocols

import "sync"

// B1 with a goroutine helper of the package: goFunc starts its argument
// on a goroutine, as go does, so the votes the peers' goroutines send do
// not count against the candidate's own sends; the candidate sends one
// per server, into a buffer of one per server.
type Candidate struct {
	servers []string
	self    string
	group   sync.WaitGroup
	ticks   chan struct{}
	quit    chan struct{}
}

func (r *Candidate) goFunc(f func()) {
	r.group.Add(1)
	go func() {
		defer r.group.Done()
		f()
	}()
}

func (r *Candidate) electSelf() <-chan bool {
	respCh := make(chan bool, len(r.servers))
	askPeer := func(peer string) {
		r.goFunc(func() {
			respCh <- requestVote(peer)
		})
	}
	for _, server := range r.servers {
		if server == r.self {
			respCh <- true
		} else {
			askPeer(server)
		}
	}
	return respCh
}

func requestVote(peer string) bool { return true }

func (r *Candidate) run() {
	for {
		select {
		case <-r.ticks:
			r.electSelf()
		case <-r.quit:
			return
		}
	}
}

// withRetry calls its argument here: what it sends counts.
func withRetry(f func()) { f() }

func (r *Candidate) electTwice() <-chan bool {
	respCh := make(chan bool, len(r.servers))
	for _, server := range r.servers {
		withRetry(func() { respCh <- requestVote(server) }) // want `send on respCh may block forever`
		respCh <- true                                      // want `send on respCh may block forever`
	}
	return respCh
}

func (r *Candidate) runTwice() {
	for {
		select {
		case <-r.ticks:
			r.electTwice()
		case <-r.quit:
			return
		}
	}
}
