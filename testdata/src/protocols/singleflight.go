package protocols

import (
	"errors"
	"net/http"
	"sync"
)

// A single flight on a sync.Cond (dendrite's thumbnail generation): the
// first request for a thumbnail registers an entry and becomes its owner,
// and its deferred call wakes every later request for the same thumbnail
// and deletes the entry, however the work ends. A later request finds the
// entry and waits for that owner: a join on the owner's work, the wait
// check's business (off here), not a wait on whoever might come.
type generation struct {
	cond *sync.Cond
	err  error
}

type Thumbnailer struct {
	mu     sync.Mutex
	active map[string]*generation
}

// claim returns true when the caller owns the generation of path; when
// another request owns it, it waits for that one's result.
func (t *Thumbnailer) claim(path string) (bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if g, ok := t.active[path]; ok {
		g.cond.Wait()
		return false, g.err
	}
	t.active[path] = &generation{cond: sync.NewCond(&t.mu)}
	return true, nil
}

// finish wakes the requests waiting on path's generation; only its owner
// calls it.
func (t *Thumbnailer) finish(path string, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if g, ok := t.active[path]; ok {
		g.err = err
		g.cond.Broadcast()
	}
	delete(t.active, path)
}

func (t *Thumbnailer) thumbnail(w http.ResponseWriter, r *http.Request) {
	if err := t.generate(r.URL.Path); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (t *Thumbnailer) generate(path string) (err error) {
	owner, err := t.claim(path)
	if !owner {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			t.finish(path, errors.New("panicked"))
			panic(p)
		}
		t.finish(path, err)
	}()
	return resize(path)
}

func resize(path string) error { return nil }

// The same entry, but an owner whose error path leaves without waking
// anyone: a request that found its entry waits forever.
type fetch struct {
	cond *sync.Cond
}

type Fetcher struct {
	mu     sync.Mutex
	active map[string]*fetch
}

func (f *Fetcher) claim(key string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if g, ok := f.active[key]; ok {
		g.cond.Wait() // want `call: call to sync.\(\*Cond\).Wait may block forever`
		return false
	}
	f.active[key] = &fetch{cond: sync.NewCond(&f.mu)}
	return true
}

func (f *Fetcher) fetch(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Path
	if !f.claim(key) {
		return
	}
	if err := resize(key); err != nil {
		return // the waiters are never woken
	}
	f.mu.Lock()
	if g, ok := f.active[key]; ok {
		g.cond.Broadcast()
	}
	delete(f.active, key)
	f.mu.Unlock()
}

// A deferred Broadcast on a Cond that is no map entry: the handler waits
// for a Publish that may never come.
type Latch struct {
	mu    sync.Mutex
	ready *sync.Cond
	value []byte
}

func (l *Latch) Publish(v []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	defer l.ready.Broadcast()
	l.value = v
}

func (l *Latch) read(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.value == nil {
		l.ready.Wait() // want `call: call to sync.\(\*Cond\).Wait may block forever`
	}
	w.Write(l.value)
}

// Finishes that do not prove the join, each a request that can wait for
// a Broadcast that has already happened or never comes: a Signal wakes
// one waiter of many; a finish that keeps the entry (a cache) strands
// every later request that finds it; a Broadcast deferred on its own runs
// before the deferred delete and outside the lock; one made only on
// success strands the waiters of a failure.
type dnsLookup struct {
	cond *sync.Cond
	addr string
}

type DNSCache struct {
	mu       sync.Mutex
	signaled map[string]*dnsLookup
	cached   map[string]*dnsLookup
	early    map[string]*dnsLookup
	failed   map[string]*dnsLookup
}

func (r *DNSCache) bySignal(w http.ResponseWriter, req *http.Request) {
	host := req.URL.Host
	r.mu.Lock()
	if l, ok := r.signaled[host]; ok {
		l.cond.Wait() // want `call: call to sync.\(\*Cond\).Wait may block forever`
		r.mu.Unlock()
		return
	}
	l := &dnsLookup{cond: sync.NewCond(&r.mu)}
	r.signaled[host] = l
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.signaled, host)
		l.cond.Signal()
		r.mu.Unlock()
	}()
	l.addr = host
}

func (r *DNSCache) byCache(w http.ResponseWriter, req *http.Request) {
	host := req.URL.Host
	r.mu.Lock()
	if l, ok := r.cached[host]; ok {
		l.cond.Wait() // want `call: call to sync.\(\*Cond\).Wait may block forever`
		r.mu.Unlock()
		return
	}
	l := &dnsLookup{cond: sync.NewCond(&r.mu)}
	r.cached[host] = l
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		l.cond.Broadcast()
		r.mu.Unlock()
	}()
	l.addr = host
}

func (r *DNSCache) byDeferredBroadcast(w http.ResponseWriter, req *http.Request) {
	host := req.URL.Host
	r.mu.Lock()
	if l, ok := r.early[host]; ok {
		l.cond.Wait() // want `call: call to sync.\(\*Cond\).Wait may block forever`
		r.mu.Unlock()
		return
	}
	l := &dnsLookup{cond: sync.NewCond(&r.mu)}
	r.early[host] = l
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.early, host)
		r.mu.Unlock()
	}()
	defer l.cond.Broadcast()
	l.addr = host
}

func (r *DNSCache) bySuccess(w http.ResponseWriter, req *http.Request) {
	host := req.URL.Host
	r.mu.Lock()
	if l, ok := r.failed[host]; ok {
		l.cond.Wait() // want `call: call to sync.\(\*Cond\).Wait may block forever`
		r.mu.Unlock()
		return
	}
	l := &dnsLookup{cond: sync.NewCond(&r.mu)}
	r.failed[host] = l
	r.mu.Unlock()
	var err error
	defer func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		delete(r.failed, host)
		if err == nil {
			l.cond.Broadcast()
		}
	}()
	l.addr, err = host, resize(host)
}
