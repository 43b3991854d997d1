package protocols

import (
	"net/http"
	"sync"
)

// R2, waiters kept in a map: each delivery in flight has a slot with
// room, and every send on a slot deletes its entry in the same critical
// section (go-amqp's settlement of in-flight deliveries). An entry
// leaves the map with its one reply, so no later settlement finds it.
type flightInfo struct {
	wait chan error
	msg  string
}

type InFlight struct {
	mu sync.Mutex
	m  map[uint32]flightInfo
}

func (f *InFlight) add(id uint32, msg string) chan error {
	wait := make(chan error, 1)
	f.mu.Lock()
	f.m[id] = flightInfo{wait: wait, msg: msg}
	f.mu.Unlock()
	return wait
}

func (f *InFlight) remove(first, last uint32, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := first; i <= last; i++ {
		info, ok := f.m[i]
		if ok {
			info.wait <- err
			delete(f.m, i)
		}
	}
}

func (f *InFlight) settle(w http.ResponseWriter, r *http.Request) { f.remove(1, 3, nil) }

func (f *InFlight) clear(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, info := range f.m {
		info.wait <- http.ErrServerClosed
		delete(f.m, id)
	}
}

// The same map whose settlement keeps the entry: a delivery settled
// twice (a retransmitted disposition) finds its slot full.
type pendingInfo struct {
	wait chan error
}

type Pending struct {
	mu sync.Mutex
	m  map[uint32]pendingInfo
}

func (p *Pending) add(id uint32) chan error {
	wait := make(chan error, 1)
	p.mu.Lock()
	p.m[id] = pendingInfo{wait: wait}
	p.mu.Unlock()
	return wait
}

func (p *Pending) settle(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if info, ok := p.m[1]; ok {
		info.wait <- nil // want `send on info.wait may block forever while holding p.mu`
	}
}
