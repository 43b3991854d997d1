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

// TreeCache mirrors a tree of watched paths. Its head node is built
// stopped: the guarded sends never fire on it, and the loop's one send
// on stop, before it returns, has the head's buffer to itself.
type TreeCache struct {
	head    *node
	updates chan string
	resync  <-chan time.Time
	stop    chan struct{}
}

func NewTreeCache() *TreeCache {
	tc := &TreeCache{updates: make(chan string), stop: make(chan struct{})}
	tc.head = &node{done: make(chan struct{}, 1), stopped: true, children: map[string]*node{}}
	go tc.loop()
	return tc
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
		case <-tc.stop:
			tc.head.done <- struct{}{}
			tc.recursiveStop(tc.head)
			return
		}
	}
}

// A root built running may take a guarded send before the last one.
type watchNode struct {
	done    chan struct{}
	stopped bool
}

type Watcher struct {
	root *watchNode
	stop chan struct{}
	tick <-chan time.Time
}

func NewWatcher() *Watcher {
	w := &Watcher{stop: make(chan struct{}), root: &watchNode{done: make(chan struct{}, 1)}}
	go w.loop()
	return w
}

func (w *Watcher) loop() {
	for {
		select {
		case <-w.tick:
			if !w.root.stopped {
				w.root.done <- struct{}{}
				w.root.stopped = true
			}
		case <-w.stop:
			w.root.done <- struct{}{} // want `send on w.root.done may block forever`
			return
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
