package protocols

import "sync"

// B1, a one-shot flag checked beside another condition: the accept loop
// hands a hole-punched connection to the one dialer waiting for it, at
// most once per punch (if ok && !punch.fulfilled), into a buffer of one
// (libp2p's QUIC transport).
type punch struct {
	conns     chan int
	fulfilled bool
}

type PunchTransport struct {
	mu       sync.Mutex
	punching map[string]*punch
	accepted chan int
	quit     chan struct{}
}

func (t *PunchTransport) holePunch(addr string) int {
	conns := make(chan int, 1)
	t.mu.Lock()
	t.punching[addr] = &punch{conns: conns}
	t.mu.Unlock()
	return <-conns
}

func (t *PunchTransport) acceptLoop(addrOf func(int) string) {
	for {
		select {
		case c := <-t.accepted:
			t.mu.Lock()
			p, ok := t.punching[addrOf(c)]
			if ok && !p.fulfilled {
				p.conns <- c
				p.fulfilled = true
			}
			t.mu.Unlock()
		case <-t.quit:
			return
		}
	}
}

// The same hand-off with a flag that a retry clears: a second
// connection for the same punch waits forever once the dialer is gone.
type retryPunch struct {
	conns     chan int
	fulfilled bool
}

type RetryTransport struct {
	mu       sync.Mutex
	punching map[string]*retryPunch
	accepted chan int
	quit     chan struct{}
}

func (t *RetryTransport) holePunch(addr string) int {
	conns := make(chan int, 1)
	t.mu.Lock()
	t.punching[addr] = &retryPunch{conns: conns}
	t.mu.Unlock()
	return <-conns
}

func (t *RetryTransport) retry(addr string) {
	t.mu.Lock()
	t.punching[addr].fulfilled = false
	t.mu.Unlock()
}

func (t *RetryTransport) acceptLoop(addrOf func(int) string) {
	for {
		select {
		case c := <-t.accepted:
			t.mu.Lock()
			p, ok := t.punching[addrOf(c)]
			if ok && !p.fulfilled {
				p.conns <- c // want `send on p.conns may block forever while holding t.mu`
				p.fulfilled = true
			}
			t.mu.Unlock()
		case <-t.quit:
			return
		}
	}
}
