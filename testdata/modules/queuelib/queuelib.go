// Package queuelib is a queue library in a module of its own: its Push
// waits for room without bound.
package queuelib

// Queue is a bounded queue of strings.
type Queue struct{ items chan string }

// New returns a queue with room for n items.
func New(n int) *Queue { return &Queue{items: make(chan string, n)} }

// Push waits for room.
func (q *Queue) Push(s string) { q.items <- s }
