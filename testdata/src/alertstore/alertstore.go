// Package alertstore is an in-memory alert store (the Alertmanager
// shape): Put hands each alert to every subscriber while holding the
// store's lock. The fan-out send is flagged here; callers in other
// packages are flagged at their call of Put.
package alertstore

import "sync"

type Alert struct{ Name string }

type listener struct {
	alerts chan *Alert
	done   chan struct{}
}

// Alerts is the store.
type Alerts struct {
	mtx       sync.Mutex
	listeners map[int]listener
}

// Put stores alerts and notifies the subscribers.
func (a *Alerts) Put(alerts ...*Alert) { // want Put:"may block forever: send on l.alerts at alertstore.go:28: no default, ctx.Done\\(\\) or timeout case while holding a.mtx"
	a.mtx.Lock()
	defer a.mtx.Unlock()
	for _, alert := range alerts {
		for _, l := range a.listeners {
			l.alerts <- alert // want `send: send on l.alerts may block forever while holding a.mtx: .* \(fan-out over a.listeners in \(\*Alerts\).Put: one stalled subscriber stalls them all\)`
		}
	}
}

// PutFixed gives up on a subscriber that has gone.
func (a *Alerts) PutFixed(alerts ...*Alert) {
	a.mtx.Lock()
	defer a.mtx.Unlock()
	for _, alert := range alerts {
		for _, l := range a.listeners {
			select {
			case l.alerts <- alert:
			case <-l.done:
			}
		}
	}
}
