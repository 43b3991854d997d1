// Package group runs functions on goroutines it keeps count of.
package group

import "sync"

// Group counts the goroutines it starts.
type Group struct {
	wg      sync.WaitGroup
	pending []func()
}

// Start runs f on a new goroutine.
func (g *Group) Start(f func()) { // want Start:"never blocks; starts its function argument on a goroutine"
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		f()
	}()
}

// Later keeps f to run when Flush is called.
func (g *Group) Later(f func()) {
	g.pending = append(g.pending, f)
}

// Wait waits for the goroutines Start started.
func (g *Group) Wait() { g.wg.Wait() }
