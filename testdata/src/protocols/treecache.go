package protocols

import "time"

// B1 under a one-shot flag: each node's watcher is told to stop once,
// into a buffer of one, because stopped is set right after and never
// cleared.
type node struct {
	done     chan struct{}
	stopped  bool
	children map[string]*node
}

// TreeCache mirrors a tree of watched paths.
type TreeCache struct {
	head    *node
	updates chan string
	resync  <-chan time.Time
}

func (tc *TreeCache) loop() {
	for {
		select {
		case path := <-tc.updates:
			tc.head.children[path] = &node{done: make(chan struct{}, 1)}
		case <-tc.resync:
			for _, child := range tc.head.children {
				tc.recursiveStop(child)
			}
		}
	}
}

func (tc *TreeCache) recursiveStop(n *node) {
	if !n.stopped {
		n.done <- struct{}{}
		n.stopped = true
	}
	for _, child := range n.children {
		tc.recursiveStop(child)
	}
}

// A flag that is cleared again guards nothing.
type idleConn struct {
	wake   chan struct{}
	asleep bool
}

// IdlePool wakes idle connections.
type IdlePool struct {
	conns   []*idleConn
	returns chan *idleConn
	ticks   <-chan time.Time
}

func (p *IdlePool) loop() {
	for {
		select {
		case c := <-p.returns:
			c.asleep = false
		case <-p.ticks:
			for _, c := range p.conns {
				if !c.asleep {
					c.wake <- struct{}{} // want `send on c.wake may block forever`
					c.asleep = true
				}
			}
		}
	}
}

func newIdleConn() *idleConn { return &idleConn{wake: make(chan struct{}, 1)} }
